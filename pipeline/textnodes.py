"""Text nodes: rejoin the sentences a scraper cut where the page's inline elements begin and end.

``soup.get_text("\\n")``, and scrapers built on lxml's ``itertext()``, print every text node
on a line of its own: a paragraph holding two links comes out as five lines ("Read the",
"full report", "from the agency", "and the", "minutes."). A line-based cleaner reads them
as a run of short lines, a menu. A line carries on the sentence the line above left open
(``carries_on``) when that line does not end a sentence and this one opens with a lower-case
letter or a closing mark, or is a link's short text between two such lines. List items,
bylines ("by Jane Doe"), table rows and code never carry on a sentence: they open lines of
their own (``OWN_LINE``).

Two steps, both in the repair stage:

- ``rejoin_text_nodes``, on the dump as it came: a dump with (almost) no blank lines that cuts
  sentences prints a text node per line (``get_text("\\n", strip=True)``). Nothing in it marks
  where one block ends, so its sentences are rejoined and each line made a block of its own.
  On dev (``lxml-lines``), lost >10% of the body: 338 of 578 pages before, 36 after.
- ``join_cut_sentences``, after the hard wraps are rejoined: in any dump where many lines carry
  on a sentence (``get_text("\\n")`` without ``strip`` keeps the source's whitespace as blank
  lines, so the first step cannot see it), those lines are joined, and the lines of a run that
  held a cut sentence become blocks of their own; other blank lines stay. A short line there
  does not carry on a label (``a_label``). On dev (``lxml-nodes``): 119 → 41.

A dump with (almost) no blank lines that cuts no sentence prints a whole block per line (a
scraper's paragraphs joined by single line breaks): ``separate_lines``, after the reflow, makes
each line a block of its own, as the first step does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lines import BULLET_MARKS, stopwords

# A dump prints a text node per line when it has (almost) no blank lines and some of its lines
# carry on a sentence. On dev: 552 of the 577 ``lxml-lines`` dumps of 10 lines or more, 29
# ``lxml-nodes`` dumps (pages with no whitespace between tags), and 4 of the 6,900 dumps of the
# twelve renderer layouts (lxml-text's and lynx's; all 4 lost less body).
MAX_BLANK_SHARE = 0.02  # of a dump's lines: a renderer puts a blank line between blocks (dev: 0.3-0.45 of lines)
MIN_NODES_CARRIED_SHARE = 0.01  # of its other lines
MIN_LINES = 10  # a snippet of a few lines tells nothing of its layout
# Once hard wraps are rejoined, a renderer's dump rarely cuts sentences (dev: median share 0-0.5%
# of lines, 90th percentile 0.5-4.4%); ``get_text("\n")``'s do (median 8%).
MIN_CUT_SHARE = 0.05
# A line opening with a comma, semicolon or colon (", showcasing a remarkable blend", ": 4.58 out
# of 5 stars") is the rest of a sentence an inline element ended: no renderer wraps a line before
# one. One such line lowers the share needed. On dev: 72% of ``lxml-nodes`` dumps hold one, 1-2%
# of the twelve renderer layouts' dumps.
PIECE_MARKS = ",;:"
PIECE_FIRST = frozenset(PIECE_MARKS)  # a cheap first test before ``PIECE_OPENING``
PIECE_OPENING = re.compile(f"[{re.escape(PIECE_MARKS)}](?:\\s|$)")
MIN_CUT_SHARE_WITH_PIECE = 0.02
LINK_MAX_WORDS = 6  # a link's text set between two pieces of one sentence ("full report")
LABEL_MAX_WORDS = 4

CLOSING_MARKS = ",.;:!?)]}%’”»"  # close what came before: no space before them
CONTINUATION_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz" + CLOSING_MARKS)  # opens a piece of a sentence begun
# Lines that open lines of their own: a list item's marker (lynx and inscriptis mark
# second-level items "o"), a byline ("by Jane Doe", "by iggymanz ( 596061 ) writes:"), the
# row of a table a text browser set in columns (two cells apart by a run of spaces), and a
# line of code (ending in a brace or a semicolon, or assigning: "const res = parseInt(num);").
OWN_LINE = re.compile(f"(?:[{re.escape(BULLET_MARKS)}]|o|\\d{{1,3}}[.)]|[Bb]y)(?:\\s|$)"
                      r"|.*\S {3,}\S|.*[{};]$|.* = ")
SENTENCE_END = (".", "!", "?", "…", ".”", ".\"", "?”", "!”")
NO_SPACE_BEFORE = re.compile(f"[{re.escape(CLOSING_MARKS)}]")
NO_SPACE_AFTER = ("(", "[", "{", "“", "‘", "«", "/", "$", "#", "@")


@dataclass(frozen=True)
class Rejoined:
    text: str
    applied: bool  # the step changed the dump (its lines cut sentences, or stood with no blank line between)
    joined: int  # how many lines were joined to the line above


def open_sentence(line: str) -> bool:
    return bool(line) and not line.endswith(SENTENCE_END) and not OWN_LINE.match(line)


def opens_as_continuation(line: str) -> bool:
    return line[:1] in CONTINUATION_FIRST and not OWN_LINE.match(line)


def carries_on(previous: str, line: str, following: str) -> bool:
    """Whether ``line`` goes on with the sentence ``previous`` left open: it opens as a
    continuation, or it is a link's short text and ``following`` opens as one."""
    if not open_sentence(previous) or not line or OWN_LINE.match(line):
        return False
    if opens_as_continuation(line):
        return True
    return len(line.split()) <= LINK_MAX_WORDS and open_sentence(line) and opens_as_continuation(following)


