"""Clean: keep the article's main text and nothing else.

HTML goes through trafilatura; text dumps through the named line rules of
``pipeline.textclean``. Every removed line becomes a ``Removal`` with its rule's name;
title, byline and dateline lines are handed to the metadata stage as hints.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import trafilatura

from pipeline.config import Config
from pipeline.doc import Doc, Quarantined, Removal
from pipeline.lines import Line
from pipeline.stage import Stage
from pipeline.textclean import CleanedText, clean_text


def summary(method: str, text_in: str, text_out: str, rules: Counter[str]) -> dict[str, Any]:
    return {
        "method": method,
        "chars_in": len(text_in),
        "chars_out": len(text_out),
        "lines_removed": sum(rules.values()),
        "rules": [{"rule": r, "count": n} for r, n in sorted(rules.items())],
    }


def line_hint(line: Line | None) -> dict[str, Any] | None:
    return {"text": line.text, "line_no": line.no} if line else None


class Clean(Stage):
    name = "clean"

    def __init__(self, config: Config) -> None:
        self.min_words = config.min_words

    def process_doc(self, doc: Doc) -> Quarantined | list[Removal]:
        removals = self.clean_html(doc) if doc.html is not None else self.clean_dump(doc)
        words = len(doc.text.split())
        if words < self.min_words:
            return self.quarantine(doc, "no_main_text", f"{words} words left after cleaning (min {self.min_words})")
        return removals

    def clean_dump(self, doc: Doc) -> list[Removal]:
        result = clean_text(doc.text)
        doc.hints.update(self.text_hints(result), page_text=doc.text)
        removals = [
            Removal(doc.id, doc.source_path, self.name, ln.rule or f"to-metadata:{ln.role}", ln.no, ln.text)
            for ln in result.removed
        ]
        doc.cleaning = summary("text-rules", doc.text, result.text, Counter(r.rule for r in removals))
        doc.text = result.text
        return removals

    @staticmethod
    def text_hints(result: CleanedText) -> dict[str, Any]:
        return {
            "title_line": line_hint(result.title),
            "title_site": result.title_site,
            "byline_line": line_hint(result.byline),
            "dateline_line": line_hint(result.dateline),
        }

    def clean_html(self, doc: Doc) -> list[Removal]:
        html = doc.html or ""
        extracted = trafilatura.bare_extraction(
            html, url=doc.url, with_metadata=True, include_comments=False, include_tables=True
        )
        fields = extracted.as_dict() if extracted is not None else {}
        text = fields.get("text") or ""
        doc.hints["html_meta"] = {k: fields.get(k) for k in ("title", "author", "date", "sitename", "url")}
        doc.hints["page_text"] = text
        doc.cleaning = summary("trafilatura", html, text, Counter())
        doc.text = text
        doc.html = None
        return []
