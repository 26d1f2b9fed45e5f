"""The outlet registry: domains, textual signatures, title-suffix aliases; users extend it."""

from __future__ import annotations

from pipeline.outlets import Registry


def test_builtin_registry() -> None:
    registry = Registry()
    assert registry.by_domain("https://www.inss.org.il/publication/x/").name == "INSS"
    assert registry.by_domain("https://notinss.org.il/") is None
    hit = registry.by_signature("… INSS logo The Institute for National Security Studies, Strategic …")
    assert hit is not None and hit[0].name == "INSS"
    assert registry.by_alias("the guardian").name == "The Guardian"


def test_user_entries_win_and_extend() -> None:
    registry = Registry([{"name": "Gazette", "domains": ["gazette.example"], "signatures": ["© Gazette Ltd"]},
                         {"name": "INSS Mirror", "domains": ["inss.org.il"]}])
    assert registry.by_domain("https://news.gazette.example/a").name == "Gazette"
    assert registry.by_signature("footer © Gazette Ltd 2024")[0].name == "Gazette"
    assert registry.by_domain("https://inss.org.il/").name == "INSS Mirror"
