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

from pipeline import dates, textmeta
from pipeline.lines import Line, split_lines


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
        textmeta.mark_metadata_lines(result, bounds[0])
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
