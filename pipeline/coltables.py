"""Column tables: the rows of a borderless table a text browser set in aligned columns.

w3m, links and elinks print most data tables without a grid: each column is as wide as its
widest cell allows, each cell is wrapped at its column's width and centred in its row's
height (HTML's default ``valign``), so a row of long cells spans several lines and, read line
by line, every line mixes fragments of different cells::

    Keyboard   Layout   Switch    Price
      Model              Type     (USD)
    Freebird            MX-style
    TKL Full    TKL     hot-swap  $249.99
    Kit

The columns are found where every line of the block leaves a space (``column_spans``), each
line is cut into its cells, and the lines are grouped into rows (``row_starts``): into rows a
renderer could have set (in a row, each column's text is one run of lines centred in the row's
height, and each of its line breaks is one a greedy wrapper could have made: the next line's
first word would not have fitted), and of those, the grouping with the fewest empty cells
left and the fewest lines merged. A table of one-line rows, every cell filled, stays a row per
line. Each row becomes one line, its cells joined by
`` | `` as ``gridtables`` writes a data row. Only a hard-wrapped page is read this way
(``reflow`` calls this with its margin): an unwrapped dump already gives each row one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import reduce

from pipeline.gridtables import BARS, BOX_DRAWING_RANGE, ROW_SEPARATOR
from pipeline.lines import BULLET_MARKS

MIN_LINES = 4  # a table of three lines or fewer gives too little evidence of where its columns part
MIN_COLUMNS = 3  # two columns side by side are as often a page's layout (menu | article) as a table
PADDING = re.compile(r"\S {2,}\S")  # words set apart to fill a column: wrapped prose has single spaces
MIN_PADDED_SHARE = 0.5  # of the block's lines
LIST_MARKERS = re.compile(f"\\s*(?:[{re.escape(BULLET_MARKS)}]\\s+)+")  # nested list items pad their markers
SQUEEZE_SLACK = 10  # a table whose cells were wrapped was squeezed to the page: it ends this near the margin or past it
# A drawn table is ``gridtables``'s (its borders "+----+", bars, box-drawing characters), a
# Markdown row has its bars, and pandoc's simple tables (ruled with "----- ---") print each row
# on one line.
DRAWN = re.compile(f"[{re.escape(BARS)}{BOX_DRAWING_RANGE}]|-{{3}}|={{3}}")
# A run of MIN_LINES non-blank lines or more; possessive, so a run too short fails at once.
NON_BLANK_LINE = r"[^\S\n]*+\S[^\n]*+"
BLOCK = re.compile(f"^{NON_BLANK_LINE}(?:\n{NON_BLANK_LINE}){{{MIN_LINES - 1},}}+", re.MULTILINE)
MAX_ROW_LINES = 12  # a taller row is read as rows of fewer lines
# Grouping lines into rows: one-line rows are the default (a table of them is common, and a row
# wrongly merged garbles two rows); an empty cell is what a centred wrapped row leaves on its
# first and last lines, and one outweighs a merge (1.5, where two had to, did less on dev).
MERGE_COST, EMPTY_COST = 0.9, 1.0

Span = tuple[int, int]
Join = Callable[[str, str], str]  # a cell's text so far, its next fragment -> the cell's text


def unalign_column_tables(text: str, join: Join, width: int) -> tuple[str, int]:
    """``text`` (wrapped at ``width``) with the rows of every column table whose cells were
    wrapped each on one line, and how many such tables there were."""
    tables = 0

    def rows_of(block: re.Match[str]) -> str:
        nonlocal tables
        found = block.group()
        if len(PADDING.findall(found)) < 2:  # most blocks: prose, menus
            return found
        rows = table_lines(found.split("\n"), join, width)
        tables += rows is not None
        return "\n".join(rows) if rows is not None else found

    return BLOCK.sub(rows_of, text), tables


def table_lines(block: list[str], join: Join, width: int) -> list[str] | None:
    """The block's rows, one line each, or None if the block is not a column table with a row
    of wrapped cells."""
    if len(block) < MIN_LINES or not squeezed(block, width) or any(DRAWN.search(line) for line in block):
        return None
    padded = sum(bool(PADDING.search(line[list_marker_end(line) :])) for line in block)
    if padded < MIN_PADDED_SHARE * len(block):
        return None
    spans = column_spans(block)
    if len(spans) < MIN_COLUMNS:
        return None
    cells = [[line[a:b].strip() for a, b in spans] for line in block]
    starts = row_starts(cells, [b - a for a, b in spans])
    if len(starts) == len(block):  # no row spans two lines: nothing was wrapped
        return None
    return [row_line(cells[a:b], join) for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]


def squeezed(block: list[str], width: int) -> bool:
    """The block reaches close to the margin or past it: a renderer wraps a table's cells only
    when the table is too wide for the page, and lets one it cannot narrow further run past
    the margin (a row of long words, more columns than fit; w3m and elinks both do)."""
    return max(len(line.rstrip()) for line in block) >= width - SQUEEZE_SLACK


def list_marker_end(line: str) -> int:
    found = LIST_MARKERS.match(line)
    return found.end() if found else 0


def column_spans(block: list[str]) -> list[Span]:
    """[start, end) of each column: the runs of positions where some line has text, between
    positions where every line has a space (or has ended); two runs are one column unless a
    line sets them apart by two spaces at least (``set_apart``), as a renderer pads its cells."""
    spans: list[Span] = []
    for span in inked_runs(block):
        if spans and not set_apart(block, spans[-1], span):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


def inked_runs(block: list[str]) -> list[Span]:
    inked = [False] * max(map(len, block))
    for line in block:
        for k, ch in enumerate(line):
            if ch != " ":
                inked[k] = True
    runs: list[Span] = []
    for k, ink in enumerate(inked):
        if ink and (k == 0 or not inked[k - 1]):
            runs.append((k, k + 1))
        elif ink:
            runs[-1] = (runs[-1][0], k + 1)
    return runs


def set_apart(block: list[str], left: Span, right: Span) -> bool:
    """Some line has text on both sides with two spaces or more between: in one cell ("Keychron
    Q2" over "Freebird TKL") words stand one space apart."""
    for line in block:
        before, after = line[left[0] : left[1]].rstrip(), line[right[0] : right[1]]
        if before and after.strip() and right[0] + len(after) - len(after.lstrip()) - left[0] - len(before) >= 2:
            return True
    return False


def row_starts(cells: list[list[str]], widths: list[int]) -> list[int]:
    """Index of each row's first line: of the ways to group the lines into rows a renderer
    could have set (``could_be_row``), the cheapest, where a row costs ``MERGE_COST`` per line
    past its first and ``EMPTY_COST`` per empty cell; found by dynamic programming."""
    n, columns = len(cells), len(widths)
    filled = [{c for c, text in enumerate(line) if text} for line in cells]
    cost = [0.0] + [float("inf")] * n  # cheapest grouping of the first i lines
    start = [0] * (n + 1)  # where the last row of that grouping starts
    for end in range(1, n + 1):
        held: set[int] = set()  # columns with text in lines begin..end-1
        for begin in range(end - 1, max(-1, end - MAX_ROW_LINES - 1), -1):
            held |= filled[begin]
            row_cost = cost[begin] + MERGE_COST * (end - begin - 1) + EMPTY_COST * (columns - len(held))
            if row_cost < cost[end] and could_be_row(cells[begin:end], widths):
                cost[end], start[end] = row_cost, begin
    starts, end = [], n
    while end:
        end = start[end]
        starts.append(end)
    return starts[::-1]


def could_be_row(lines: list[list[str]], widths: list[int]) -> bool:
    """Each column's text is one run of lines, centred in the row (half a line either way),
    each line of it a place a greedy wrapper at the column's width could have broken the cell,
    and some column fills the row."""
    height, tallest = len(lines), 0
    for c, width in enumerate(widths):
        held = [i for i, line in enumerate(lines) if line[c]]
        if not held:
            continue
        run = len(held)
        if held[-1] - held[0] + 1 != run or abs(2 * held[0] - (height - run)) > 1:
            return False
        if not all(could_wrap(lines[i][c], lines[i + 1][c], width) for i in held[:-1]):
            return False
        tallest = max(tallest, run)
    return tallest == height


def could_wrap(above: str, below: str, width: int) -> bool:
    """A greedy wrapper at ``width`` could have broken ``above`` before ``below``: its first
    word would not have fitted."""
    return len(above) + 1 + len(below.split(" ", 1)[0]) > width


def row_line(lines: list[list[str]], join: Join) -> str:
    """One row's cells, each cell's fragments joined, the cells joined by `` | ``."""
    cells = [[line[c] for line in lines if line[c]] for c in range(len(lines[0]))]
    return ROW_SEPARATOR.join(reduce(join, cell) for cell in cells if cell)
