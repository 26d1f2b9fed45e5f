"""Boilerplate removal for text dumps, as an ordered list of named rules and a classifier.

Each rule looks at the page's lines (``pipeline.lines.Line``) and marks the ones it
removes with its name; no rule deletes anything itself, so the audit can show every
decision. In order:

0. markup-only lines (renderer markup without a word: "[ ]", "(BUTTON)"), rule
   ``markup-only``: they read as blank lines to every rule below, but leave the audit too;
1. site templates: lines that recur across many pages of the same site (``SiteTemplates``,
   learnt from the corpus being built), rule ``site-template``;
2. pattern rules from ``data/boilerplate.toml`` (widget families: share, newsletter,
   cookie, related posts, legal, contact, captions ...), and lynx's list of link addresses
   (``mark_link_lists``, rule ``link-references``);
3. metadata lines: title, byline and dateline get a ``role`` instead of a rule (they
   leave the body, their values go to metadata; ``pipeline.textmeta``);
4. structural rules: menu bullets, related-post lists, before/after the body, runs of
   short lines, trending-link rows;
5. the line classifier (``pipeline.linemodel``) has the last word on lines only the
   structural rules touched: it undoes a structural removal it is sure is body, and
   removes a kept line it finds boilerplate-like (``line-model:<feature>``);
6. a short run of structural removals with kept lines right above and below it is a
   list inside the article, kept if the model scores it body-like (``keep_enclosed_lists``).

Pattern rules, templates and metadata roles are final. The kept text is the user's own
lines, without renderer markup (lynx's link numbers, Markdown link targets, reference numbers
and emphasis markers, browsers' "[IMG]" and "(BUTTON)", audited as ``link-number``,
``markdown-link-target``, ``markdown-link-reference``, ``markdown-emphasis`` and
``renderer-placeholder``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import groupby, takewhile

import ahocorasick

from pipeline import dates, gridtables, linemodel, textmeta
from pipeline.firstchars import FirstCharIndex
from pipeline.lines import (
    HEAD_LINKS,
    LINK_REFERENCES,
    WORD_TALLIES,
    Line,
    folded_for_keywords,
    in_page,
    measure,
    normalise,
    split_lines,
    strip_markup,
)

MODEL_RULE = "line-model"  # removed by the line classifier alone: "line-model:<strongest feature>"
MARKUP_ONLY = "markup-only"  # a line of renderer markup alone ("[ ]", "(BUTTON)"): no words, read as blank


@dataclass(frozen=True)
class PatternRule:
    """A named expression, split for speed into the alternatives anchored at the line start
    (``^...``: cheap, one attempt) and the others (``loose``: they scan the whole line, so
    when the rule lists ``keywords``, one of which every match of them contains, they are
    only tried on lines holding a keyword). ``matches`` answers as ``regex.search`` would."""

    name: str
    family: str
    regex: re.Pattern[str]
    applies_to_prose: bool
    anchored: re.Pattern[str] | None = None
    loose: re.Pattern[str] | None = None
    keywords: tuple[str, ...] | None = None  # None: the loose alternatives are always tried
    long_text: bool = False  # its anchored alternatives also apply past ``WIDGET_MAX_WORDS``

    def matches(self, text: str, lowered: str, may_start: bool = True) -> bool:
        """Whether ``regex.search(text)`` finds a match. ``lowered`` is ``folded_for_keywords(text)``;
        ``may_start`` False says no rule's anchored alternative matches this line."""
        if may_start and self.anchored is not None and self.anchored.search(text):
            return True
        if self.loose is None:
            return False
        if self.keywords is not None and not any(map(lowered.__contains__, self.keywords)):
            return False
        return bool(self.loose.search(text))


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at the ``|`` outside groups and character classes."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if ch == "\\":
            i += 1  # the escaped character is a literal
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += pattern[i : i + 1] == "^"
            i += pattern[i : i + 1] == "]"  # "[]...]": a leading "]" is a literal
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start : i - 1])
            start = i
    return [*parts, pattern[start:]]


