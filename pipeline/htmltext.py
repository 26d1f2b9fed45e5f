"""Main text of an HTML page: trafilatura first, a fallback when its output is implausible.

trafilatura's default (balanced) mode sometimes returns nothing or a sliver of a page
(a caption, a teaser). Then its recall mode is tried, then jusText, then trafilatura on the
page parsed without libxml2's nesting limit (a page nested over 256 elements deep parses
as an empty body otherwise); the longest answer wins. Which extractor produced the text is
recorded in the document's cleaning summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura

from pipeline.htmlmeta import parse

# Fewer words than this from the default mode means "look further" (an article has more);
# a fallback is taken only if it finds clearly more (a longer menu is not a better body).
FALLBACK_BELOW_WORDS = 50
FALLBACK_GAIN = 2.0
METADATA_KEYS = ("title", "author", "date", "sitename", "url")


@dataclass
class Extracted:
    text: str
    method: str
    meta: dict[str, Any]


def date_params(reference: str | None) -> dict[str, Any]:
    # original_date: the publication date, not the last update; no extensive search, which
    # falls back to bare years (2024-01-01). A fixed max_date keeps builds reproducible.
    return {"original_date": True, "extensive_search": False, "max_date": reference or "2099-12-31"}


def trafilatura_text(html: Any, url: str | None, reference: str | None, **mode: bool) -> tuple[str, dict]:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, date_extraction_params=date_params(reference), **mode)
    fields = doc.as_dict() if doc is not None else {}
    return fields.get("text") or "", {k: fields.get(k) for k in METADATA_KEYS}


def justext_text(html: str) -> str:
    import justext

    try:
        paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    except Exception:  # jusText raises on markup lxml cannot parse; the fallback is optional
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def words(text: str) -> int:
    return len(text.split())


def main_text(html: str, url: str | None = None, reference: str | None = None) -> Extracted:
    text, meta = trafilatura_text(html, url, reference)
    best = Extracted(text, "trafilatura", meta)
    if words(text) >= FALLBACK_BELOW_WORDS:
        return best
    recall, _ = trafilatura_text(html, url, reference, favor_recall=True)
    if words(recall) >= FALLBACK_GAIN * max(1, words(best.text)):
        best = Extracted(recall, "trafilatura-recall", meta)
    if words(best.text) < FALLBACK_BELOW_WORDS:
        fallback = justext_text(html)
        if words(fallback) >= FALLBACK_GAIN * max(1, words(best.text)):
            best = Extracted(fallback, "justext", meta)
    if words(best.text) < FALLBACK_BELOW_WORDS and (tree := parse(html)) is not None:
        deep, deep_meta = trafilatura_text(tree, url, reference)
        if words(deep) >= FALLBACK_GAIN * max(1, words(best.text)):
            best = Extracted(deep, "trafilatura-deep-parse", deep_meta)
    return best
