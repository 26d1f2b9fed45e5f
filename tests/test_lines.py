"""Line features: renderer markup folded for measuring, the original line kept for output."""

from __future__ import annotations

import re
import sys
import time

import pytest

from pipeline import lines
from pipeline.lines import (
    DATE,
    FIELD_MASK,
    RE_I_ASCII_TWINS,
    TERMINAL,
    WORD,
    WORD_TALLIES,
    digit_count,
    ends_sentence,
    holds_date,
    make_line,
    normalise,
    second_copy_at,
    split_lines,
    stopwords,
    word_counts,
)
from tests.conftest import seed_text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("  * [__Call Center Services](/call-center-services/)", "Call Center Services"),  # html2text
        ("      + Engineering Services", "Engineering Services"),  # inscriptis / lynx
        ("      □ Data Services", "Data Services"),  # w3m
        ("  • Contact", "Contact"),
        ("## Key **Takeaways**", "Key Takeaways"),
        ("Name: ____________ (BUTTON) Submit", "Name: Submit"),
    ],
)
def test_visible_text_folds_renderer_markup(raw: str, text: str) -> None:
    assert make_line(1, raw).text == text


def test_markdown_link_targets_leave_output_but_are_listed() -> None:
    line = make_line(7, "Read the [full report](https://example.org/report_(2024)) today.")
    assert line.text == "Read the full report today."
    assert line.output == "Read the [full report] today."
    assert line.markup == [("markdown-link-target", "(https://example.org/report_(2024))")]
    assert 0.3 < line.link_share < 0.5


def test_markdown_reference_links_leave_their_number_in_the_audit_but_lynx_numbers_are_not_taken_for_them() -> None:
    line = make_line(7, "A [wide aperture][51] suits portraits, as [13][3] says.")
    assert line.text == "A wide aperture suits portraits, as [3] says."
    assert line.output == "A [wide aperture] suits portraits, as [3] says."
    assert line.markup == [("link-number", "[13]"), ("markdown-link-reference", "[51]")]
    assert 0.2 < line.link_share < 0.4


def test_markdown_emphasis_markers_leave_output_but_are_listed() -> None:
    line = make_line(2, "It was _the_ **best** season; see file_name and 2*3.")
    assert line.output == "It was the best season; see file_name and 2*3."
    assert line.markup == [("markdown-emphasis", "_ _ ** **")]


def test_browser_placeholders_leave_output_but_are_listed() -> None:
    # elinks and links print "[IMG]" for an image without alt text, lynx "(BUTTON)" before a label.
    # The features still read "[IMG]": folded there too, a line of it alone became a blank line,
    # which moved the line model's reading of 92 dev pages of links (one lost half its precision).
    line = make_line(4, "[IMG] [IMG] Graphic Design Courses for Beginners")
    assert line.output == "Graphic Design Courses for Beginners"
    assert line.markup == [("renderer-placeholder", "[IMG] [IMG]")]
    assert make_line(5, "Read more [IMG] here").output == "Read more here"
    assert make_line(6, "(BUTTON) Opens the menu").output == "Opens the menu"
    assert make_line(7, "See figure [IMAGE] and (button) below").output == "See figure [IMAGE] and (button) below"


def test_lynx_link_numbers_leave_output_but_are_listed_and_citations_stay() -> None:
    line = make_line(3, "Read the [12]full report and [13][3] and the claim.[4] Next [2](https://x.org/p2)")
    assert line.text == "Read the full report and [3] and the claim.[4] Next 2"
    assert line.output == "Read the full report and [3] and the claim.[4] Next [2]"
    assert line.markup == [("link-number", "[12] [13]"), ("markdown-link-target", "(https://x.org/p2)")]


def test_a_lynx_link_number_glued_to_a_sign_or_a_spaced_bracket_is_markup_too() -> None:
    line = make_line(3, "by iggymanz [15]( 596061 ) writes: [16]► next [17]“Quote” and as:[21]** defined")
    assert line.output == "by iggymanz ( 596061 ) writes: ► next “Quote” and as:[21] defined"
    assert line.markup[0] == ("link-number", "[15] [16] [17]")  # then the emphasis markers