def pattern_rule(r: dict) -> PatternRule:
    alternatives = top_level_alternatives(r["pattern"])
    anchored = [a for a in alternatives if a.startswith("^")]
    loose = [a for a in alternatives if not a.startswith("^")]
    anchored_rx, loose_rx = (re.compile("|".join(group), re.I) if group else None for group in (anchored, loose))
    keywords = tuple(k.lower() for k in r["keywords"]) if r.get("keywords") else None
    return PatternRule(r["name"], r["family"], re.compile(r["pattern"], re.I), r.get("prose", False),
                       anchored_rx, loose_rx, keywords, r.get("long_text", False))


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
        return [ln for ln in self.lines if ln.rule or ln.role]  # no rule ever marks an empty line


@cache
def boilerplate_data() -> dict:
    return tomllib.loads(resources.files("pipeline").joinpath("data", "boilerplate.toml").read_text("utf-8"))


@cache
def pattern_rules() -> tuple[PatternRule, ...]:
    return tuple(pattern_rule(r) for r in boilerplate_data()["rule"])


@cache
def rules_for(prose: bool) -> tuple[PatternRule, ...]:
    """The pattern rules that may remove a line, in order: on body prose, only those marked ``prose``."""
    return tuple(rule for rule in pattern_rules() if rule.applies_to_prose or not prose)


@cache
def any_rule_start(prose: bool) -> FirstCharIndex:
    """Every applicable rule's anchored alternatives, indexed by the character a line opens
    with: one attempt at the line start tells whether any of them can match (most lines: none)."""
    starts = [alt for rule in rules_for(prose) if rule.anchored is not None
              for alt in top_level_alternatives(rule.anchored.pattern)]
    return FirstCharIndex(starts, re.I)


@cache
def loose_rules(prose: bool) -> tuple[PatternRule, ...]:
    """The applicable rules that can match a line none of the anchored alternatives matches, in order."""
    return tuple(rule for rule in rules_for(prose) if rule.loose is not None)


@cache
def all_keywords(prose: bool) -> tuple[str, ...]:
    """Every applicable loose rule's keywords (just "", found in any line, if one rule's loose
    alternatives have none: no line can then be ruled out by keywords alone)."""
    rules = loose_rules(prose)
    if any(rule.keywords is None for rule in rules):
        return ("",)  # "" is in every line: the shortcut never applies
    return tuple(dict.fromkeys(k for rule in rules for k in rule.keywords or ()))


@cache
def keyword_automaton(prose: bool) -> ahocorasick.Automaton | None:
    """``all_keywords`` in one Aho-Corasick automaton: one scan of a line tells whether it holds
    any of them (28 substring scans took three times as long); None when no line can be ruled out."""
    keywords = all_keywords(prose)
    if "" in keywords or not keywords:
        return None
    automaton = ahocorasick.Automaton()
    for keyword in keywords:
        automaton.add_word(keyword, keyword)
    automaton.make_automaton()
    return automaton


def holds_keyword(lowered: str, prose: bool) -> bool:
    """Whether ``lowered`` holds one of ``all_keywords(prose)``."""
    automaton = keyword_automaton(prose)
    if automaton is None:
        return bool(all_keywords(prose))  # ("",): every line may match; (): no loose rule at all
    return next(automaton.iter(lowered), None) is not None


@cache
def rule_families() -> dict[str, str]:
    """Rule name -> family, for the pattern rules and the title rules of ``textmeta``."""
    families = {r.name: r.family for r in pattern_rules()}
    families.setdefault("repeated-title", "template")
    families.setdefault("form-field", "widget")
    return families


def kept(lines: list[Line]) -> list[Line]:
    # Line.kept and not Line.blank, spelt out: this runs over every line several times a page.
    return [ln for ln in lines if ln.text and not ln.rule and not ln.role]


