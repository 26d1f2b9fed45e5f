"""Reading person names out of byline strings ("By Jane Doe and John Roe, Staff Writer").

The vocabulary (prefixes, role words, phrases that name nobody) lives in
``data/bylines.toml`` so a user can extend it without touching code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)
TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*$|^[A-Z]\.$")


@cache
def vocabulary() -> dict[str, list[str]]:
    text = resources.files("pipeline").joinpath("data", "bylines.toml").read_text("utf-8")
    return tomllib.loads(text)


def strip_prefix(text: str) -> str:
    lowered = text.lower()
    for prefix in sorted(vocabulary()["prefixes"], key=len, reverse=True):
        if re.match(rf"{re.escape(prefix)}\b\s*:?\s*", lowered):
            return re.sub(rf"^{re.escape(prefix)}\b\s*:?\s*", "", text, flags=re.I)
    return text


def cut_at_role(tokens: list[str]) -> list[str]:
    roles = set(vocabulary()["roles"])
    for i, token in enumerate(tokens):
        if token.lower().strip(".,") in roles:
            return tokens[:i]
    return tokens


def person_name(tokens: list[str]) -> str | None:
    """``tokens`` as a person's name (2–4 capitalised words), or None."""
    particles = set(vocabulary()["particles"])
    capitalised = [t for t in tokens if t.lower() not in particles]
    if not 2 <= len(tokens) <= 5 or not 2 <= len(capitalised) <= 4:
        return None
    if not all(TOKEN.match(t) for t in capitalised):
        return None
    return " ".join(tokens)


def names_nobody(text: str) -> bool:
    lowered = text.lower()
    return any(phrase in lowered for phrase in vocabulary()["not_names"])


def parse_byline(text: str) -> list[str]:
    """Person names in a byline; empty when it names nobody (a role, a widget, a desk)."""
    body = strip_prefix(text.strip())
    if not body or names_nobody(body) or any(ch.isdigit() for ch in body):
        return []
    # A part that is only a role ("Staff Writer") is dropped; any other non-name voids the byline.
    parts = [cut_at_role(part.split()) for part in SEPARATORS.split(body)]
    names = [person_name(tokens) for tokens in parts if tokens]
    if not names or any(n is None for n in names):
        return []
    return list(dict.fromkeys(n for n in names if n))
