"""Grid tables: take the text out of the boxes a renderer drew around table cells.

pandoc's plain text (and Emacs, reStructuredText) draws a table as a grid of ``+-|``, w3m
with box-drawing characters (``┌─┬┐ │ ├┼┤ └┴┘``), links with a ``+----+`` frame and
``|----+----|`` rules between rows::

    +----------------------+--------------+
    | Quarterly planning   | -   Home     |
    | is a painful process | -   Wine 101 |
    +----------------------+--------------+

Each cell is wrapped at its own width, so a row whose cells do not fit on one line spans
several, and read line by line every line mixes fragments of all its cells. Pages laid out
with tables put their whole article, menus and sidebars in such cells; data tables wrap a
long name over two or three lines. Here the cells' lines are taken out of the grid and their
paragraphs rejoined at the cell's width (``rejoin``): a row of one-line cells (a data table's)
becomes one line, its cells joined by `` | ``; a row holding longer text (a layout table's)
gives each cell's paragraphs in turn, row after row (a cell may hold a table of its own).
A table whose rows each fit on one line is left as drawn: its lines already read as rows.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

CORNERS = "+┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╒╤╕╞╪╡╘╧╛"
RULES = "-=:─═━"
BARS = "|│║┃"
BOX_DRAWING_RANGE = "\u2500-\u257f"  # the Unicode block of box-drawing characters, for a character class
CORNER, RULE = f"[{re.escape(CORNERS)}]", f"[{re.escape(RULES)}]"
JOINT = f"[{re.escape(CORNERS + BARS)}]"  # links draws the rule between two rows "|----+---|"
BORDER = re.compile(f"(?P<indent> *){JOINT}(?:{RULE}+{JOINT})+")  # "+----+---+", "├────┼───┤"
# A table opens with a corner: a Markdown table's "|---|---|" under its header is no grid's top.
TOP_BORDER = re.compile(f"(?P<indent> *){CORNER}(?:{RULE}+{JOINT})+")
MAX_NESTING = 10  # tables inside tables unboxed; deeper ones are left as drawn (and no recursion runs out)
CORNER_THEN_RULE = re.compile(CORNER + RULE)
EDGES = BARS + CORNERS  # a cell's edge on a row line: a bar, or a corner where a spanning cell's rule meets it
CELL_PADDING = 1  # columns of space renderers keep between a cell's edge and its text
ROW_SEPARATOR = " | "

Rejoin = Callable[[list[str], int], list[str]]  # a cell's lines, its width -> its paragraphs


def unbox_grid_tables(text: str, rejoin: Rejoin, depth: int = 0) -> tuple[str, int]:
    """``text`` with every grid table replaced by its cells' paragraphs, and how many there were
    (``depth``: how many tables this text is inside)."""
    if depth > MAX_NESTING or not CORNER_THEN_RULE.search(text):  # no border, no table (most pages)
        return text, 0
    lines = text.split("\n")
    out: list[str] = []
    tables, i = 0, 0
    while i < len(lines):
        end = table_end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out.extend(cells_text(lines[i : end + 1], rejoin, depth))
        tables += 1
        i = end + 1
    return "\n".join(out), tables


def table_end(lines: list[str], start: int) -> int | None:
    """Index of the closing border of the grid table whose top border is ``lines[start]``."""
    top = TOP_BORDER.fullmatch(lines[start].rstrip())
    if top is None:
        return None
    left, right = len(top["indent"]), len(lines[start].rstrip())
    end = None
    for j in range(start + 1, len(lines)):
        row = lines[j].rstrip()
        if len(row) != right or row[left : left + 1] not in EDGES or row[-1] not in EDGES:
            break
        if BORDER.fullmatch(row):
            end = j
    return end


def cells_text(table: list[str], rejoin: Rejoin, depth: int = 0) -> list[str]:
    """The text of every row of one table, or the table as drawn if no row spans two lines."""
    rows = table_rows(table)
    if all(len(lines) <= 1 for _, lines in rows):
        return table
    return [line for joints, lines in rows for line in row_text(joints, lines, rejoin, depth)]


def table_rows(table: list[str]) -> list[tuple[list[int], list[str]]]:
    """(the columns where the borders above and below it have joints, the row's lines) of
    every row between two borders. Both borders count: links draws a table's top border
    without a joint ("+------+"), the rules between its rows with them."""
    borders = [j for j, line in enumerate(table) if BORDER.fullmatch(line.rstrip())]
    return [(sorted(joints(table[a]) | joints(table[b])), table[a + 1 : b])
            for a, b in zip(borders, borders[1:], strict=False)]


def joints(border: str) -> set[int]:
    return {k for k, ch in enumerate(border) if ch in EDGES}


def row_text(joints: list[int], rows: list[str], rejoin: Rejoin, depth: int = 0) -> list[str]:
    """One row's text: one line if every cell holds one line, else each cell's paragraphs in
    turn, a blank line after each. A cell spanning columns has no edge between them."""
    edges = [k for k in joints if all(len(row) > k and row[k] in EDGES for row in rows)]
    cells = [cell_paragraphs([row[left + 1 : right] for row in rows], right - left - 1, rejoin, depth)
             for left, right in zip(edges, edges[1:], strict=False)]
    cells = [cell for cell in cells if cell]
    if all(len(cell) == 1 for cell in cells):
        return [ROW_SEPARATOR.join(cell[0].strip() for cell in cells)] if cells else []
    return [line for cell in cells for line in [*cell, ""]]


def cell_paragraphs(lines: list[str], width: int, rejoin: Rejoin, depth: int = 0) -> list[str]:
    """A cell's lines, out of their box, with its own tables unboxed and its paragraphs
    rejoined at its width; no blank lines at either end."""
    inner, _ = unbox_grid_tables(textwrap.dedent("\n".join(ln.rstrip() for ln in lines)), rejoin, depth + 1)
    inner_lines = inner.split("\n")
    # Text as wide as its cell touches both edges: w3m leaves no padding where a word fills it.
    wrapped_at = max(width - 2 * CELL_PADDING, *map(len, inner_lines))
    return trim_blank(rejoin(inner_lines, wrapped_at))


def trim_blank(lines: list[str]) -> list[str]:
    """Without the blank lines at either end (an empty row above or below a cell's text)."""
    start = next((i for i, ln in enumerate(lines) if ln.strip()), len(lines))
    end = len(lines) - next((i for i, ln in enumerate(reversed(lines)) if ln.strip()), len(lines))
    return lines[start:end]