WIDGET_MAX_WORDS = 60  # widget text is short; a longer line is never matched against widget rules


@lru_cache(maxsize=1 << 14)
def matching_rule(text: str, prose: bool) -> str:
    """The first pattern rule that removes this line text ("" if none); memoised, as
    template lines repeat within and across pages. One attempt of every rule's anchored
    alternatives at once rules most lines out of them; the rest are keyword-gated."""
    lowered = folded_for_keywords(text)
    may_start = any_rule_start(prose).match(text) is not None
    if not may_start and not holds_keyword(lowered, prose):
        return ""  # no anchored alternative matches, and every loose one needs a keyword
    for rule in rules_for(prose) if may_start else loose_rules(prose):
        if rule.matches(text, lowered, may_start):
            return rule.name
    return ""


@cache
def long_text_rules() -> tuple[PatternRule, ...]:
    return tuple(rule for rule in pattern_rules() if rule.long_text and rule.anchored is not None)


def matching_long_text_rule(text: str) -> str:
    """The first ``long_text`` rule whose anchored alternatives match a line longer than
    ``WIDGET_MAX_WORDS`` ("" if none). A notice is known by its opening words whatever its
    length; a body paragraph that merely mentions cookies does not open as a notice does."""
    return next((rule.name for rule in long_text_rules() if rule.anchored and rule.anchored.match(text)), "")


def apply_pattern_rules(lines: list[Line]) -> None:
    for line in kept(lines):
        if line.words <= WIDGET_MAX_WORDS:
            line.rule = matching_rule(line.text, line.prose)
        elif long_text_rules():
            line.rule = matching_long_text_rule(line.text)


FORM_FIELD_MAX_WORDS = 8


CHECKLIST_MIN_ITEMS = 3


def mark_form_fields(lines: list[Line]) -> None:
    """A short line showing an input box or checkbox ("Last Name ____", "[ ] Remember me"),
    unless it is an item of a checklist the article prints."""
    in_checklist = checklist_items(lines)
    for line in kept(lines):
        if line.form and line.words <= FORM_FIELD_MAX_WORDS and not line.terminal and line.no not in in_checklist:
            line.rule = "form-field"


def checklist_items(lines: list[Line]) -> set[int]:
    """Line numbers of the page's checklists: runs (blank lines between allowed) of at least
    ``CHECKLIST_MIN_ITEMS`` box lines, once one run on the page holds an item longer than a
    field's label. A form's boxes are labelled in a few words; an article's to-do lists also
    hold whole instructions, and its shorter lists ("[ ] Tips for vendors") are lists too."""
    runs: list[list[Line]] = [[]]
    for line in lines:
        if line.form:
            runs[-1].append(line)
        elif not line.blank and runs[-1]:
            runs.append([])
    runs = [run for run in runs if len(run) >= CHECKLIST_MIN_ITEMS]
    if not any(box.words > FORM_FIELD_MAX_WORDS for run in runs for box in run):
        return set()
    return {box.no for run in runs for box in run}


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
        elif in_block and line.text and not line.rule and not line.role:  # kept, not blank
            if line.prose:
                in_block = False
            else:
                line.rule = "related-list"


TOC_ENTRY_MAX_WORDS = 15  # an entry repeats a section heading; longer lines are paragraphs
TOC_MAX_ENTRIES = 100  # a list read past this is no table of contents (and the scan stays linear)


def mark_table_of_contents(lines: list[Line]) -> None:
    """Under a table of contents' heading, the lines (blank lines between) that each recur
    further down the page: the entries repeat the article's section headings, which stay
    where they head their sections. The first line that does not recur ends the list."""
    headings = [i for i, line in enumerate(lines) if line.rule == "contents-heading"]
    if not headings:
        return
    last_at = {ln.key: j for j, ln in enumerate(lines) if ln.text}
    for i in headings:
        for entry in toc_entries(lines, i, last_at):
            entry.rule = "table-of-contents"


