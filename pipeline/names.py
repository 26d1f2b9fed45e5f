"""Reading person names out of byline strings ("By Jane Doe and John Roe, Staff Writer").

The vocabulary (prefixes, role words, phrases that name nobody) lives in
``data/bylines.toml`` so a user can extend it without touching code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pipeline.dates import MONTHS

SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)
# "LauziereFollow", "LoginGet": two words glued by a renderer, not a name like "DeSiato".
GLUED = re.compile(r"[a-zà-ÿ]{3,}[A-Z]")
# Degrees and post-nominal letters: "Ph.D.", "MD", "FOMA", "Jr.".
CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.){1,4}$|^[A-Z]{2,6}\.?$|^(?:Jr|Sr|PhD|MSc|MBA)\.?$")
TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*$|^[A-Z]\.$")


@cache
def vocabulary() -> dict[str, list[str]]:
    text = resources.files("pipeline").joinpath("data", "bylines.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def word_set(kind: str) -> frozenset[str]:
    """One of ``bylines.toml``'s word lists as a set, built once (these are read per line)."""
    return frozenset(vocabulary()[kind])


@cache
def prefixes_longest_first() -> list[str]:
    """The byline prefixes, longest first: "written by" must be tried before "by"."""
    return sorted(vocabulary()["prefixes"], key=len, reverse=True)


@cache
def prefix_pattern() -> re.Pattern[str]:
    """The byline prefixes as one expression over a lowered line: its match is the first
    prefix, longest first, that opens the line (one attempt instead of one per prefix)."""
    return re.compile(rf"({'|'.join(map(re.escape, prefixes_longest_first()))})\b\s*:?\s*")


def strip_prefix(text: str) -> str:
    opening = prefix_pattern().match(text.lower())
    if opening is None:
        return text
    return re.sub(rf"^{re.escape(opening[1])}\b\s*:?\s*", "", text, flags=re.I)


@cache
def byline_opening() -> re.Pattern[str]:
    """A line that opens with a byline prefix, capitalised, then a capitalised word ("By Sarah
    Schwartz", "Written by: Ann Lee"): mid-sentence, "by" is lower-case."""
    prefixes = "|".join(re.escape(p[:1].upper() + p[1:]) for p in prefixes_longest_first())
    return re.compile(rf"(?:{prefixes})\b\s*:?\s+[A-ZÀ-ÖØ-Þ]")


def cut_at_role(tokens: list[str]) -> list[str]:
    """The tokens before a role word, a month or an outlet in capitals: "Jane Doe Senior Reporter"
    → "Jane Doe", "Jane Doe December" (a byline glued to its date) → "Jane Doe", "Jane Doe USA TODAY"
    → "Jane Doe"."""
    roles = word_set("roles")
    for i, token in enumerate(tokens):
        word = token.lower().strip(".,")
        # A month after a full name is its date; first ("April Smith") or alone it may be a name.
        if word in roles or (i >= 2 and (word in MONTHS or outlet_caps(token))):
            return tokens[:i]
    return tokens


def outlet_caps(token: str) -> bool:
    """ "USA TODAY", "CNN" after a full name: the outlet, not more of the name."""
    return len(token) >= 3 and token.isalpha() and token.isupper()


def person_name(tokens: list[str], single: bool = False) -> str | None:
    """``tokens`` as a person's name (2–4 capitalised words; one, if ``single``), or None."""
    particles = word_set("particles")
    # Particles are lower-case ("van", "de"); "Ben" or "Van" written capitalised is a name.
    capitalised = [t for t in tokens if t not in particles]
    least = 1 if single else 2
    if not least <= len(tokens) <= 5 or not least <= len(capitalised) <= 4:
        return None
    if len(tokens) == 1 and not (tokens[0].isalpha() and len(tokens[0]) >= 3 and tokens[0].lower() not in MONTHS):
        return None
    if not all(TOKEN.match(t) and not GLUED.search(t) for t in capitalised):
        return None
    if heading_words(" ".join(tokens)):
        return None
    return " ".join(tokens)