def test_link_targets_go_before_emphasis_so_underscores_in_urls_stay_out_of_it() -> None:
    line = make_line(4, "See [the _list_](https://x.org/a_b_) here.")
    assert line.output == "See [the list] here."
    assert [rule for rule, _ in line.markup] == ["markdown-link-target", "markdown-emphasis"]


def test_a_phrase_written_twice_keeps_one_copy() -> None:
    line = make_line(5, "Hikers on the glacier above the town.Hikers on the glacier above the town.")
    assert line.output == "Hikers on the glacier above the town."
    assert line.markup == [("repeated-text", "Hikers on the glacier above the town.")]


@pytest.mark.parametrize(
    "raw",
    ["Bora Bora Bora Bora", "The talks went well and the talks went well.", "New York, New York, New York, NY"],
)
def test_repeated_words_inside_a_line_stay(raw: str) -> None:
    assert make_line(1, raw).output == raw


def test_plain_line_output_is_the_original_line() -> None:
    raw = "  He said: “We will meet again.”  "
    line = make_line(3, raw)
    assert line.output == raw.strip()
    assert line.markup == []
    assert line.terminal


def test_sentence_features() -> None:
    line = make_line(1, "The council met on Monday to discuss the budget for the schools.")
    assert line.prose and line.terminal and not line.bullet
    assert line.stop_share > 0.3
    assert line.title_case < 0.5


def test_menu_item_features() -> None:
    line = make_line(1, "* Israel and the Global Powers")
    assert line.bullet and not line.prose and not line.terminal
    assert line.title_case == 1.0


def test_digits_dates_headings_and_forms() -> None:
    assert make_line(1, "15 May, 2025").has_date
    assert make_line(1, "Posted 3 hours ago").has_date
    assert not make_line(1, "Chapter 12").has_date
    assert make_line(1, "# Results").heading
    assert make_line(1, "[ ] Remember me").form
    assert make_line(1, "2024 15").digit_share > 0.5


@pytest.mark.parametrize("box", ["[ ] Remember me", "( ) Yes", "(*) No", "Email[          ]", "Name ____"])
def test_renderer_boxes_are_form_fields(box: str) -> None:
    assert make_line(1, box).form


@pytest.mark.parametrize("code", ["def start_docker():", "return result.stdout.strip()", "f(x) = 2x", "arr[] = 1"])
def test_brackets_glued_to_a_word_are_code_not_boxes(code: str) -> None:
    line = make_line(1, code)
    assert not line.form
    assert line.text == code


def test_split_lines_numbers_from_one_and_keeps_blanks() -> None:
    lines = split_lines("Title\n\nBody line.")
    assert [ln.no for ln in lines] == [1, 2, 3]
    assert lines[1].blank and not lines[0].blank


def test_stopwords_are_loaded_lowercase_without_comments() -> None:
    words = stopwords()
    assert {"the", "and", "der", "les"} <= words
    assert all(w == w.lower() and not w.startswith("#") for w in words)


ODD_WORDS = ["The", "the", "İstanbul", "Éclair", "éclair", "4real", "_abc", "Ⅻth", "ǅemal", "of", "Of", "U.S.",
             "don’t", "DER", "abc", "Abc", "Abcd", "ǲwon"]


def counted_word_by_word(words: list[str]) -> tuple[int, int, int]:
    initials = [w[0] for w in words if len(w) >= 4 and w[0].isalpha()]
    return len(initials), sum(map(str.isupper, initials)), sum(w.lower() in stopwords() for w in words)


def test_word_counts_count_each_word_as_it_reads() -> None:
    seeds = [ln for p in ("000", "001", "002", "003", "004") for ln in seed_text(p).splitlines()]
    texts = [" ".join(ODD_WORDS), *seeds]
    for text in texts:
        words = WORD.findall(text)
        assert word_counts(words) == counted_word_by_word(words), text
        line = make_line(1, text)  # and the shares measured from the words a reader saw
        counted, capitals, function_words = counted_word_by_word(WORD.findall(line.text))
        assert line.title_case == (capitals / counted if counted else 0.0), text
        assert line.stop_share == (function_words / line.words if line.words else 0.0), text