def toc_entries(lines: list[Line], heading: int, last_at: dict[str, int]) -> list[Line]:
    """The kept lines of the list under ``lines[heading]``: each one's key recurs below it
    (``last_at``: the index where each key last occurs on the page)."""
    entries: list[Line] = []
    for j in range(heading + 1, len(lines)):
        line = lines[j]
        if not line.text:
            continue
        if line.words > TOC_ENTRY_MAX_WORDS or last_at[line.key] == j or len(entries) == TOC_MAX_ENTRIES:
            break
        entries.append(line)
    return [entry for entry in entries if entry.kept]


ARTICLE_END_SHARE = 0.5  # an end heading before this share of the body's words is a counter or link
# A thread with no heading starts at a run of comment bylines (``[comments] byline``): at least
# this many, by at least two names, after at least this much article prose. One byline may
# sign the article ("Jane Doe writes"); an article's own quotes do not open lines this way.
THREAD_MIN_BYLINES = 3
THREAD_MIN_NAMES = 2
THREAD_MIN_ARTICLE_WORDS = 100
COMMENTS_SECTION = "comments-section"
BYLINE_MAX_WORDS = 20  # a name of five words, the verb and a date with its time: longer lines are not tried


@cache
def comment_byline() -> re.Pattern[str]:
    return re.compile(boilerplate_data()["comments"]["byline"], re.I)


@cache
def byline_verbs() -> re.Pattern[str]:
    """Any of ``[comments] keywords``: one C scan of a line's key instead of one per verb."""
    return re.compile("|".join(map(re.escape, boilerplate_data()["comments"]["keywords"])))


@cache
def end_headings() -> dict[str, str]:
    """Heading rule -> the rule named for what follows it (``[article_end]``)."""
    return boilerplate_data()["article_end"]


def mark_article_end(lines: list[Line]) -> None:
    """Every kept line after the article's end: an end heading (readers' comments, the
    author's box) that follows most of the body, or the first byline of a comment thread,
    whichever comes first. Comments and bios read as prose, so no line-level rule would
    take them for boilerplate."""
    ends = [end for end in (heading_after_body(lines), thread_start(lines)) if end is not None]
    if not ends:
        return
    start, rule = min(ends)
    for later in lines[start:]:
        if later.text and later.kept:
            later.rule = rule


COMMENTS_HEADING, COMMENT_PROMPT = "comments-heading", "comment-prompt"


@cache
def thread_heading() -> re.Pattern[str]:
    """``[comment_prompt] thread_heading``: what a comments heading that counts or names its thread holds."""
    return re.compile(boilerplate_data()["comment_prompt"]["thread_heading"], re.I)


def last_thread_heading(lines: list[Line]) -> int:
    """Index of the last comments heading that counts or names its thread (-1 if none)."""
    names_thread = thread_heading().search
    return max((i for i, ln in enumerate(lines) if ln.rule == COMMENTS_HEADING and names_thread(ln.text)), default=-1)


def heading_after_body(lines: list[Line]) -> tuple[int, str] | None:
    """(index, rule for what follows) of the first end heading with ``ARTICLE_END_SHARE`` of the
    body above it; a prompt to comment with a thread's heading below it is no end."""
    ends = end_headings()
    body_words = sum(ln.words for ln in lines if ln.prose and not ln.rule and not ln.role)  # kept prose
    seen = 0
    for i, line in enumerate(lines):
        if line.rule in ends and seen >= ARTICLE_END_SHARE * body_words > 0 \
                and not (line.rule == COMMENT_PROMPT and i < last_thread_heading(lines)):
            return i, ends[line.rule]
        if line.prose and not line.rule and not line.role:
            seen += line.words
    return None


