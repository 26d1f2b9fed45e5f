import textwrap

from pipeline.coltables import column_spans, could_be_row, unalign_column_tables
from pipeline.reflow import join, reflow
from pipeline.stages.repair import COLUMNS_STEP, REFLOW_STEP, relayout

ROWS = [
    ["Keyboard model", "Layout", "Switch type", "Price (USD)"],
    ["Freebird TKL Full Kit", "TKL", "MX-style hot-swap", "$249.99"],
    ["Redragon K530 Draconic", "60%", "Outemu Box (3/5-pin)", "$50"],
    ["Keychron Q2", "65%", "MX-style hot-swap", "$129.99"],
]
WIDTHS = [12, 6, 10, 7]
PARAGRAPH = " ".join(["The council met on Monday to discuss the budget for the schools."] * 5)


def set_table(rows: list[list[str]], widths: list[int], gap: int = 2) -> list[str]:
    """A table as w3m or elinks sets it: each cell wrapped at its column's width and centred in
    its row's height, no borders."""
    out = []
    for row in rows:
        cells = [textwrap.wrap(text, width) for text, width in zip(row, widths, strict=True)]
        height = max(map(len, cells))
        tops = [(height - len(cell)) // 2 for cell in cells]
        for k in range(height):
            parts = [(cell[k - top] if 0 <= k - top < len(cell) else "").ljust(width)
                     for cell, top, width in zip(cells, tops, widths, strict=True)]
            out.append((" " * gap).join(parts).rstrip())
    return out


def as_rows(rows: list[list[str]]) -> list[str]:
    return [" | ".join(row) for row in rows]


def unaligned(lines: list[str]) -> tuple[list[str], int]:
    """The lines through ``unalign_column_tables`` on a page wrapped just past their right edge."""
    text, tables = unalign_column_tables("\n".join(lines), join, max(map(len, lines)) + 2)
    return text.split("\n"), tables


def test_each_row_of_wrapped_cells_comes_back_as_one_line() -> None:
    table = set_table(ROWS, WIDTHS)
    assert len(table) > len(ROWS)  # the test's premise: cells wrapped over several lines
    assert unaligned(table) == (as_rows(ROWS), 1)


def test_a_table_of_one_line_rows_is_left_as_it_is() -> None:
    rows = [["Name", "Age", "City"], ["Ann Lee", "34", "Leeds"], ["Bo Ray", "29", "York"], ["Cy Tan", "41", "Ely"]]
    table = set_table(rows, [7, 3, 5])  # narrow columns: every cell could have wrapped onto the next line
    assert len(table) == len(rows)
    assert unaligned(table) == (table, 0)


def test_a_cell_broken_after_a_hyphen_is_rejoined_without_a_space() -> None:
    table = ["Model     Design    Price   Case", "Keychron  Double-   $129    CNC", "Q2        gasket",
             "Asus      Metal     $229    ABS"]
    assert unaligned(table)[0] == ["Model | Design | Price | Case", "Keychron Q2 | Double-gasket | $129 | CNC",
                                   "Asus | Metal | $229 | ABS"]


def test_prose_menus_and_drawn_tables_are_left_as_they_are() -> None:
    prose = textwrap.fill(PARAGRAPH, 60)
    two_columns = "\n".join(set_table([["Home page", "The council met on Monday."]] * 3, [10, 20]))
    drawn = "\n".join("| " + line for line in set_table(ROWS, WIDTHS))
    ruled = "\n".join(["------------  ------  ----------  -------", *set_table(ROWS, WIDTHS)])
    items = ("Strategic Plan", "Contact", "Jobs")
    nested_list = "\n".join(["-   -   At a Glance", *[f"    -   {item}" for item in items]])
    for text in (prose, two_columns, drawn, ruled, nested_list):
        assert unaligned(text.split("\n")) == (text.split("\n"), 0)


def test_a_table_of_three_lines_is_too_little_to_go_on() -> None:
    table = set_table(ROWS[2:3], WIDTHS)
    assert len(table) == 3
    assert unaligned(table) == (table, 0)


def test_a_table_far_inside_the_margin_was_not_squeezed_but_one_past_it_was_too_wide() -> None:
    table = set_table(ROWS, WIDTHS)
    right = max(map(len, table))
    assert unalign_column_tables("\n".join(table), join, right + 11) == ("\n".join(table), 0)
    for width in (right - 4, right - 20):  # a renderer lets a table it cannot narrow run past the margin
        assert unalign_column_tables("\n".join(table), join, width) == ("\n".join(as_rows(ROWS)), 1)


def test_words_one_space_apart_are_one_column() -> None:
    block = ["Freebird TKL  60%   $249", "Keychron Q2   65%   $129", "Asus ROG      75%   $229",
             "Ajazz AK820   75%   $58"]
    assert column_spans(block) == [(0, 12), (14, 17), (20, 24)]


def test_a_row_must_be_centred_and_wrapped_where_a_wrapper_would_break() -> None:
    widths = [8, 5]
    assert could_be_row([["Redragon", ""], ["K530", "60%"], ["Draconic", ""]], widths)
    assert not could_be_row([["Redragon", "60%"], ["K530", ""], ["Draconic", ""]], widths)  # not centred
    assert not could_be_row([["Ann", "34"], ["Bo", "29"]], widths)  # "Ann Bo" fits in 8 columns: two rows
    assert not could_be_row([["Ann", ""], ["", "34"]], widths)  # no column fills the row


def test_only_a_hard_wrapped_page_has_its_tables_unaligned() -> None:
    table = set_table(ROWS, WIDTHS)
    assert max(map(len, table)) == 41
    wrapped = "\n\n".join([textwrap.fill(PARAGRAPH, 44), "\n".join(table), textwrap.fill(PARAGRAPH, 44)])
    reflowed = reflow(wrapped)
    assert reflowed.column_tables == 1
    assert reflowed.text.split("\n") == [PARAGRAPH, "", *as_rows(ROWS), "", PARAGRAPH]
    assert relayout(wrapped)[1] == [REFLOW_STEP, COLUMNS_STEP]
    unwrapped = "\n\n".join([PARAGRAPH, "\n".join(set_table(ROWS, [30, 6, 20, 12])), PARAGRAPH])
    assert reflow(unwrapped).column_tables == 0


def test_a_plus_sign_in_a_cell_is_text_and_a_row_may_end_just_past_the_margin() -> None:
    rows = [["Week", "Tuesday", "Thursday"], ["1", "Speed play 35 min Easy + 5 min Hard", "Optional cross-training"],
            ["2", "Fast finish 30 min Easy + 10 min Moderate", "Optional cross-training"]]
    table = set_table(rows, [4, 14, 10])
    right = max(map(len, table))
    assert unalign_column_tables("\n".join(table), join, right - 3) == ("\n".join(as_rows(rows)), 1)
