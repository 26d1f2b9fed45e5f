"""Reflow: rejoin the paragraphs a renderer hard-wrapped at a fixed width.

``lynx -dump``, ``w3m -dump``, html2text and ``fold`` wrap text at about 80 columns
unless told not to. Every paragraph then spans several lines, none of which ends a
sentence, and a line-based cleaner reads the article as runs of short lines: on the dev
pages rendered with lynx's defaults, 27% of the pages lost over 10% of their body without
reflowing, 6% with it (``python -m pipeline.bench cleaning --wrapped``, row ``no-reflow``).

A page counts as wrapped when many of its lines end just short of one right margin and
no line runs past it where it could have been broken (list items aside, where a renderer
leaves them whole, as html2text does), or, failing that, when many line breaks inside
paragraphs are the ones a greedy wrapper at one margin would have made, twice as many at
least as the lines running past it (code printed whole, however long). The margin is then
moved in by up to three columns where that explains more of those breaks: a few lines printed
whole just past the paragraphs' margin weigh less than every break the wrapper made. Lines
lynx cut at the screen's width (code, carried on at column 0) say nothing of the margin.
Inside such a page a line is
joined to the next only where a greedy wrapper must have broken it: the next line's
first word would not have fitted on it, both lines share the paragraph's indentation
(or are centred on one column, as wrapped headings are), and the next line does not open
a list item or a heading; or the line is one piece of a word too long for the margin
(html2text's wrapper breaks a link's address after a hyphen). Explicit line breaks
(Markdown's two trailing spaces, told apart from the spaces links pads a table cell's lines
with), table rows, a line opening with a byline ("By Sarah
Schwartz"), and a sentence end followed by a sentence start (which may be the source's own
line break; a colon ends no sentence here: "Language:" over a long link is a label the wrapper
set apart from its value) are never joined. The one exception is a Markdown table row that html2text
wrapped like a paragraph: it ends each row in a hard break, so a row's lines up to that
break are one row. Pages without that signature are returned unchanged, so unwrapped dumps
keep their lines. Grid tables (boxes drawn around cells) are taken apart by ``gridtables``,
borderless tables set in aligned columns by ``coltables``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from pipeline.coltables import unalign_column_tables
from pipeline.gridtables import BOX_DRAWING_RANGE, unbox_grid_tables
from pipeline.lines import CLOSERS, ends_sentence
from pipeline.names import byline_opening

MIN_WIDTH, MAX_WIDTH = 40, 160  # right margins renderers and ``fold`` are set to
FULL_SLACK = 10  # a full line ends within this many columns of the margin
PAST_WEIGHT = 3  # a line a wrapper at the margin would have broken weighs against it this much
MIN_FULL_LINES = 3
MIN_FULL_SHARE = 0.15  # of the lines longer than half the margin: in wrapped text, most of them are full
MAX_OVERHANG = 6  # columns an indentation's own margin may lie past the page's
MAX_BREAKABLE_SHARE = 0.1  # lines past the margin that a wrapper would have broken, per full line
MIN_EXPLAINED = 20  # breaks inside paragraphs a margin must explain to stand when the full lines reject it
EXPLAINED_PER_BREAKABLE = 2  # ... and how many of them per line past it that a wrapper would have broken
NARROWER_BY = 3  # columns the margin that explains most breaks may lie inside the one lines end at

# w3m's list of link addresses (``-o display_link_number=1``): "[12] https://…" printed whole
# past the margin, a hundred lines a page; lynx's "12. https://…" are list items already.
LINK_LIST_ENTRY = re.compile(r"\[\d{1,5}\] \S+$")
PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")  # indentation and e-mail/Markdown quote marks
ITEM_START = re.compile(r"(?:[•·▪◦‣∙□■○●▫▸►*+–-]|\d{1,3}[.)])\s+|#{1,6}\s")
BOX_DRAWING = re.compile(f"[{BOX_DRAWING_RANGE}]")
DASH_IN_WORDS = re.compile(r"(?<=\w)[─━](?=\w)")  # "can't─your": a box-drawing line used as a dash
# A table's column rule: runs of dashes or equals signs, one per column ("----- ----------"),
# as pandoc and reStructuredText draw simple tables. A single run is a horizontal rule.
COLUMN_RULE = re.compile(r"[-=]{3,}(?: +[-=]{3,})+")
CENTRE_TOLERANCE = 1.5  # columns: centring rounds half a column either way
OPENERS = "\"'“‘«([¿¡"  # may open a sentence before its first letter
FULL_STOPS = ".!?…"
HARD_BREAK = "  "  # Markdown: a line ending in two spaces is a deliberate break
HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")  # "protein-" / "forward": the wrapper broke a compound


@dataclass(frozen=True)
class Reflowed:
    text: str
    width: int | None  # the margin the page was wrapped at; None if it was not
    joined: int  # line breaks taken out at the page's margin
    tables: int = 0  # grid tables whose cells were taken out of their boxes
    column_tables: int = 0  # borderless tables whose rows were each put on one line (``coltables``)


def reflow(text: str) -> Reflowed:
    """``text`` with hard-wrapped paragraphs rejoined, one paragraph per line, the cells of
    grid tables taken out of their boxes (``gridtables``), their paragraphs rejoined too, and
    on a wrapped page each row of a borderless table whose cells were wrapped in aligned
    columns put on one line (``coltables``)."""
    lines = text.split("\n")
    width, joined, column_tables = wrap_width(lines), 0, 0
    if width is not None:
        out = rejoin(lines, width, indent_margins(lines, width))
        text, joined = "\n".join(out), len(lines) - len(out)
    text, tables = unbox_grid_tables(text, rejoin)
    if width is not None:  # an unwrapped dump gives each row of a table one line already
        text, column_tables = unalign_column_tables(text, join, width)
    return Reflowed(text, width, joined, tables, column_tables)


def rejoin(lines: list[str], width: int, margins: dict[int, int] | None = None) -> list[str]:
    """The lines with each one a greedy wrapper at ``width`` (or at its indentation's own
    margin in ``margins``) broke joined to the one before it."""
    out: list[str] = []
    starts: tuple[int, ...] = ()  # columns the open paragraph's continuation lines may start at
    rows_go_on = wrapped_rows(lines)
    for i, (previous, line) in enumerate(zip(["", *lines[:-1]], lines, strict=True)):
        margin = margins.get(indent_of(previous), width) if margins else width
        row_goes_on = i - 1 in rows_go_on and wrapper_broke(previous, line.strip(), margin)
        if row_goes_on or continues(previous, line, margin, starts):
            out[-1] = join(out[-1], line[prefix_end(line) :].strip())
        else:
            out.append(line)
            starts = continuation_starts(line)
    return out


def wrapped_rows(lines: list[str]) -> set[int]:
    """Lines of a Markdown table whose row goes on below: html2text ends each row with a hard
    break and wraps a long row like a paragraph, so up to that break it is one row."""
    going_on: set[int] = set()
    open_row: list[int] = []  # lines of the row read so far
    for i, line in enumerate(lines):
        if not line.strip():
            open_row = []
        elif line.endswith(HARD_BREAK) and ("|" in line or open_row):
            going_on.update(open_row)  # the row's end: every line before it in the row went on
            open_row = []
        elif "|" in line or open_row:
            open_row.append(i)
    return going_on


def wrap_width(lines: list[str]) -> int | None:
    """The right margin of a hard-wrapped page, or None if the page does not look wrapped:
    the margin most lines end just short of, less the lines a wrapper would have broken
    there (``PAST_WEIGHT`` each). Where list items run past that margin although they could
    have been broken within it, the renderer left items unwrapped (html2text does), so they
    say nothing of the margin and it is found again without them."""
    # Only lines longer than half the narrowest margin can be full or breakable: most menu
    # lines are shorter, and skipping them keeps this cheap on the unwrapped dumps it rejects.
    # Lines set that far in are a layout table's right-hand column, laid out to its own width.
    measured = {i: t for i, t in enumerate(map(str.rstrip, lines))
                if len(t) > MIN_WIDTH // 2 and not laid_out_whole(t, lines, i) and indent_of(t) < MIN_WIDTH}
    texts = list(measured.values())
    explained = explained_breaks(lines, measured)
    width = margin_of(texts, explained)
    if width is not None and any(len(t) > width and 0 < first_break(t) <= width for t in texts if is_item(t)):
        width = margin_of([t for t in texts if not is_item(t)], explained)
    return width if width is None else margin_explaining_most(explained, width)


def explained_breaks(lines: list[str], measured: dict[int, str]) -> list[int]:
    """``result[m]``: how many line breaks inside paragraphs a greedy wrapper at margin m would
    have made: after a line of ``measured`` (number: text, those ``wrap_width`` reads), where
    the next line has its indentation and opens no list item or table row, the line fits
    within m and the next line's first word would not have fitted after it."""
    starts = [0] * (MAX_WIDTH + 2)
    for i, text in measured.items():
        below = lines[i + 1] if len(text) <= MAX_WIDTH and i + 1 < len(lines) else ""
        if not below.strip() or indent_of(text) != indent_of(below) or is_item(below) or is_table_row(below):
            continue
        word = below.split(None, 1)
        low, high = len(text), min(len(text) + len(word[0]), MAX_WIDTH)  # the margins m, low <= m <= high
        starts[low] += 1
        starts[high + 1] -= 1
    return list(accumulate(starts))


