import textwrap
from pathlib import Path

import html2text
import pytest

from pipeline.reflow import reflow, wrap_width
from pipeline.textclean import clean_text

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

PARAGRAPH = (
    "The council met on Monday to discuss the budget for the schools, and after a long debate it "
    "agreed to fund two new libraries, a swimming pool and the repair of the old town hall roof, "
    "which had leaked for years."
)


def wrapped(text: str, width: int, **kw: object) -> str:
    """Every line of ``text`` hard-wrapped the way ``fold -s`` or a renderer would."""
    return "\n".join(
        textwrap.fill(ln, width, break_long_words=False, break_on_hyphens=False, **kw) if ln.strip() else ln
        for ln in text.split("\n")
    )


def test_rejoins_a_wrapped_paragraph_between_menus() -> None:
    page = f"Home\nNews\nSport\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\nContact\nPrivacy"
    result = reflow(wrapped(page, 60))
    assert result.text == page
    assert result.width is not None and 50 < result.width <= 60  # the longest line it wrapped
    assert result.joined > 0


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("width", [60, 80])
def test_a_wrapped_seed_cleans_to_the_same_words_as_the_seed(seed: Path, width: int) -> None:
    text = seed.read_text(encoding="utf-8")
    assert reflow(text).width is None  # the seeds print one paragraph per line
    as_wrapped = wrapped(text, width)
    expected = clean_text(text).text.split()
    assert clean_text(reflow(as_wrapped).text).text.split() == expected
    assert len(clean_text(as_wrapped).text.split()) < len(expected)  # what reflowing saves


def test_an_unwrapped_dump_is_left_alone() -> None:
    page = f"Home\n\n{PARAGRAPH}\n\n{PARAGRAPH} {PARAGRAPH}\n\nShort line\nAnother short line"
    assert reflow(page).text == page
    assert reflow(page).width is None


def test_list_items_join_their_own_continuations_only() -> None:
    item = "  * " + PARAGRAPH
    page = "\n".join([PARAGRAPH] * 2 + [item, "  * Second item", item])
    lines = wrapped(page, 70, subsequent_indent="").split("\n")
    renderer_style = [("    " + ln) if i and not ln.startswith(("  *", "The")) else ln for i, ln in enumerate(lines)]
    out = reflow("\n".join(renderer_style)).text.split("\n")
    assert "  * Second item" in out
    assert sum(ln.startswith("  * ") for ln in out) == 3


def test_hyphenated_compounds_split_by_the_wrapper_are_rejoined() -> None:
    text = "A " + "protein-forward breakfast keeps energy steady through the morning. " * 6
    folded = textwrap.fill(text.strip(), 50, break_on_hyphens=True)
    assert folded.count("-\n") > 0
    assert reflow(folded + "\n\n" + folded).text.split("\n")[0] == text.strip()


def test_markdown_hard_breaks_and_table_rows_stay_apart() -> None:
    body = wrapped(f"{PARAGRAPH}\n\n{PARAGRAPH}", 60)
    breaks = "Street address of the office on the second floor, room 12  \nCity"
    table = "| Name of the school      | Number of pupils in 2024 and 2025 |\n| x | y |"
    result = reflow(f"{body}\n\n{breaks}\n\n{table}")
    assert breaks in result.text
    assert table in result.text


def test_a_table_cells_padded_lines_are_rejoined_and_a_hard_break_is_not() -> None:
    """links lays a page out in table cells and pads each cell's lines with spaces to the cell's
    width: every line then ends in spaces, which alone would read as Markdown hard breaks."""
    cell = [f"{' ' * 21}{ln:<38}" for ln in textwrap.wrap(PARAGRAPH, 36)]
    assert all(ln.endswith("  ") for ln in cell[:-1])
    page = "\n\n".join(["\n".join(cell)] * 3)
    assert reflow(page).text.split("\n")[0] == " " * 21 + PARAGRAPH
    # a real break: "Springfield" would not have fitted after the first line, but the lines differ in width
    breaks = "Street address of the office, second floor, room 9  \nSpringfield"
    assert breaks in reflow(f"{page}\n\n{breaks}").text


