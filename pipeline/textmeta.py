"""Title, byline and dateline lines of a text dump.

The clean stage calls ``mark_metadata_lines``: the lines found here get a ``role``
(they leave the body) and their text is handed to the metadata stage, which turns it
into values with evidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline import dates, names
from pipeline.lines import Line, normalise

if TYPE_CHECKING:
    from pipeline.textclean import CleanedText

TITLE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
METADATA_WINDOW = 3  # how many non-blank lines from the title a byline or dateline may stand


def mark_metadata_lines(result: CleanedText, first_body: int) -> None:
    lines = result.lines
    result.title = find_title(lines, first_body)
    if result.title:
        result.title.role = "title"
        title_text, result.title_site = split_title(result.title.text)
        result.title_site = mark_repeated_title(lines, title_text) or result.title_site
    find_byline_and_dateline(result)


def split_title(text: str) -> tuple[str, str | None]:
    m = TITLE_SUFFIX.match(text)
    if m and len(m["site"].split()) <= 4:
        return m["title"].strip(), m["site"].strip()
    return text, None


def title_like(line: Line) -> bool:
    return line.kept and 3 <= line.words <= 30 and not line.bullet and not line.text.endswith(".")


def find_title(lines: list[Line], first_body: int) -> Line | None:
    """The head line nearest the body that is followed by a byline or dateline, else the first."""
    head = [ln for ln in lines[:first_body] if title_like(ln)]
    for line in reversed(head):
        after = [ln for ln in lines[line.no : first_body] if ln.kept and not ln.blank][:METADATA_WINDOW]
        if any(dates.dateline(ln.text) or names.parse_byline(ln.text) for ln in after):
            return line
    first = next((ln for ln in lines if not ln.blank), None)
    return first if first in head else None


def near(lines: list[Line], anchor: Line, window: int = METADATA_WINDOW) -> list[Line]:
    """Non-blank lines within ``window`` positions after ``anchor``, removed or not."""
    following = [ln for ln in lines[anchor.no :] if not ln.blank]
    return following[:window]


def find_byline_and_dateline(result: CleanedText) -> None:
    """A byline and dateline right after the title (or after the standfirst and date widgets)."""
    anchors = [result.title] if result.title else []
    anchors += [ln for ln in result.lines if ln.rule == "updated-on-widget"][:1]
    for anchor in anchors:
        for line in near(result.lines, anchor, METADATA_WINDOW + 2):
            if not line.kept or line.prose:
                continue
            found = dates.dateline(line.text)
            if found and result.dateline is None:
                line.role, result.dateline = "dateline", line
                result.datelines.append(found)
            elif result.byline is None and (names.parse_byline(line.text) or bylike(line)):
                line.role, result.byline = "byline", line


def bylike(line: Line) -> bool:
    """A short capitalised line next to a date widget: a byline, even if it names no person."""
    return 2 <= line.words <= 4 and line.title_case == 1.0 and not line.terminal


def mark_repeated_title(lines: list[Line], title: str) -> str | None:
    """Remove copies of the title; return a site name found as a suffix on one of them."""
    key, site = normalise(title), None
    for line in lines:
        if not line.kept or line.blank:
            continue
        text, suffix = split_title(line.text)
        text_key = normalise(text)
        if text_key == key:
            line.rule = "repeated-title"
            site = site or suffix
        elif text_key.endswith(key) and line.words <= len(key.split()) + 4 and not line.terminal:
            line.rule = "breadcrumb"
    return site