def margin_explaining_most(explained: list[int], width: int) -> int:
    """The margin, up to ``NARROWER_BY`` columns narrower than ``width``, that explains the most
    line breaks inside paragraphs (``explained_breaks``; ties: the wider). Where the lines
    ending near the margin were read, a few lines printed whole (code, an address) that end a
    column or three past the paragraphs' margin can outweigh the paragraphs' lines; every
    break a wrapper made says where the margin is, and a margin too wide leaves those
    paragraphs' breaks unjoined."""
    return max(range(width - NARROWER_BY, width + 1), key=lambda m: (explained[m], m))


def margin_of(texts: list[str], explained: list[int]) -> int | None:
    """``wrap_width``'s margin read off these lines (list items in, or left out), or None.
    Failing that, the margin that explains most breaks inside paragraphs (``explained_breaks``),
    where they are many and outnumber the lines a wrapper there would have broken at least
    ``EXPLAINED_PER_BREAKABLE`` to one: a page with much code (printed whole, however long) or
    many long unbreakable links is still wrapped where its paragraphs were."""
    ends_at = Counter(map(len, texts))
    ends_up_to = list(accumulate(ends_at[n] for n in range(MAX_WIDTH + 1)))
    unbroken = breakable_at(texts)

    def full(width: int) -> int:  # lines ending within FULL_SLACK columns of the margin
        return ends_up_to[width] - ends_up_to[width - FULL_SLACK]

    width = max(range(MIN_WIDTH, MAX_WIDTH + 1), key=lambda w: (full(w) - PAST_WEIGHT * unbroken[w], -w))
    half_full = len(texts) - ends_up_to[width // 2]  # lines longer than half the margin
    if (full(width) < max(MIN_FULL_LINES, MIN_FULL_SHARE * half_full)
            or unbroken[width] > MAX_BREAKABLE_SHARE * full(width)):
        width = max(range(MIN_WIDTH, MAX_WIDTH + 1), key=lambda w: (explained[w], -w))  # ties: the narrower
        if explained[width] < max(MIN_EXPLAINED, EXPLAINED_PER_BREAKABLE * unbroken[width]):
            return None
    return width


def laid_out_whole(text: str, lines: list[str], i: int) -> bool:
    """Table rows, code (a tab: html2text never wraps a code block), headings standing
    alone, w3m's list of link addresses and lines cut at the screen's width are printed
    whole by wrapping renderers (or cut regardless of words), so they say nothing of the margin."""
    return (is_table_row(text) or "\t" in text or standalone_heading(lines, i) or cut_at_screen(lines, i)
            or LINK_LIST_ENTRY.match(text) is not None)


def cut_at_screen(lines: list[str], i: int) -> bool:
    """An indented line no longer than a screen, carried on at column 0: lynx cuts a
    preformatted line (code) at the screen's width, mid-word, and prints the rest at the left
    edge, where no wrapper would set the continuation of an indented paragraph (it keeps the
    paragraph's indentation). Such cut lines, as long as the screen, outnumber the
    paragraphs' full lines on a page of code, and the margin was read off them."""
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return below[:1].strip() != "" and lines[i][:1].isspace() and len(lines[i].rstrip()) <= MAX_WIDTH


def standalone_heading(lines: list[str], i: int) -> bool:
    """A line on its own between blank lines that ends no sentence: a heading, which wrappers
    leave whole (pandoc's plain text prints headings unwrapped, without a marker)."""
    above = lines[i - 1] if i > 0 else ""
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return not above.strip() and not below.strip() and not ends_sentence(lines[i].rstrip())


def indent_margins(lines: list[str], width: int) -> dict[int, int]:
    """The margin of each indentation that reaches past the page's: lynx wraps its flush-left
    headings a few columns wider than its indented paragraphs. A line at most
    ``MAX_OVERHANG`` columns past the page's margin, which a wrapper at that margin would
    have broken, widens its indentation's margin to it, unless the indentation's own line
    breaks say otherwise (``refuted``)."""
    margins: dict[int, int] = {}
    for line in lines:
        length = len(line.rstrip())
        # a line that could not be broken within the margin (a long link) says nothing of it, nor
        # do table rows, laid out to their own width (html2text's end in a deliberate break)
        if (width < length <= width + MAX_OVERHANG and 0 < first_break(line) <= width and not is_item(line)
                and not line.endswith(HARD_BREAK) and not is_table_row(line)):
            margins[indent_of(line)] = max(margins.get(indent_of(line), width), length)
    return {indent: margin for indent, margin in margins.items() if not refuted(lines, indent, width, margin)}


def refuted(lines: list[str], indent: int, width: int, margin: int) -> bool:
    """More of the indentation's lines were broken where ``margin`` would not have broken them
    (the next line's first word fits within it) than run past the page's ``width`` to it: the
    overhanging lines are code or an address printed whole, not the indentation's own margin."""
    over = fits = 0
    for previous, line in zip(lines, [*lines[1:], ""], strict=True):
        if indent_of(previous) != indent:
            continue
        length = len(previous.rstrip())
        over += width < length <= margin
        fits += (bool(line.strip()) and length <= width and wrapper_broke(previous, line, width)
                 and not wrapper_broke(previous, line, margin))
    return fits > over


def breakable_at(texts: list[str]) -> list[int]:
    """``result[w]``: how many lines a wrapper at margin w would have broken: longer than w,
    with a space (after the indentation) within it. A long URL or code token cannot be broken."""
    starts = [0] * (MAX_WIDTH + 2)
    for text in texts:
        if len(text) <= MIN_WIDTH or is_item(text):  # html2text leaves list items unwrapped
            continue
        space = first_break(text)
        if 0 < space <= MAX_WIDTH:
            starts[space] += 1  # breakable at every margin from the first space ...
            starts[min(len(text), MAX_WIDTH + 1)] -= 1  # ... up to the line's length
    return list(accumulate(starts))


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def prefix_end(line: str) -> int:
    """Where the line's text starts, after its indentation and quote marks."""
    return PREFIX.match(line).end()  # type: ignore[union-attr]  # the pattern matches ""


def first_break(line: str) -> int:
    """The first column a wrapper could break the line at (its first space after the
    indentation), or -1: a long URL or code token cannot be broken."""
    return line.find(" ", indent_of(line))


def is_table_row(line: str) -> bool:
    """Table rows are laid out to their own width, never wrapped: cell rules ("|", "+--",
    box drawing, a column rule) or column gaps of three spaces or more."""
    text = line.strip()
    return (text.count("|") >= 2 or "   " in text or "+--" in text
            or (text.startswith(("---", "===")) and COLUMN_RULE.fullmatch(text) is not None)
            or (not text.isascii() and BOX_DRAWING.search(DASH_IN_WORDS.sub("", text)) is not None))


def is_item(line: str) -> bool:
    """A list item or heading: some renderers leave these unwrapped (html2text's default)."""
    return ITEM_START.match(line.lstrip(" \t>")) is not None


def continuation_starts(line: str) -> tuple[int, ...]:
    """Columns a paragraph's continuation lines may start at: under its text (after the
    indentation, quote marks and list-item marker of its first line, as renderers indent
    them), under its first line, or at the margin (``fold`` indents nothing)."""
    start = prefix_end(line)
    item = ITEM_START.match(line, start)
    text_start = item.end() if item and not line.startswith("#", start) else start
    return (text_start, start, 0)


def continues(previous: str, line: str, width: int, starts: tuple[int, ...]) -> bool:
    """``line`` is the wrapped continuation of the physical line ``previous`` (whose
    paragraph's continuation lines may start at ``starts``): a greedy wrapper at ``width``
    had to break there, as the line's first word did not fit."""
    start = prefix_end(line)
    body = line[start:]
    if not previous.strip() or not body.strip() or hard_break(previous, line):
        return False  # a blank line or a deliberate break
    if start not in starts and not same_centre(previous, line):
        return False  # indented unlike the paragraph
    if ITEM_START.match(body) or is_table_row(body) or is_table_row(previous):
        return False  # a new list item or heading, a table row
    if closes_sentence(previous.rstrip()) and body.lstrip(OPENERS)[:1].isupper():
        return False  # a sentence ends and one starts: the break may be the source's own
    if byline_opening().match(body):
        return False  # "By Sarah Schwartz": a byline starts its own line
    return wrapper_broke(previous, body, width)


def closes_sentence(text: str) -> bool:
    """Ends in a full stop, question or exclamation mark. Not a colon: "Language:" /
    "[Spanish](…)" is a label and its value, which a wrapper set apart when they did not fit."""
    return ends_sentence(text) and text.rstrip(CLOSERS)[-1:] in FULL_STOPS


def hard_break(previous: str, line: str) -> bool:
    """``previous`` ends in Markdown's deliberate line break (two spaces), and not in a table
    cell's padding: links and inscriptis pad every line of a cell with spaces to the cell's
    width, so two lines of one length that both end in spaces are one cell's lines."""
    return previous.endswith(HARD_BREAK) and not (len(previous) == len(line) and line.endswith(" "))


def wrapper_broke(previous: str, body: str, width: int) -> bool:
    """A greedy wrapper at ``width`` had to break after ``previous``: ``body``'s first word did
    not fit, or ``previous`` is one piece of a word too long for the margin, which a wrapper
    sets on a line of its own: textwrap (html2text's wrapper) breaks words after their
    hyphens, so a link's address goes on as "…/2025/11/25/knives-" / "out-…"."""
    text = previous.rstrip()
    length = len(text)
    if length > width:
        return first_break(text) < 0 and ends_in_hyphen_break(text)
    return width < length + 1 + len(body.split(None, 1)[0])


def same_centre(previous: str, line: str) -> bool:
    """Both lines are centred on one column: lynx and links centre a heading, and the rest of
    a wrapped one is centred under its first line ("Best live TV … sports, and" / "more")."""
    return abs(centre(previous) - centre(line)) <= CENTRE_TOLERANCE


def centre(line: str) -> float:
    text = line.rstrip()
    return (indent_of(text) + len(text)) / 2  # the middle of its text


def ends_in_hyphen_break(text: str) -> bool:
    # matched at the last two characters: a search would read the whole paragraph at every join
    return HYPHEN_BREAK.match(text, max(0, len(text) - 2)) is not None


def join(paragraph: str, continuation: str) -> str:
    paragraph = paragraph.rstrip()  # a table cell's padding, or the space a wrapper left at the break
    return paragraph + continuation if ends_in_hyphen_break(paragraph) else f"{paragraph} {continuation}"