def names_nobody(text: str) -> bool:
    return bool(not_names_pattern().search(text.lower()))


@cache
def not_names_pattern() -> re.Pattern[str]:
    """The phrases that name nobody, as one expression (one search per line, not one per phrase)."""
    phrases = "|".join(re.escape(phrase) for phrase in vocabulary()["not_names"])
    return re.compile(rf"\b(?:{phrases})\b")


def parse_byline(text: str, single: bool = False) -> list[str]:
    """Person names in a byline; empty when it names nobody (a role, a widget, a desk).

    ``single`` accepts a one-word name ("Susan"): only for sources that say the value is an
    author (JSON-LD, an author meta tag), never for a line of text that might be anything.
    """
    body = strip_prefix(text.strip())
    if not body or names_nobody(body):
        return []
    found: list[str] = []
    after_role = False  # a role was read after a name: what follows is its affiliation
    for part in SEPARATORS.split(body):
        tokens = unrepeated(part.split())
        if not tokens:
            continue
        if after_role:
            break  # "Jane Doe, Sr. Director of Operations, Atlas Van Lines - 10+ Years": stop at the role
        if any(map(str.isdigit, part)):
            return []  # a date, a count: not a byline of names
        if credits_group(tokens):
            return []  # "TOI Lifestyle Desk" credits a desk: no person, and no part of it is one
        if found and all(CREDENTIAL.match(t) for t in tokens):
            continue  # "Ph.D.", "MD, FOMA": letters after a name
        kept = cut_at_role(tokens)
        if not kept or (found and len(kept) < len(tokens)):
            after_role = bool(found)
            continue  # a role ("Staff Writer", "Shipping Expert") beside the names
        # One word is a name only as given whole ("Podium Staff" leaves "Podium"), and not an acronym.
        one_word_ok = single and len(kept) == len(tokens) and not kept[0].isupper()
        name = person_name(kept, one_word_ok)
        if name is None:
            return []  # any other non-name voids the byline
        found.append(name)
        after_role = len(kept) < len(tokens)
    return list(dict.fromkeys(found))


def unrepeated(tokens: list[str]) -> list[str]:
    """ "Colin Gray Colin Gray" (a name printed twice, as a link and as text; or three times,
    with an image's alt text) → "Colin Gray"."""
    for copies in (2, 3):
        size = len(tokens) // copies
        if size and len(tokens) % copies == 0 and tokens == tokens[:size] * copies:
            return tokens[:size]
    return tokens


def credits_group(tokens: list[str]) -> bool:
    groups = word_set("collectives")
    return any(t.lower().strip(".,") in groups for t in tokens)


def heading_words(text: str) -> bool:
    """Whether ``text`` holds a word of headings and widgets: not a bare name line."""
    words = word_set("heading_words")
    return any(token.lower().strip(".,:;’'") in words for token in text.split())


def collective_byline(text: str) -> bool:
    """A short capitalised credit that names no person ("Trim Correspondents", "Staff Writer")."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or not all(t[:1].isupper() for t in tokens):
        return False
    credits = word_set("roles") | word_set("collectives")
    return any(t.lower().strip(".,") in credits for t in tokens)



def heading_words_share(text: str) -> float:
    words = word_set("heading_words")
    tokens = [t.lower().strip(".,:;’'!?()") for t in text.split()]
    return sum(t in words for t in tokens) / len(tokens) if tokens else 0.0


def role_line(text: str) -> bool:
    """A line that is only a job title ("Founder & CEO", "VP - Technology", "Senior Reporter")."""
    tokens = [t.lower().strip(".,") for t in re.split(r"[\s&/|,-]+", text) if t.strip(".,")]
    roles = word_set("roles")
    return 1 <= len(tokens) <= 5 and tokens[0] in roles or (bool(tokens) and all(
        t in roles or t in ("of", "and", "the") for t in tokens))