def test_a_sentence_break_is_kept_when_the_next_line_starts_a_sentence() -> None:
    first = "x" * 20 + " and the meeting ended late that evening."
    page = wrapped(f"{PARAGRAPH}\n{PARAGRAPH}", 64) + f"\n\n{first}\n“Nobody expected it,” she said."
    assert "\n“Nobody expected it,” she said." in reflow(page).text


def test_a_bare_quote_mark_line_ends_the_paragraph() -> None:
    quoted = "\n".join("> " + ln for ln in wrapped(PARAGRAPH, 60).split("\n"))
    page = f"{quoted}\n>  \n{quoted}\n>"  # html2text quotes a blank line as ">  "
    assert reflow(page).text == f"> {PARAGRAPH}\n>  \n> {PARAGRAPH}\n>"


def test_a_heading_wrapped_at_its_own_wider_margin_is_rejoined() -> None:
    # lynx: paragraphs indented 3 end by column 74, flush-left headings run to column 77
    heading = "What Are the Latest Scientific Trends in Psychiatry and How Will They Impact Care?"
    prose = [ln for ln in SEEDS[0].read_text(encoding="utf-8").split("\n") if len(ln) > 300]
    body = "\n\n".join(textwrap.fill(p, 74, initial_indent="   ", subsequent_indent="   ") for p in prose)
    result = reflow(f"{textwrap.fill(heading, 77)}\n\n{body}")
    assert result.width == 74
    assert heading in result.text.split("\n")


def test_a_continuation_keeps_its_closing_marks() -> None:
    page = wrapped(f"{PARAGRAPH} The old roof -> the new roof\n\n{PARAGRAPH} <br>", 60)
    assert reflow(page).text.split("\n")[0].endswith("-> the new roof")
    assert reflow(page).text.endswith("<br>")