def carried_lines(stripped: list[str], labels: bool = False) -> list[bool]:
    """For each line, whether it carries on the sentence of the line right above it; with
    ``labels``, a short line does not carry on a label (``a_label``) unless the label was
    itself carried. This runs on every dump: ``carries_on`` is only asked where the lines'
    first and last characters allow it (a few lines a page)."""
    following = [*stripped[1:], ""]
    may_open = [not line.endswith(SENTENCE_END) for line in stripped]  # "" too: it is no line's previous
    may_go_on = [line[:1] in CONTINUATION_FIRST for line in stripped]
    carried = [False] * len(stripped)
    for i in range(1, len(stripped)):
        if may_open[i - 1] and stripped[i - 1] and (may_go_on[i] or (may_open[i] and i + 1 < len(stripped)
                                                                     and may_go_on[i + 1])):
            carried[i] = carries_on(stripped[i - 1], stripped[i], following[i]) and not (
                labels and not carried[i - 1] and under_label(stripped[i - 1], stripped[i]))
    return carried


def under_label(previous: str, line: str) -> bool:
    return len(line.split()) <= LABEL_MAX_WORDS and a_label(previous)


def a_label(line: str) -> bool:
    """A few words ending in a content word ("Call Us Now", "Free Case Evaluation", "11 min
    read"): a menu item, a button or a heading, which a short line below does not continue
    ("lock", "e-Mail Us Now"). The start of a cut sentence ends in a function word or a mark
    ("Read the", "written by", "In 2020,"). Only where the dump was not read as a text node per
    line: there a sentence opening with a link ("Apple", "announced …") is common."""
    words = line.split()
    if len(words) > LABEL_MAX_WORDS or line.endswith(NO_SPACE_AFTER + (",", ":", ";", "-", "–", "—")):
        return False
    return words[-1].lower() not in stopwords()


def few_blank_lines(stripped: list[str]) -> bool:
    return len(stripped) >= MIN_LINES and stripped.count("") <= MAX_BLANK_SHARE * len(stripped)


def cuts_sentences(carried: int, text_lines: int, share: float) -> bool:
    """Whether ``carried`` lines (one at least) are ``share`` of the ``text_lines`` or more."""
    return carried > 0 and carried >= share * text_lines


def min_cut_share(stripped: list[str]) -> float:
    """The share of lines that must carry on a sentence for ``join_cut_sentences`` to join
    them: lower in a dump holding a line that opens with a comma, semicolon or colon."""
    piece = any(line[:1] in PIECE_FIRST and PIECE_OPENING.match(line) for line in stripped)
    return MIN_CUT_SHARE_WITH_PIECE if piece else MIN_CUT_SHARE


def text_line_count(stripped: list[str]) -> int:
    return len(stripped) - stripped.count("")


def glue(left: str, right: str) -> str:
    if NO_SPACE_BEFORE.match(right) or left.endswith(NO_SPACE_AFTER):
        return left + right
    return f"{left} {right}"