def thread_start(lines: list[Line]) -> tuple[int, str] | None:
    """(index, ``COMMENTS_SECTION``) of the first comment byline after ``THREAD_MIN_ARTICLE_WORDS``
    of prose, when it and the bylines below it make a thread (``THREAD_MIN_BYLINES`` lines,
    ``THREAD_MIN_NAMES`` names). The body share does not apply: a long thread outweighs its article.
    The byline expression is only tried on short lines whose key holds one of its verbs."""
    seen, first, names = 0, None, []
    verb, byline_of = byline_verbs().search, comment_byline().match
    for i, line in enumerate(lines):
        byline = (byline_of(line.text) if seen >= THREAD_MIN_ARTICLE_WORDS and line.words <= BYLINE_MAX_WORDS
                  and verb(line.key) else None)
        if byline:
            first = i if first is None else first
            names.append(byline["name"].lower())
        elif line.prose and line.kept and first is None:
            seen += line.words
    if first is None or len(names) < THREAD_MIN_BYLINES or len(set(names)) < THREAD_MIN_NAMES:
        return None
    return first, COMMENTS_SECTION


def body_bounds(lines: list[Line]) -> tuple[int, int] | None:
    """Indexes of the first and last body paragraph still kept."""
    prose = [i for i, ln in enumerate(lines) if ln.prose and not ln.rule and not ln.role]  # kept prose
    return (prose[0], prose[-1]) if prose else None


TRENDING_MIN_WORDS = 10


def mark_trending_links(lines: list[Line], last: int) -> None:
    """After the body, a long line of capitalised words without a sentence end is a row
    of headline links ("Taylor Swifts New Album Release Health issues from ...")."""
    for line in lines[last + 1 :]:
        if line.kept and line.words >= TRENDING_MIN_WORDS and line.title_case >= 0.7 and not line.terminal:
            line.rule = "trending-links"


def mark_outside_body(lines: list[Line], first: int, last: int) -> None:
    for line in kept(lines[:first]):
        line.rule = "before-body"
    for line in kept(lines[last + 1 :]):
        if not line.prose:
            line.rule = "after-body"


def mark_short_runs(lines: list[Line], first: int, last: int, min_run: int = 4) -> None:
    """Inside the body, a run of several short non-sentence lines is a list of links. A
    table's rows are not: they end a run, as a table's border line does."""
    run: list[Line] = []
    rows = table_rows(lines[first : last + 1])
    for line in [*lines[first : last + 1], None]:
        if line is not None and line.text and not line.rule and not line.role and not line.prose \
                and not line.terminal and line.no not in rows:  # kept, not blank, not a sentence, no row
            run.append(line)
            continue
        if line is not None and not line.text:  # blank
            continue
        if len(run) >= min_run:
            for member in run:
                member.rule = "short-line-run"
        run = []


CELL_BAR = re.compile(f"[{re.escape(gridtables.BARS)}]")
MIN_TABLE_CELLS = 3


def table_rows(lines: list[Line]) -> set[int]:
    """Numbers of the lines that are rows of a table: cut by cell bars into at least
    ``MIN_TABLE_CELLS`` cells, as many as the row next to it (blank lines between aside).
    One line of bars alone ("Home | News | Sport") is a menu, not a table."""
    seq = [(ln.no, len(CELL_BAR.split(ln.text))) for ln in lines if ln.text]
    rows: set[int] = set()
    for (no, cells), (next_no, next_cells) in zip(seq, seq[1:], strict=False):
        if cells == next_cells >= MIN_TABLE_CELLS:
            rows.update((no, next_no))
    return rows


def mark_markup_only(lines: list[Line]) -> None:
    """A line showing nothing but renderer markup (a form box, "(BUTTON)", "Image:") has no
    words, so every rule reads it as a blank line; naming it keeps its removal in the audit."""
    for line in lines:
        if not line.text and line.raw.strip():
            line.rule = MARKUP_ONLY