def test_a_centred_wrapped_heading_is_rejoined_and_centred_menus_are_not() -> None:
    heading = "Best live TV streaming service: The top 5 picks for entertainment, sports, and more"
    first, rest = textwrap.wrap(heading, 74)
    centred = [f"{first:^74}".rstrip(), f"{rest:^74}".rstrip(), "", f"{'Home':^74}".rstrip(), f"{'About':^74}".rstrip()]
    result = reflow("\n".join([*centred, "", wrapped(f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}", 74)]))
    assert result.text.split("\n")[0].strip() == heading
    assert result.text.split("\n")[2:4] == centred[3:5]


def test_an_unbreakable_long_line_does_not_widen_the_margin() -> None:
    prose = [ln for ln in SEEDS[0].read_text(encoding="utf-8").split("\n") if len(ln) > 300]
    link = "[report](https://example.org/" + "a" * 31 + ") is"  # html2text never breaks a link target
    assert len(link) == 64 and link.find(" ") > 60
    page = wrapped("\n\n".join(prose), 60)
    result = reflow(f"{page}\n\n{link}")
    assert result.width == reflow(page).width == 60
    assert result.text == f"{reflow(page).text}\n\n{link}"


def test_a_byline_under_a_full_standfirst_keeps_its_line() -> None:
    standfirst = "Implementation continues to complicate even well-studied interventions"
    body = wrapped(f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}", 72)
    page = f"{standfirst}\nBy Sarah Schwartz — November 18, 2025\n\n{body}"
    assert len(standfirst) + len(" By") > reflow(page).width  # "By" would not have fitted
    assert reflow(page).text.startswith(f"{standfirst}\nBy Sarah Schwartz")


def test_wrap_width_needs_many_full_lines() -> None:
    assert wrap_width(["a" * 70, "b" * 70, "c"]) is None
    assert wrap_width(wrapped(PARAGRAPH * 3, 72).split("\n")) == 72


def test_unwrapped_headings_between_blank_lines_do_not_hide_the_margin() -> None:
    # pandoc's plain text wraps paragraphs at 72 columns but prints headings whole
    heading = "A Systematic Review and Meta-Analysis of the Experimental Evidence on Tutoring Programs"
    page = "\n\n".join([heading, wrapped(PARAGRAPH, 72)] * 4)
    result = reflow(page)
    assert result.width is not None
    assert result.text.split("\n\n") == [heading, PARAGRAPH] * 4


def test_a_box_drawing_line_used_as_a_dash_is_no_table_rule() -> None:
    dashed = PARAGRAPH.replace("debate it", "debate─it")
    page = "\n\n".join([wrapped(PARAGRAPH, 60), wrapped(dashed, 60), wrapped(PARAGRAPH, 60)])
    assert reflow(page).text.split("\n\n") == [PARAGRAPH, dashed, PARAGRAPH]
    drawn = "│ Ranking │ School │"
    assert reflow("\n\n".join([wrapped(PARAGRAPH, 60), drawn])).text.endswith("\n\n" + drawn)


def test_a_simple_tables_column_rule_is_a_table_row() -> None:
    rule = "  " + " ".join("-" * n for n in (20, 40, 30))  # pandoc's simple table, wider than the page
    row = "  " + "   ".join(["Ranking in 2023", "Business School", "Previous Ranking"])
    page = "\n\n".join([wrapped(PARAGRAPH, 72)] * 3 + [f"{rule}\n{row}\n{rule}"])
    result = reflow(page)
    assert result.width is not None
    assert result.text.split("\n\n")[:3] == [PARAGRAPH] * 3
    assert result.text.endswith(f"{rule}\n{row}\n{rule}")


def test_rows_ending_in_a_hard_break_do_not_widen_the_margin() -> None:
    # html2text never wraps its table rows and ends each with a Markdown hard break
    rows = [f"Battery life claimed by the manufacturer {n} | Up to 36 days in smartwatch modes  " for n in range(2)]
    page = "\n\n".join([wrapped(PARAGRAPH, 72)] * 12 + ["\n".join(rows)])
    result = reflow(page)
    assert result.text.split("\n\n")[:3] == [PARAGRAPH] * 3


def test_a_table_row_past_the_margin_does_not_widen_it() -> None:
    # lynx lays a table row out to its own width, a few columns past its paragraphs' margin
    row = "   Rank" + " " * 17 + "Health Insurer" + " " * 18 + "Direct Written Premiums"
    assert len(row) == 79
    # its first line ends at column 65: " consideration" would reach 79, past the margin of 74
    careful = ("Selecting the right health insurance provider requires careful consideration of multiple "
               "factors that directly impact your healthcare experience, and the American market features "
               "numerous companies competing for your business.")
    *paragraphs, last = [wrapped(text, 74, initial_indent="   ", subsequent_indent="   ")
                         for text in [*[PARAGRAPH] * 8, careful]]
    assert reflow("\n\n".join([*paragraphs, row, last])).text.split("\n\n")[-1] == "   " + careful


def test_a_code_line_just_past_the_margin_does_not_widen_it() -> None:
    # w3m prints a <pre> line whole: 81 columns on a page wrapped at 79, at the paragraphs' indent
    code = "curl -s https://www.internic.net/domain/named.root -o /var/lib/unbound/root.hints"
    assert len(code) == 81 and code.find(" ") < 79
    page = "\n\n".join([wrapped(PARAGRAPH, 79)] * 8 + [code])
    # at 81 columns "long" would have fitted after "after a" (76): only the page's margin explains that break
    first, second, _ = wrapped(PARAGRAPH, 79).split("\n")
    assert len(first) + 1 + len(second.split()[0]) == 81
    result = reflow(page)
    assert result.text.split("\n\n") == [PARAGRAPH] * 8 + [code]


def test_a_layout_tables_right_column_past_the_margin_does_not_move_it() -> None:
    # w3m sets a table's last column at column 68 and runs its cells past the page's margin
    column = [" " * 68 + cell for cell in ("Largest insurer;", "Global health", "Operates BCBS", "app-based care",
                                           "Integrated with", "and Tufts Health", "Largest BCBS")]
    page = "\n\n".join([wrapped(PARAGRAPH, 79)] * 3 + ["\n".join(column)])
    assert all(79 < len(cell) <= 84 for cell in column)
    assert reflow(page).width == 79


def test_a_markdown_table_row_wrapped_like_a_paragraph_is_one_row_again() -> None:
    # html2text wraps a long row at its margin and ends the row with a hard break
    rows = [f"{n}| Rest| Walk/Run Easy 10x (Walk 2 min/ Run Easy 1 min)| Rest| Walk/Run Easy 13x| "
            f"Optional Non-Impact Cardio 30 min" for n in range(1, 4)]
    table = ["Week| Monday| Tuesday| Wednesday| Thursday| Friday  ", "---|---|---|---|---|---  "]
    table += [textwrap.fill(row, 72, break_on_hyphens=False) + "  " for row in rows]
    page = "\n\n".join([wrapped(PARAGRAPH, 72)] * 12 + ["\n".join(table)])
    out = reflow(page).text.split("\n")
    assert [ln.rstrip() for ln in out[-3:]] == rows
    assert out[-4] == "---|---|---|---|---|---  "


def test_a_code_block_past_the_margin_does_not_hide_it() -> None:
    # html2text indents code and never wraps it: tab-indented lines run past the margin
    code = "\n".join(f"    \tresult = stringAppendIf( result, street{n}, linebreak ); // one of the address lines"
                     for n in range(6))
    page = "\n\n".join([wrapped(PARAGRAPH, 78)] * 6 + [code])
    result = reflow(page)
    assert result.text.split("\n\n")[:6] == [PARAGRAPH] * 6
    assert result.text.endswith(code)


def html2text_dump(html: str) -> str:
    """``html`` as html2text renders it by default: wrapped at 78 columns, links inline."""
    return html2text.HTML2Text(bodywidth=78).handle(html)


STANDFIRST = (
    "We have spent decades honing our backpacking gear to a perfect balance of weight and creature "
    "comforts. After many miles on the trail we are pretty dialed in to what we want and need for "
    "any adventure, and we love helping people find their kit as well."
)


def test_list_items_left_unwrapped_past_the_margin_do_not_hide_it() -> None:
    # html2text prints list items whole: a menu of long links ends past the paragraphs' margin
    links = [(f"https://www.example.com/hiking/best-{'x' * (i % 6)}gear-for-hikers/", f"Best Hiking Gear {i}")
             for i in range(12)]
    menu = "".join(f"<li><a href='{url}'>{label}</a></li>" for url, label in links)
    dump = html2text_dump(f"<ul>{menu}</ul><p>{STANDFIRST}</p><p>{STANDFIRST}</p>")
    assert max(map(len, dump.split("\n"))) > 78
    assert reflow(dump).text.split("\n").count(STANDFIRST) == 2


def test_a_link_address_the_wrapper_broke_after_a_hyphen_is_rejoined() -> None:
    # textwrap sets the piece of the address up to a hyphen on a line of its own when it is
    # longer than the margin, and goes on with the rest of the address on the next line
    url = "https://www.example.com/story/entertainment/movies/reviews/2025/11/25/knives-out-daniel-craig-wake-up-dead-man/87378058007/"
    paragraph = (f"Rian Johnson's third all-star mystery gives Benoit Blanc, <a href='{url}'>Daniel Craig's "
                 "Southern-fried Sherlock</a>, his own Watson. The young priest is accused of murdering his "
                 "tempestuous boss, and Blanc arrives to find whodunit in a sharp exploration of faith.")
    dump = html2text_dump(f"<p>{paragraph}</p>" * 3)
    assert "knives-\nout-daniel" in dump
    lines = reflow(dump).text.split("\n")
    assert sum(f"Sherlock]({url}), his own Watson." in ln for ln in lines) == 3
    assert "[Daniel Craig's Southern-fried Sherlock], his own Watson." in clean_text(reflow(dump).text).text


def test_a_label_and_its_value_set_apart_by_the_wrapper_are_rejoined() -> None:
    # html2text (78 columns) puts a long link on the line after its label; a colon ends no sentence
    link = "[Spanish](https://coerll.utexas.edu/coerll/materials/language/spanish/)"
    page = wrapped(f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}", 78) + f"\n\nLanguage:\n{link}\n"
    assert f"\nLanguage: {link}\n" in reflow(page).text


def test_code_lines_cut_at_the_screen_do_not_widen_the_margin() -> None:
    # lynx wraps indented paragraphs at 74 but cuts a long <pre> line at the screen's 80 columns,
    # mid-word, and carries the rest on at column 0; the cut lines outnumber the paragraphs' full ones
    code = "        // the formatted token is optional and allows the token to be given its own formatting"
    cut = "\n".join([code[:80], code[80:]] * 12)
    paragraphs = [wrapped(PARAGRAPH, 74, initial_indent="   ", subsequent_indent="   ")] * 3
    result = reflow("\n\n".join([*paragraphs, cut]))
    assert result.width is not None and result.width <= 74
    assert result.text.split("\n\n")[:3] == ["   " + PARAGRAPH] * 3


def test_the_margin_that_explains_the_breaks_is_read_under_lines_just_past_it() -> None:
    # links wraps at 77; a few lines printed whole end at 78, and the lines ending at 77 are too
    # few to outweigh them: every break in the paragraphs says that the margin is 77, not 78
    text = ("An annual review of the whole system was carried out in May, June and July, and the results "
            "were presented to the board at its first meeting in the summer term.")
    lines = wrapped(text, 77, initial_indent="   ", subsequent_indent="   ").split("\n")
    assert len(lines[0]) + 1 + len(lines[1].split()[0]) == 78  # "July," would have fitted at 78
    whole = "   loader.keep(component); // keeps the aspect ratio of each one in its place;"
    assert len(whole) == 78
    page = "\n\n".join([wrapped(PARAGRAPH, 77, initial_indent="   ", subsequent_indent="   ")] * 4
                       + [whole] * 2 + ["\n".join(lines)] * 4)
    result = reflow(page)
    assert result.width == 77
    assert result.text.split("\n\n")[-1] == "   " + text


def test_a_page_with_much_code_past_the_margin_is_still_wrapped() -> None:
    # w3m prints code as given, however long: more lines run past the margin than a wrapped page
    # may have, but the paragraphs' many breaks are all explained by one margin
    parts = ["prefix", "firstName", "middleName", "lastName", "suffix", "honorific", "nickname", "maidenName"]
    code = "\n".join(f"        name = name.listAppend( user.{part}, \", \" ); // {'the ' * n}delimiter put before "
                     f"the {part};" for n, part in enumerate(parts))
    assert all(79 < len(ln) <= 130 for ln in code.split("\n"))
    page = "\n\n".join([wrapped(PARAGRAPH, 79)] * 12 + [code])
    result = reflow(page)
    assert result.width == 79
    assert result.text.split("\n\n")[:12] == [PARAGRAPH] * 12
    assert result.text.endswith(code)


def test_a_page_of_long_lines_is_not_wrapped_for_a_few_explained_breaks() -> None:
    # an unwrapped page with a short address block: its breaks are no evidence against the long lines
    address = "\n".join(["The Council Offices, Market Street, Springfield, and the branch at the harbour,"] * 4)
    page = "\n\n".join([PARAGRAPH] * 10 + [address])
    assert reflow(page).width is None


def test_w3m_list_of_link_addresses_printed_past_the_margin_does_not_hide_it() -> None:
    page = f"Home\nNews\n\n{PARAGRAPH}\n\n{PARAGRAPH}"
    address = "https://www.example.org/2025/12/{:02d}/a-long-address-w3m-prints-whole/"
    addresses = "\n".join(f"[{n}] {address.format(n)}" for n in range(40))
    result = reflow(wrapped(page, 60) + "\n\nReferences:\n\n" + addresses)
    assert result.text == f"{page}\n\nReferences:\n\n{addresses}"