def joined_lines(lines: list[str], stripped: list[str], carried: list[bool]) -> list[str]:
    """``lines`` with each carried line glued to the one above (blank lines kept)."""
    out: list[str] = []
    for line, text, carries in zip(lines, stripped, carried, strict=True):
        if out and carries:  # a sentence cut at two links comes together piece by piece
            out[-1] = glue(out[-1].rstrip(), text)
        else:
            out.append(line)
    return out


def blank_free_lines(text: str) -> tuple[list[str], list[str]] | None:
    """The dump's lines and their stripped texts when it has (almost) no blank lines, else None:
    every renderer's dump sets its blocks apart."""
    body = text.rstrip("\n")
    if body.count("\n\n") > MAX_BLANK_SHARE * (body.count("\n") + 1):  # empty lines alone: no reading
        return None
    lines = body.split("\n")
    stripped = [line.strip() for line in lines]
    return (lines, stripped) if few_blank_lines(stripped) else None


def rejoin_text_nodes(text: str) -> Rejoined:
    """``text`` with the pieces of each sentence on one line, each line a block of its own,
    when the dump prints a text node per line; any other dump is returned as it is."""
    found = blank_free_lines(text)
    if found is None:
        return Rejoined(text, False, 0)
    lines, stripped = found
    carried = carried_lines(stripped)
    # too few cut sentences: its line breaks are not where text nodes end
    if not cuts_sentences(sum(carried), text_line_count(stripped), MIN_NODES_CARRIED_SHARE):
        return Rejoined(text, False, 0)
    blocks = [line for line in joined_lines(lines, stripped, carried) if line.strip()]
    return Rejoined("\n".join(apart(blocks)), True, sum(carried))


def separate_lines(text: str) -> Rejoined:
    """``text`` with each line a block of its own when it has (almost) no blank lines: a dump
    that prints a block per line and nothing between them, as a scraper joins a page's
    paragraphs with single line breaks. Read as one block of hundreds of lines, its headings,
    list items and paragraphs look alike to the line model. Any other dump (and one
    ``rejoin_text_nodes`` already set apart) is returned as it is."""
    found = blank_free_lines(text)
    if found is None:
        return Rejoined(text, False, 0)
    lines, stripped = found
    return Rejoined("\n".join(apart([line for line, text in zip(lines, stripped, strict=True) if text])), True, 0)


def join_cut_sentences(text: str) -> Rejoined:
    """``text`` with the pieces of each sentence on one line, when at least ``min_cut_share``
    of its lines carry on the sentence of the line above; any other dump is returned as it is."""
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    # each line ``carries_on`` counts opens as a continuation, or the next line does (a link's
    # text): most dumps are passed over on that count, before the lines are read in pairs
    text_lines = text_line_count(stripped)
    share = min_cut_share(stripped)
    if not cuts_sentences(2 * sum(line[:1] in CONTINUATION_FIRST for line in stripped), text_lines, share):
        return Rejoined(text, False, 0)
    carried = carried_lines(stripped, labels=True)
    if not cuts_sentences(sum(carried), text_lines, share):
        return Rejoined(text, False, 0)
    return Rejoined("\n".join(joined_runs(lines, stripped, carried)), True, sum(carried))


def joined_runs(lines: list[str], stripped: list[str], carried: list[bool]) -> list[str]:
    """``lines`` with each carried line glued to the one above; a run of lines between blank
    lines that held a cut sentence was inline text, so each of its lines becomes a block of its
    own, as in ``rejoin_text_nodes``. Runs that cut no sentence (a menu, a list) stay one block."""
    out: list[str] = []
    start = 0
    for end, text in enumerate([*stripped, ""]):
        if text:
            continue
        run = slice(start, end)
        pieces = joined_lines(lines[run], stripped[run], carried[run])
        out.extend(apart(pieces) if any(carried[run]) else pieces)
        out.extend(lines[end : end + 1])  # the blank line that ended the run, as it was
        start = end + 1
    return out


def apart(lines: list[str]) -> list[str]:
    """``lines`` with a blank line between each two: each line a block of its own. Which lines
    were paragraphs and which list items is lost, but a dump read as one block of hundreds of
    lines looks like no page any renderer lays out."""
    return [piece for line in lines for piece in ("", line)][1:]