# lynx prints the titles of a page's <link> elements ("#Site » Feed Site » Comments Feed
# oEmbed (JSON)", "#alternate alternate") as the dump's first block, after a "#" glued to the
# first title (a Markdown heading has a space there). On dev, 385 of 578 lynx dumps open so.
HEAD_LINKS_START = re.compile(r"#[^\s#]")
# elinks and links print each <link> element as a line of its own above the page, its rel or
# title after "Link: " ("Link: canonical", "Link: Site » Feed (alternate)"). On dev, 564 of 578
# elinks dumps and 542 of links' hold such lines, and no dump of the other renderers does. Unlike
# lynx's block, the line model still reads them as the page's first lines: left out, they moved
# its position features on 115 dev elinks pages (F1 0.9064 against 0.9067 read; holdout, below).
HEAD_LINK_LINE = re.compile(r"Link: \S")
LINK_ELEMENTS = "link-elements"


def mark_head_links(lines: list[Line]) -> None:
    """The dump's opening lines, when they are a renderer's list of the page's <link>
    elements: lynx's first block (``HEAD_LINKS``, outside the page), or the "Link: …" lines
    elinks and links print (``LINK_ELEMENTS``)."""
    start = next((i for i, ln in enumerate(lines) if ln.text), None)
    if start is None:
        return
    if HEAD_LINKS_START.match(lines[start].raw.lstrip()):
        head, rule = takewhile(lambda ln: ln.text, lines[start:]), HEAD_LINKS
    else:
        head = takewhile(lambda ln: not ln.text or HEAD_LINK_LINE.match(ln.raw.lstrip()), lines[start:])
        rule = LINK_ELEMENTS
    for line in head:
        if line.text:
            line.rule = rule


# A line that opens with a numbered web address (lynx's and elinks's "12. https://…", w3m's
# "[12] https://…" under ``-o display_link_number=1``; lynx prints the spaces of an address as
# they are, and the reflow may join two where one ran past the margin) or is a Markdown link
# reference's definition ("[51]: /contact/", html2text's --reference-links), and how many in a
# row make a renderer's list of a page's links: it runs to dozens, and an article's own list
# of sources is seldom numbered so.
ADDRESS_LINE = re.compile(r"(?:\d{1,5}\.|\[\d{1,5}\])\s+(?:https?|ftp|file|mailto|javascript|tel):.*"
                          r"|\[\d{1,5}\]:\s+\S+.*", re.I)
LINK_LIST_MIN_LINES = 5
LINK_LIST_HEADINGS = ("References", "References:")  # lynx's and elinks's; w3m's


def is_address_line(line: Line) -> bool:
    return not line.rule and ADDRESS_LINE.fullmatch(line.raw.strip()) is not None


def mark_link_lists(lines: list[Line]) -> None:
    """The list of link addresses a text browser prints after the page (lynx unless run with
    -nolist, elinks unless run with -no-references, w3m with link numbers shown): a run of
    ``LINK_LIST_MIN_LINES`` address lines or more (blank lines aside), or of any length under a
    "Visible/Hidden links:" heading. Under a "References" heading it runs to the end of
    the dump (an address holding a line break goes on at the margin); one of an article's own
    would stand above its citations, not above a list of addresses."""
    non_blank = [ln for ln in lines if ln.text]  # a line another rule took ends a run
    at = 0
    for is_address, run in groupby(non_blank, key=is_address_line):
        addresses = list(run)
        first, at = at, at + len(addresses)
        if not is_address:
            continue
        headed = first  # where the list's headings (and any run of it above) begin
        while headed and non_blank[headed - 1].rule == LINK_REFERENCES:
            headed -= 1
        if headed < first or len(addresses) >= LINK_LIST_MIN_LINES:
            heading = headed - 1
            if heading >= 0 and not non_blank[heading].rule and non_blank[heading].text in LINK_LIST_HEADINGS:
                for line in non_blank[heading:]:
                    line.rule = LINK_REFERENCES
                return
            for address in addresses:
                address.rule = LINK_REFERENCES


