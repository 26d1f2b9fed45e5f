"""Clean: keep the article's main text and nothing else.

HTML goes through trafilatura; text dumps through the named line rules of
``pipeline.textclean``. Every removed line becomes a ``Removal`` with its rule's name;
title, byline and dateline lines are handed to the metadata stage as hints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import astuple
from pathlib import PurePosixPath
from typing import Any

from pipeline import htmlmeta, htmltext, urls
from pipeline.config import Config
from pipeline.doc import Doc, Quarantined, Removal
from pipeline.lines import Line
from pipeline.stage import Stage
from pipeline.textclean import CleanedText, SiteTemplates, clean_text
from pipeline.textclean import kept as kept_lines


def summary(method: str, text_in: str, text_out: str, rules: Counter[str], kept_lines: str = "") -> dict[str, Any]:
    return {
        "method": method,
        "chars_in": len(text_in),
        "chars_out": len(text_out),
        "lines_removed": sum(rules.values()),
        "rules": [{"rule": r, "count": n} for r, n in sorted(rules.items())],
        "kept_lines": kept_lines,
    }


def line_ranges(numbers: list[int]) -> str:
    """Line numbers as compact ranges ("3-21,25"), so ``inspect`` can rebuild the page."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)


def site_of(doc: Doc) -> str:
    """The site a page belongs to, for template lines: the host of its URL where the crawl,
    a JSONL record or the manifest gives one (a folder may mix outlets), else its folder."""
    host = urls.host(doc.given_url)
    if host:
        return host.removeprefix("www.")
    return PurePosixPath(doc.source_path).parent.as_posix()


def line_hint(line: Line | None) -> dict[str, Any] | None:
    return {"text": line.text, "line_no": line.no} if line else None


class Clean(Stage):
    name = "clean"

    def __init__(self, config: Config) -> None:
        self.min_words = config.min_words
        self.templates: SiteTemplates | None = None  # set by ``learn_templates`` before a build
        self.site_templates: dict[str, frozenset[int]] = {}

    def learn_templates(self, docs: Iterable[Doc]) -> None:
        """Pre-pass over the corpus (read and repaired): count each text page's lines per
        site (its folder), so lines that recur across the site's pages become template."""
        self.templates, self.site_templates = SiteTemplates(), {}
        for doc in docs:
            if doc.html is None:
                self.templates.add(site_of(doc), doc.text)

    def templates_for(self, doc: Doc) -> frozenset[int] | None:
        if self.templates is None:
            return None
        site = site_of(doc)
        if site not in self.site_templates:
            self.site_templates[site] = self.templates.for_site(site)
        return self.site_templates[site]

    def process_doc(self, doc: Doc) -> Quarantined | list[Removal]:
        removals = self.clean_html(doc) if doc.html is not None else self.clean_dump(doc)
        words = len(doc.text.split())
        if words < self.min_words:
            return self.quarantine(doc, "no_main_text", f"{words} words left after cleaning (min {self.min_words})")
        return removals

    def clean_dump(self, doc: Doc) -> list[Removal]:
        result = clean_text(doc.text, templates=self.templates_for(doc))
        doc.hints.update(self.text_hints(result), page_text=doc.text)
        removals = [
            Removal(doc.id, doc.source_path, self.name, ln.rule or f"to-metadata:{ln.role}", ln.no, ln.raw.strip())
            for ln in result.removed
        ]
        kept = kept_lines(result.lines)
        removals += [  # renderer markup (Markdown link targets, emphasis) leaves the kept line's text
            Removal(doc.id, doc.source_path, self.name, rule, ln.no, pieces)
            for ln in kept for rule, pieces in ln.markup
        ]
        doc.cleaning = summary("text-rules", doc.text, result.text, Counter(r.rule for r in removals),
                               line_ranges([ln.no for ln in kept]))
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
        """Main text by trafilatura (with fallbacks); markup metadata handed to the metadata stage."""
        html = doc.html or ""
        extracted = htmltext.main_text(html, doc.given_url, doc.crawl_date)
        tree = htmlmeta.parse(html)
        found = htmlmeta.page_values(tree) if tree is not None else []
        doc.hints["html_found"] = [astuple(f) for f in found]
        doc.hints["html_meta"] = extracted.meta
        doc.hints["visible_text"] = "\n".join(htmlmeta.visible_lines(tree)) if tree is not None else ""
        doc.hints["page_text"] = doc.hints["visible_text"]
        doc.cleaning = summary(extracted.method, html, extracted.text, Counter())
        doc.text = extracted.text
        doc.html = None
        return []
