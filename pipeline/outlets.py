"""The outlet registry: ``data/outlets.toml`` plus the ``[[outlets]]`` of dataset.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pipeline import urls


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()


def builtin_entries() -> list[dict[str, Any]]:
    text = resources.files("pipeline").joinpath("data", "outlets.toml").read_text("utf-8")
    return tomllib.loads(text)["outlet"]


def make_outlet(entry: dict[str, Any]) -> Outlet:
    return Outlet(
        name=entry["name"],
        domains=tuple(d.lower() for d in entry.get("domains", [])),
        aliases=tuple(entry.get("aliases", [entry["name"]])),
        signatures=tuple(entry.get("signatures", [])),
    )


class Registry:
    def __init__(self, extra: list[dict[str, Any]] | None = None) -> None:
        # User entries come first so they win over built-in ones with the same domain or alias.
        self.outlets = [make_outlet(e) for e in [*(extra or []), *builtin_entries()]]

    def by_domain(self, url: str | None) -> Outlet | None:
        host = urls.host(url)
        if not host:
            return None
        return next((o for o in self.outlets if any(host == d or host.endswith("." + d) for d in o.domains)), None)

    def by_alias(self, name: str | None) -> Outlet | None:
        key = (name or "").strip().casefold()
        return next((o for o in self.outlets if key and key in (a.casefold() for a in o.aliases)), None)

    def by_signature(self, text: str) -> tuple[Outlet, str] | None:
        for outlet in self.outlets:
            for signature in outlet.signatures:
                if signature in text:
                    return outlet, signature
        return None