STEPS: list[Callable[[list[Line]], None]] = [mark_markup_only, mark_head_links, apply_pattern_rules, mark_link_lists,
                                              mark_form_fields, mark_menu_bullets, mark_related_blocks,
                                              mark_table_of_contents, mark_article_end]


TINY_LINE_WORDS = 2  # "Contact", "Posts": menu words more often than body
TINY_LINE_BAR = 0.6


def reinstate_bar(line: Line, model: linemodel.LineModel) -> float:
    """How sure the model must be to undo a structural removal: a one- or two-word line
    adds almost nothing to the body when right and a stray menu word when wrong."""
    return model.reinstate if line.words > TINY_LINE_WORDS else max(model.reinstate, TINY_LINE_BAR)


def apply_line_model(lines: list[Line], model: linemodel.LineModel) -> None:
    """The classifier has the last word on lines only structural rules touched.

    A structural removal the model finds clearly body-like is undone; a kept line it
    finds boilerplate-like is removed, named after the structural rule if one fired, else
    ``line-model:<feature>`` (the feature that weighed most against the line).
    """
    page = in_page(lines)
    apply_scores(page, linemodel.body_scores(page, rule_families(), model), model)


# A kept line the model would remove chiefly for its bars ("Home | News | Sport" is a menu)
# stays when it is a row of a table (``table_rows``): the bars are its cells, as
# ``mark_short_runs`` reads them. On dev, 23 body rows to 1 boilerplate line across renderers.
PIPE_FEATURE = "has_pipe"


def apply_scores(lines: list[Line], scored: list[tuple[Line, float, str]], model: linemodel.LineModel) -> None:
    """``apply_line_model``'s decisions from scores already worked out (training replays them
    at several thresholds)."""
    scores: dict[int, float] = {}
    rows: set[int] | None = None  # the page's table rows, worked out when first needed
    for line, p_body, against in scored:
        scores[line.no] = p_body
        keep = model_keeps(line, p_body, model)
        if keep is True:
            line.rule = ""
        elif keep is False and not line.rule:
            if against == PIPE_FEATURE:
                rows = table_rows(lines) if rows is None else rows
                if line.no in rows:
                    continue
            line.rule = f"{MODEL_RULE}:{against}"
    keep_enclosed_lists(lines, scores, model.threshold)


LIST_MAX_LINES = 12  # tuned on dev: longer runs between kept lines are link lists more often than body


def keep_enclosed_lists(lines: list[Line], scores: dict[int, float], bar: float) -> None:
    """A short run of lines only structural rules removed (menu-bullet, short-line-run …),
    with kept lines right above and below it, is a list inside the article ("Key points",
    steps, specifications), not a menu: menus stand beside other removed lines. It is kept
    when its mean body score reaches ``bar`` (the score a kept line needs to stay). Half
    the dev pages that lost over 10% of their body lost it to such lists."""
    seq = [ln for ln in lines if ln.text]
    i = 0
    while i < len(seq):
        j = i
        while j < len(seq) and not seq[j].role and seq[j].rule in linemodel.STRUCTURAL:
            j += 1
        if j == i:
            i += 1
            continue
        run = seq[i:j]
        enclosed = i > 0 and j < len(seq) and seq[i - 1].kept and seq[j].kept
        if enclosed and len(run) <= LIST_MAX_LINES and sum(scores[ln.no] for ln in run) / len(run) >= bar:
            for line in run:
                line.rule = ""
        i = j


def model_keeps(line: Line, p_body: float, model: linemodel.LineModel) -> bool | None:
    """The model's verdict on a line: keep, remove, or None where a rule's decision is final."""
    if line.role or (line.rule and line.rule not in linemodel.STRUCTURAL):
        return None
    if line.rule:
        return p_body >= reinstate_bar(line, model)
    return p_body >= model.threshold


def clear_caches() -> None:
    """Forget memoised line measurements (for fair timing; memory is bounded anyway)."""
    matching_rule.cache_clear()
    measure.cache_clear()
    normalise.cache_clear()
    strip_markup.cache_clear()
    WORD_TALLIES.clear()