def test_the_word_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "TALLIES_MAX_WORDS", 3)
    WORD_TALLIES.clear()
    for word in ODD_WORDS:
        word_counts([word])
    assert 1 <= len(WORD_TALLIES) <= 3
    assert word_counts(ODD_WORDS) == counted_word_by_word(ODD_WORDS)
    WORD_TALLIES.clear()


def test_a_line_of_more_words_than_a_field_holds_is_counted_word_by_word() -> None:
    words = ["Word"] * (FIELD_MASK + 1) + ["the"]
    assert word_counts(words) == (FIELD_MASK + 1, FIELD_MASK + 1, 1)


@pytest.mark.parametrize("text", ["He left.", "He left.”", "(He left.)", "She asked?'", "“Go”", "Note:",
                                  "Items;", "Wait…", "So »", "No end", "", ".", "”", "a)", "Done.)_*", "x ’"])
def test_sentence_end_answers_as_the_expression(text: str) -> None:
    assert ends_sentence(text) == bool(TERMINAL.search(text))


def test_bullet_markers_only_where_a_line_can_start_one() -> None:
    assert make_line(1, "12. Twelfth item").bullet
    assert make_line(1, "– dash item").bullet
    assert not make_line(1, "2024 was a year").bullet
    assert not make_line(1, "Plain words").bullet


@pytest.mark.parametrize(
    "text",
    ["15 May, 2025", "Posted 3 hours ago", "Chapter 12", "2024 15", "12/05/2024", "2024-05-12", "v1.2.3 build",
     "Room 101", "Ages 3 to 5", "3 days ago", "5 MINUTES AGO", "DEC 3", "Schedule 2024", "Präsident 12. März 2024",
     "No digits here", "Ｍay 12", "“Posted” 3 hours ago", "Ｍay 12 — 3 DAYſ AGO", "AUGUſT 3 – ok", "İAN 3 ı"],
)
def test_date_shortcut_answers_as_the_full_search(text: str) -> None:
    assert holds_date(text) == bool(DATE.search(text))
    assert digit_count(text) == sum(map(text.count, "0123456789"))


def test_the_ascii_twins_are_every_letter_re_i_folds_to_ascii() -> None:
    """Keyword gates rely on this table: a missing twin would skip a line the pattern matches."""
    ascii_letter = re.compile("[a-z]", re.I)
    twins = {cp for cp in range(128, sys.maxunicode + 1) if ascii_letter.fullmatch(chr(cp))}
    assert twins == set(RE_I_ASCII_TWINS)
    for cp, letter in RE_I_ASCII_TWINS.items():
        assert re.fullmatch(letter, chr(cp), re.I)


def test_the_odd_lowercase_letters_are_the_only_ones_that_change_words() -> None:
    """``measure`` lowers the words it found instead of finding them again in the lowered
    text, except on lines holding one of ``LOWERS_ODDLY``'s letters."""
    odd = {cp for cp in range(sys.maxunicode + 1)
           if len(chr(cp).lower()) != 1 or WORD.fullmatch(chr(cp)) and not WORD.fullmatch(chr(cp).lower())}
    assert odd == {0x130}  # the final-sigma rule, the other exception, depends on context, not on one letter
    for text in ("ΟΔΟΣ:Α ΤΕΛΟΣ", "İstanbul’s MAYOR", "Plain words, here."):
        assert make_line(1, text).key == normalise(text)


def test_a_line_of_one_word_repeated_is_searched_for_a_second_copy_in_linear_time() -> None:
    """Only the stretch past the middle is searched: comparing the line at each of its 300,000
    repeats took seconds (a page of hard-wrapped "word word …" reflowed into one line)."""
    line = "word " * 300_000 + "end"
    started = time.process_time()
    assert second_copy_at(line) == 0
    assert time.process_time() - started < 1
    assert second_copy_at("phrase " * 5 + "phrase") == 21  # six of one word: two copies of three
