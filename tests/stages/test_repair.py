from __future__ import annotations

import textwrap

from pipeline.doc import Doc
from pipeline.stages.repair import (
    COLUMNS_STEP,
    CUT_SENTENCES_STEP,
    REFLOW_STEP,
    SEPARATE_STEP,
    TEXT_NODES_STEP,
    UNBOX_STEP,
    UNGLUE_STEP,
    Repair,
    repair_text,
)


def test_mojibake_is_fixed_and_explained() -> None:
    fixed, steps = repair_text("The cafÃ© opened")
    assert fixed == "The café opened"
    assert steps  # ftfy says what it did, e.g. "encode:sloppy-windows-1252"


def test_typography_is_kept() -> None:
    text = "“Curly” quotes, ‘single’ ones, ½ cup, 10³ m², ﬁne — and full-width ＡＢＣ."
    assert repair_text(text) == (text, [])


def test_control_characters_are_removed() -> None:
    fixed, _ = repair_text("bell\x07 here")
    assert fixed == "bell here"


def test_stage_repairs_text_and_records_steps() -> None:
    doc = Doc(source_path="a.txt", text="naÃ¯ve")
    Repair().process_doc(doc)
    assert doc.text == "naïve" and doc.repairs


def test_windows_line_breaks_are_unified_and_recorded() -> None:
    assert repair_text("one\r\ntwo\rthree") == ("one\ntwo\nthree", ["apply:fix_line_breaks"])


def test_mojibake_on_one_line_of_a_long_ascii_page_is_found() -> None:
    page = "<p>plain ascii line</p>\n" * 500 + "<p>The cafÃ© opened</p>\n"
    fixed, steps = repair_text(page)
    assert fixed.endswith("<p>The café opened</p>\n") and steps


def test_a_hard_wrapped_dump_is_reflowed_and_the_step_recorded() -> None:
    paragraph = " ".join(["The council met on Monday to discuss the budget for the schools."] * 5)
    folded = textwrap.fill(paragraph, 72)
    doc = Doc(source_path="a.txt", text=f"Home\n\n{folded}\n\n{folded}\n\nContact")
    Repair().process_doc(doc)
    assert doc.text == f"Home\n\n{paragraph}\n\n{paragraph}\n\nContact"
    assert doc.repairs == [REFLOW_STEP]


def test_an_unwrapped_dump_keeps_its_lines_and_records_nothing() -> None:
    text = "Home\n\n" + " ".join(["The council met on Monday to discuss the budget."] * 8) + "\n\nContact"
    doc = Doc(source_path="a.txt", text=text)
    Repair().process_doc(doc)
    assert (doc.text, doc.repairs) == (text, [])


def test_a_dump_with_a_grid_table_is_unboxed_and_the_step_recorded() -> None:
    table = ["+--------------+-------------+", "| The council  | Home        |", "| met on Monday| Sport       |",
             "+--------------+-------------+"]
    doc = Doc(source_path="a.txt", text="\n".join(["Menu", "", *table]))
    Repair().process_doc(doc)
    assert doc.text.split("\n") == ["Menu", "", "The council met on Monday", "", "Home", "Sport", ""]
    assert doc.repairs == [UNBOX_STEP]


def test_a_wrapped_dump_with_a_column_table_has_its_rows_joined_and_the_step_recorded() -> None:
    paragraph = " ".join(["the council met on Monday to discuss the budget"] * 4) + "."
    table = ["Week   Tuesday          Thursday", "       Speed play 35    Optional", "1      min Easy with    cross-",
             "       hard sprints     training", "2      Rest             Rest"]
    doc = Doc(source_path="a.txt", text="\n".join([textwrap.fill(paragraph, 36), "", *table]))
    Repair().process_doc(doc)
    assert doc.text.split("\n")[-3:] == ["Week | Tuesday | Thursday",
                                        "1 | Speed play 35 min Easy with hard sprints | Optional cross-training",
                                        "2 | Rest | Rest"]
    # the reflow leaves the paragraph's last break (the table's columns blur its margin): a cut sentence
    assert doc.repairs == [REFLOW_STEP, COLUMNS_STEP, CUT_SENTENCES_STEP]


def test_a_glued_dump_is_split_and_the_step_recorded() -> None:
    glued = "HomeNewsSportContact" + "The council met on Monday to discuss the budget.Then it voted." * 16
    doc = Doc(source_path="a.txt", text=glued)
    Repair().process_doc(doc)
    assert doc.text.startswith("Home\n\nNews\n\nSport\n\nContact\n\nThe council met")
    assert doc.repairs == [UNGLUE_STEP]


def test_a_dump_of_text_nodes_has_its_sentences_rejoined_and_the_step_recorded() -> None:
    nodes = ["Home", "News", "Sport", "The council met on", "Monday", "to discuss the budget.", "Contact"] * 2
    doc = Doc(source_path="a.txt", text="\n".join(nodes))
    Repair().process_doc(doc)
    assert doc.text.split("\n\n")[:5] == ["Home", "News", "Sport", "The council met on Monday to discuss the budget.",
                                          "Contact"]
    assert doc.repairs == [TEXT_NODES_STEP]


def test_a_dump_of_blocks_without_blank_lines_has_them_set_apart_and_the_step_recorded() -> None:
    blocks = ["Home", "News", "Sport", "Contact", "The council met on Monday to discuss the budget."] * 2
    doc = Doc(source_path="a.txt", text="\n".join(blocks))
    Repair().process_doc(doc)
    assert doc.text == "\n\n".join(blocks)
    assert doc.repairs == [SEPARATE_STEP]


def test_a_dump_whose_lines_cut_sentences_has_them_joined_and_the_step_recorded() -> None:
    pieces = ["The council met on", "Monday", "to discuss the budget.", ""]
    doc = Doc(source_path="a.txt", text="\n".join(["Home", "", *pieces, "Contact"]))
    Repair().process_doc(doc)
    assert doc.text.split("\n") == ["Home", "", "The council met on Monday to discuss the budget.", "", "Contact"]
    assert doc.repairs == [CUT_SENTENCES_STEP]