class SiteTemplates:
    """Lines that recur across many pages of one site: template lines, learnt from the
    corpus being built (as CCNet and Dolma drop repeated paragraphs).

    A pre-pass feeds every page with ``add``; a line counts once per page, and a page
    whose text was already seen for the site counts once (a saved-twice article must not
    turn its own paragraphs into template). Memory is bounded (about 100 bytes a key):
    once ``max_keys`` line keys are tracked, new keys are no longer added (those already
    tracked keep counting), and past ``max_keys`` page keys repeated pages are no longer
    recognised.
    """

    MIN_PAGES = 3  # a line on fewer pages than this is never template
    MIN_SHARE = 0.2  # ... nor one on less than this share of the site's pages

    def __init__(self, max_keys: int = 200_000) -> None:
        self.max_keys = max_keys
        self.tracked = 0
        self.tracked_pages = 0
        self.pages: Counter[str] = Counter()
        self.counts: dict[str, Counter[int]] = {}
        self.seen_pages: dict[str, set[int]] = {}

    @staticmethod
    def key(line: Line) -> int:
        return hash_key(normalise_digits(line.text))

    def add(self, site: str, text: str) -> None:
        page_key = hash_key(text)
        seen = self.seen_pages.setdefault(site, set())
        if page_key in seen:
            return
        if self.tracked_pages < self.max_keys:
            seen.add(page_key)
            self.tracked_pages += 1
        self.pages[site] += 1
        counts = self.counts.setdefault(site, Counter())
        for key in {self.key(ln) for ln in split_lines(text) if ln.words}:
            if key in counts or self.tracked < self.max_keys:
                self.tracked += key not in counts
                counts[key] += 1

    def for_site(self, site: str) -> frozenset[int]:
        pages = self.pages.get(site, 0)
        need = max(self.MIN_PAGES, self.MIN_SHARE * pages)
        return frozenset(k for k, n in self.counts.get(site, Counter()).items() if n >= need)


def normalise_digits(text: str) -> str:
    """CCNet's line key: lowercased, digits folded to 0, punctuation and spacing dropped."""
    return " ".join(normalise(text).translate(DIGITS_TO_ZERO).split())


DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")


def hash_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def mark_site_templates(lines: list[Line], templates: frozenset[int]) -> None:
    for line in kept(lines):
        if line.words and SiteTemplates.key(line) in templates:
            line.rule = "site-template"


def apply_rules(text: str, templates: frozenset[int] | None = None) -> CleanedText:
    """Pattern rules, site templates, metadata lines and structural rules (no classifier)."""
    lines = split_lines(text)
    if templates:
        mark_site_templates(lines, templates)
    for step in STEPS:
        step(lines)
    result = CleanedText(text="", lines=lines)
    bounds = body_bounds(lines)
    if bounds:
        textmeta.mark_metadata_lines(result, bounds[0])
        bounds = body_bounds(lines) or bounds
        mark_trending_links(lines, bounds[1])
        mark_outside_body(lines, *bounds)
        mark_short_runs(lines, *bounds)
    return result


def clean_text(text: str, use_model: bool = True, templates: frozenset[int] | None = None) -> CleanedText:
    """Clean a text dump. ``templates``: line keys learnt by ``SiteTemplates`` for its site."""
    result = apply_rules(text, templates)
    model = linemodel.load_model() if use_model else None
    if model is not None:
        apply_line_model(result.lines, model)
    result.text = join_kept(result.lines)
    return result


def join_kept(lines: list[Line]) -> str:
    """Kept lines, blank runs collapsed to one, with the original line text."""
    out: list[str] = []
    for line in lines:
        if not line.text:  # blank
            if out and out[-1] != "":
                out.append("")
        elif not line.rule and not line.role:  # kept
            out.append(line.output)
    return "\n".join(out).strip()
