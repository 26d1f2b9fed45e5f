"""Boilerplate removal for text dumps, as an ordered list of named rules.

Each rule looks at the page's lines (``pipeline.lines.Line``) and marks the ones it
removes with its name; no rule deletes anything itself, so the audit can show every
decision. Pattern rules come from ``data/boilerplate.toml``; the structural rules here
use position (before the first / after the last body paragraph), blocks (menus,
related-post lists) and the page's own title. Title, byline and dateline lines get a
``role`` instead of a rule: they leave the body but their values go to metadata.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from pipeline import dates, names
from pipeline.lines import Line, normalise, split_lines

TITLE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
METADATA_WINDOW = 3  # how many non-blank lines from the title a byline or dateline may stand


@dataclass(frozen=True)
class PatternRule:
    name: str
    family: str
    regex: re.Pattern[str]
    applies_to_prose: bool


@dataclass
class CleanedText:
    text: str
    lines: list[Line]
    title: Line | None = None
    title_site: str | None = None  # " | INSS" after a title line
    byline: Line | None = None
    dateline: Line | None = None
    datelines: list[dates.FoundDate] = field(default_factory=list)

    @property
    def removed(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.kept and not ln.blank]


@cache
def pattern_rules() -> tuple[PatternRule, ...]:
    data = tomllib.loads(resources.files("pipeline").joinpath("data", "boilerplate.toml").read_text("utf-8"))
    return tuple(
        PatternRule(r["name"], r["family"], re.compile(r["pattern"], re.I), r.get("prose", False))
        for r in data["rule"]
    )


def kept(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.kept and not ln.blank]


def apply_pattern_rules(lines: list[Line]) -> None:
    for line in kept(lines):
        for rule in pattern_rules():
            if (rule.applies_to_prose or not line.prose) and rule.regex.search(line.text):
                line.rule = rule.name
                break


def mark_menu_bullets(lines: list[Line]) -> None:
    """Bullets that are not sentences are navigation (menus, link lists)."""
    for line in kept(lines):
        if line.bullet and not line.prose and not line.terminal:
            line.rule = "menu-bullet"


def mark_related_blocks(lines: list[Line]) -> None:
    """After a "Recent Posts"-style heading, every short line up to the next paragraph."""
    in_block = False
    for line in lines:
        if line.rule == "related-heading":
            in_block = True
        elif in_block and line.kept and not line.blank:
            if line.prose:
                in_block = False
            else:
                line.rule = "related-list"


def body_bounds(lines: list[Line]) -> tuple[int, int] | None:
    """Indexes of the first and last body paragraph still kept."""
    prose = [i for i, ln in enumerate(lines) if ln.kept and ln.prose]
    return (prose[0], prose[-1]) if prose else None


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
    for line in kept(lines):
        text, suffix = split_title(line.text)
        text_key = normalise(text)
        if text_key == key:
            line.rule = "repeated-title"
            site = site or suffix
        elif text_key.endswith(key) and line.words <= len(key.split()) + 4 and not line.terminal:
            line.rule = "breadcrumb"
    return site


def mark_outside_body(lines: list[Line], first: int, last: int) -> None:
    for line in lines[:first]:
        if line.kept and not line.blank:
            line.rule = "before-body"
    for line in lines[last + 1 :]:
        if line.kept and not line.blank and not line.prose:
            line.rule = "after-body"


def mark_short_runs(lines: list[Line], first: int, last: int, min_run: int = 4) -> None:
    """Inside the body, a run of several short non-sentence lines is a list of links."""
    run: list[Line] = []
    for line in [*lines[first : last + 1], None]:
        if line is not None and line.kept and not line.blank and not line.prose and not line.terminal:
            run.append(line)
            continue
        if line is not None and line.blank:
            continue
        if len(run) >= min_run:
            for member in run:
                member.rule = "short-line-run"
        run = []


STEPS: list[Callable[[list[Line]], None]] = [apply_pattern_rules, mark_menu_bullets, mark_related_blocks]


def clean_text(text: str) -> CleanedText:
    lines = split_lines(text)
    for step in STEPS:
        step(lines)
    result = CleanedText(text="", lines=lines)
    bounds = body_bounds(lines)
    if bounds:
        result.title = find_title(lines, bounds[0])
        if result.title:
            result.title.role = "title"
            title_text, result.title_site = split_title(result.title.text)
            result.title_site = mark_repeated_title(lines, title_text) or result.title_site
        find_byline_and_dateline(result)
        bounds = body_bounds(lines) or bounds
        mark_outside_body(lines, *bounds)
        mark_short_runs(lines, *bounds)
    result.text = join_kept(lines)
    return result


def join_kept(lines: list[Line]) -> str:
    """Kept lines, blank runs collapsed to one, with the original line text."""
    out: list[str] = []
    for line in lines:
        if line.blank:
            if out and out[-1] != "":
                out.append("")
        elif line.kept:
            out.append(line.raw.strip())
    return "\n".join(out).strip()
