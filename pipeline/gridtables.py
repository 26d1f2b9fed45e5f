"""Grid tables: take the text out of the boxes a renderer drew around table cells.

pandoc's plain text (and Emacs, reStructuredText) draws a table as a grid::

    +----------------------+--------------+
    | Quarterly planning   | -   Home     |
    | is a painful process | -   Wine 101 |
    +----------------------+--------------+

Pages laid out with tables put their whole article, menus and sidebars in such cells, side
by side and wrapped at each cell's width: read line by line, every line mixes a fragment of
the article with a fragment of a menu, and no line reads as a sentence. Here each cell's
lines are taken out of the grid, cell after cell, row after row (a cell may hold a table
of its own), and its paragraphs are rejoined at the cell's width (``rejoin``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

BORDER = re.compile(r"(?P<indent> *)\+(?:[-=:]+\+)+")  # "+-----+----+", "+=====+" under a header
EDGES = "|+"  # a cell's edge on a row line: "|", or "+" where a row-spanning cell's rule meets it
CELL_PADDING = 1  # columns of space renderers keep between a cell's edge and its text

Rejoin = Callable[[list[str], int], list[str]]  # a cell's lines, its width -> its paragraphs


def unbox_grid_tables(text: str, rejoin: Rejoin) -> tuple[str, int]:
    """``text`` with every grid table replaced by its cells' paragraphs, and how many there were."""
    lines = text.split("\n")
    out: list[str] = []
    tables, i = 0, 0
    while i < len(lines):
        end = table_end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out.extend(cells_text(lines[i : end + 1], rejoin))
        tables += 1
        i = end + 1
    return "\n".join(out), tables


def table_end(lines: list[str], start: int) -> int | None:
    """Index of the closing border of the grid table whose top border is ``lines[start]``."""
    top = BORDER.fullmatch(lines[start].rstrip())
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


def cells_text(table: list[str], rejoin: Rejoin) -> list[str]:
    """The paragraphs of every cell of one table, a blank line after each cell."""
    out: list[str] = []
    border_at = 0
    for j in range(1, len(table)):
        if BORDER.fullmatch(table[j].rstrip()):
            out.extend(row_text(table[border_at], table[border_at + 1 : j], rejoin))
            border_at = j
    return out


def row_text(border: str, rows: list[str], rejoin: Rejoin) -> list[str]:
    """The cells of one row, left to right. A cell spanning columns has no edge between them."""
    corners = [k for k, ch in enumerate(border) if ch == "+"]
    edges = [k for k in corners if all(len(row) > k and row[k] in EDGES for row in rows)]
    out: list[str] = []
    for left, right in zip(edges, edges[1:], strict=False):
        cell = dedent([row[left + 1 : right].rstrip() for row in rows])
        inner, _ = unbox_grid_tables("\n".join(cell), rejoin)
        paragraphs = rejoin(inner.split("\n"), right - left - 1 - 2 * CELL_PADDING)
        if any(p.strip() for p in paragraphs):
            out.extend([*trim_blank(paragraphs), ""])
    return out


def dedent(lines: list[str]) -> list[str]:
    """The cell's lines without the indentation they all share (the cell's padding)."""
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return [ln[cut:] for ln in lines]


def trim_blank(lines: list[str]) -> list[str]:
    """Without the blank lines at either end (an empty row above or below a cell's text)."""
    start = next((i for i, ln in enumerate(lines) if ln.strip()), len(lines))
    end = len(lines) - next((i for i, ln in enumerate(reversed(lines)) if ln.strip()), len(lines))
    return lines[start:end]
