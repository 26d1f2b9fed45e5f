"""Metadata: title, authors, publication date, outlet and URL, each with its evidence.

Every source of a value is a *candidate* (value, method, confidence, snippet). The
candidate with the highest confidence wins; all candidates are kept as ``Evidence``
(the winner marked ``selected``), so a reader can see what else was considered. A field
with no candidate stays null: nothing is invented.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pipeline import dates, names
from pipeline.config import Config
from pipeline.doc import Doc, Evidence
from pipeline.outlets import Registry
from pipeline.stage import Stage
from pipeline.textmeta import split_title

FIELDS = ("title", "authors", "date_published", "outlet", "url")


def candidate(field: str, value: str | None, method: str, confidence: float, snippet: str) -> Evidence:
    return Evidence(field=field, value=value, method=method, confidence=confidence, snippet=snippet[:300])


def text_candidates(hints: dict[str, Any]) -> list[Evidence]:
    """Values the clean stage found in a text dump's title, byline and dateline lines."""
    found: list[Evidence] = []
    if title := hints.get("title_line"):
        found.append(candidate("title", split_title(title["text"])[0], "text:title-line", 0.8, title["text"]))
    if byline := hints.get("byline_line"):
        people = names.parse_byline(byline["text"])
        # A byline that names nobody ("Staff Correspondents") is kept as evidence for a null.
        found.append(candidate("authors", "; ".join(people) or None, "text:byline-line", 0.8 if people else 0.0,
                               byline["text"]))
    if line := hints.get("dateline_line"):
        if found_date := dates.dateline(line["text"]):
            found.append(candidate("date_published", found_date.iso, f"text:dateline:{found_date.pattern}", 0.85,
                                   line["text"]))
    return found


def html_candidates(meta: dict[str, Any]) -> list[Evidence]:
    """Values trafilatura read from the page's markup (meta tags, JSON-LD, bylines)."""
    found = []
    if meta.get("title"):
        found.append(candidate("title", split_title(meta["title"])[0], "html:trafilatura-title", 0.7, meta["title"]))
    if meta.get("author"):
        people = names.parse_byline(meta["author"].replace(";", ","))
        found.append(candidate("authors", "; ".join(people) or None, "html:trafilatura-author",
                               0.7 if people else 0.0, meta["author"]))
    if meta.get("date"):
        found.append(candidate("date_published", meta["date"][:10], "html:trafilatura-date", 0.75, meta["date"]))
    if meta.get("sitename"):
        found.append(candidate("outlet", meta["sitename"], "html:trafilatura-sitename", 0.6, meta["sitename"]))
    if meta.get("url"):
        found.append(candidate("url", meta["url"], "html:canonical-url", 0.8, meta["url"]))
    return found


def outlet_candidates(registry: Registry, doc: Doc, site_suffix: str | None) -> list[Evidence]:
    found = []
    if outlet := registry.by_domain(doc.url):
        found.append(candidate("outlet", outlet.name, "registry:domain", 0.95, doc.url or ""))
    if hit := registry.by_signature(doc.hints.get("page_text", "")):
        found.append(candidate("outlet", hit[0].name, "registry:signature", 0.9, hit[1]))
    if site_suffix:
        outlet = registry.by_alias(site_suffix)
        name, method, conf = (outlet.name, "registry:title-suffix", 0.85) if outlet else (
            site_suffix, "text:title-suffix", 0.5)
        found.append(candidate("outlet", name, method, conf, site_suffix))
    return found


def select(found: list[Evidence], field: str) -> Evidence | None:
    with_value = [e for e in found if e.field == field and e.value]
    return max(with_value, key=lambda e: e.confidence, default=None)


class Metadata(Stage):
    name = "metadata"

    def __init__(self, config: Config) -> None:
        self.registry = Registry(config.outlets)

    def process_doc(self, doc: Doc) -> None:
        found = text_candidates(doc.hints) + html_candidates(doc.hints.get("html_meta") or {})
        found += outlet_candidates(self.registry, doc, doc.hints.get("title_site"))
        chosen = {field: select(found, field) for field in FIELDS}
        for field, evidence in chosen.items():
            value = evidence.value if evidence else None
            if field == "authors":
                doc.authors = value.split("; ") if value else []
            else:
                setattr(doc, field, value)
        doc.evidence = [replace(e, selected=True) if e is chosen[e.field] else e for e in found]
