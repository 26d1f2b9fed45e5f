import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from pipeline.gridtables import unbox_grid_tables
from pipeline.reflow import reflow, rejoin
from pipeline.textclean import clean_text

PARAGRAPH = (
    "Quarterly and annual planning is a painful process that many of you have likely "
    "experienced, and the intentional use of AI can cut it from weeks to hours."
)
MENU = ["-   Home", "-   Wine 101", "-   Types of Wine"]
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def box(cells: list[list[str]], widths: list[int]) -> list[str]:
    """One grid-table row as pandoc draws it: each cell's lines padded into its column."""
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    height = max(map(len, cells))
    rows = ["|" + "|".join(f" {(c[k] if k < len(c) else ''):<{w}} " for c, w in zip(cells, widths, strict=True)) + "|"
            for k in range(height)]
    return [border, *rows]


def grid(rows: list[list[list[str]]], widths: list[int]) -> str:
    lines = [ln for cells in rows for ln in box(cells, widths)]
    return "\n".join([*lines, lines[0]])


def test_a_layout_table_gives_each_cell_its_own_paragraphs() -> None:
    article = textwrap.wrap(PARAGRAPH, 40)
    table = grid([[article, MENU]], [40, 20])
    text, tables = unbox_grid_tables(table, rejoin)
    assert tables == 1
    assert text.split("\n") == [PARAGRAPH, "", *MENU, ""]


def test_rows_are_read_in_order_and_blank_cells_dropped() -> None:
    table = grid([[["Heading one"], []], [textwrap.wrap(PARAGRAPH, 40), MENU]], [40, 20])
    text, _ = unbox_grid_tables(table, rejoin)
    assert [ln for ln in text.split("\n") if ln] == ["Heading one", PARAGRAPH, *MENU]


def test_a_table_whose_rows_fit_on_one_line_is_left_as_drawn() -> None:
    table = grid([[["Heading one"], []], [["First cell"], ["Second cell"]]], [20, 20])
    assert unbox_grid_tables(table, rejoin)[0] == table


def test_a_table_inside_a_cell_is_unboxed_too() -> None:
    inner = grid([[textwrap.wrap(PARAGRAPH, 30)]], [30]).split("\n")
    outer = grid([[MENU, inner]], [20, 34])
    text, _ = unbox_grid_tables(outer, rejoin)
    assert PARAGRAPH in text.split("\n")
    assert not any(ch in text for ch in "|+")


def test_a_cell_spanning_columns_is_one_cell() -> None:
    spanned = ["+----------+----------+", "| one cell across two |", "| columns             |",
               "+----------+----------+"]
    text, _ = unbox_grid_tables("\n".join(spanned), rejoin)
    assert text.split("\n") == ["one cell across two columns"]


def test_text_without_a_closed_grid_is_left_alone() -> None:
    for text in ["+-----+\n| open box", "Price +-----+ in text", "+-----+"]:
        assert unbox_grid_tables(text, rejoin) == (text, 0)


def test_reflow_unboxes_tables_and_counts_them() -> None:
    page = "Home\n\n" + grid([[textwrap.wrap(PARAGRAPH, 40), MENU]], [40, 20]) + "\n\nContact"
    result = reflow(page)
    assert result.tables == 1 and result.width is None
    assert PARAGRAPH in result.text.split("\n")


def test_unboxing_keeps_every_word_of_a_seed_laid_out_in_a_table() -> None:
    words = re.compile(r"\w+")
    for seed in SEEDS:
        paragraphs = [ln for ln in seed.read_text(encoding="utf-8").split("\n") if ln.strip()][:12]
        cell = [ln for p in paragraphs for ln in [*textwrap.wrap(p, 38), ""]]
        table = grid([[cell, MENU], [["Footer"], textwrap.wrap(PARAGRAPH, 20)]], [38, 20])
        text, tables = unbox_grid_tables(table, rejoin)
        assert tables == 1
        assert Counter(words.findall(text)) == Counter(words.findall(table))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_boxed_in_a_layout_table_cleans_to_the_same_words_as_the_seed(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    boxed = grid([[[ln for p in text.split("\n") for ln in (textwrap.wrap(p, 50) or [""])]]], [50])
    expected = clean_text(text).text.split()
    assert clean_text(reflow(boxed).text).text.split() == expected
    still_boxed = clean_text(boxed).text  # what unboxing saves: the cells' rules and rows cut mid-sentence
    assert "|" in still_boxed and still_boxed.split() != expected


@pytest.mark.parametrize(("rows", "expected"), [
    # w3m draws tables with box-drawing characters and wraps a long name inside its cell
    (["┌──────┬──────────┬─────────┐",
      "│1     │Chicago   │37% / 40%│",
      "│      │Booth     │         │",
      "├──────┼──────────┼─────────┤",
      "│2     │Kellogg   │38% / 48%│",
      "└──────┴──────────┴─────────┘"], ["1 | Chicago Booth | 37% / 40%", "2 | Kellogg | 38% / 48%"]),
    # w3m leaves no padding where a word fills the cell: "Chicago Booth" touches both bars
    (["┌──┬─────────────┬───┐",
      "│  │Chicago Booth│   │",
      "│2 │School of    │1  │",
      "│  │Business     │   │",
      "└──┴─────────────┴───┘"], ["2 | Chicago Booth School of Business | 1"]),
    # links frames a table without joints and draws the rules between rows with "|" ends
    (["   +-------------------------+",
      "   |Rank|Business    |Score  |",
      "   |----+------------+-------|",
      "   |    |UC Berkeley |       |",
      "   |1   |Haas School |700    |",
      "   |    |of Business |       |",
      "   +-------------------------+"], ["Rank | Business | Score", "1 | UC Berkeley Haas School of Business | 700"]),
], ids=["w3m-wrapped-cell", "w3m-cell-filled-edge-to-edge", "links-rules-between-rows"])
def test_a_data_tables_wrapped_row_becomes_one_line(rows: list[str], expected: list[str]) -> None:
    text, tables = unbox_grid_tables("\n".join(rows), rejoin)
    assert tables == 1
    assert text.split("\n") == expected


def test_tables_nested_deeper_than_the_cap_are_left_as_drawn() -> None:
    text = "\n".join(textwrap.wrap(PARAGRAPH, 30))
    for _ in range(300):  # 300 boxes one inside the other: no RecursionError
        lines = text.split("\n")
        width = max(map(len, lines)) + 2
        border = "+" + "-" * width + "+"
        text = "\n".join([border, *(f"| {ln:<{width - 2}} |" for ln in lines), border])
    unboxed, tables = unbox_grid_tables(text, rejoin)
    assert tables == 1 and Counter(re.findall(r"\w+", unboxed)) == Counter(re.findall(r"\w+", text))


def test_a_markdown_tables_rule_is_no_grid_top() -> None:
    # a "+-" elsewhere on the page, and a Markdown table with a second rule above its total
    page = ("Prices moved +-5% this year.\n\n"
            "| Name | Age |\n|------|-----|\n| Bob  | 30  |\n|------|-----|\n| All  | 30  |")
    assert unbox_grid_tables(page, rejoin) == (page, 0)
