"""Text nodes: a dump printing a text node per line has its sentences rejoined, each a block."""

from __future__ import annotations

from pipeline.textnodes import join_cut_sentences, rejoin_text_nodes, separate_lines

# What soup.get_text("\n", strip=True) makes of a short story page: every link's text on a line
# of its own, the sentence around it cut there, and no blank line anywhere.
NODES = [
    "Home", "News", "Sport", "Contact",
    "City council approves the library budget",
    "By", "Jane Doe",
    "The council voted on Tuesday to approve a budget that raises funding for the",
    "public libraries",
    "and museums (",
    "see the full report",
    "), after a long debate.",
    "Opening hours will be extended from May.",
    "Related posts",
    "Parking fees rise in May",
]


def test_the_pieces_of_a_sentence_come_together_and_each_line_is_a_block() -> None:
    out = rejoin_text_nodes("\n".join(NODES))
    assert out.applied
    assert out.text.split("\n\n") == [
        "Home", "News", "Sport", "Contact", "City council approves the library budget", "By", "Jane Doe",
        "The council voted on Tuesday to approve a budget that raises funding for the public libraries and "
        "museums (see the full report), after a long debate.",
        "Opening hours will be extended from May.", "Related posts", "Parking fees rise in May",
    ]
    assert out.joined == 4


def test_a_link_between_two_pieces_is_joined_but_a_heading_before_a_paragraph_is_not() -> None:
    lines = ["Read the", "annual report", "of the agency.", "Annual report", "The agency grew."] * 3
    out = rejoin_text_nodes("\n".join(lines)).text.split("\n\n")
    assert out[:3] == ["Read the annual report of the agency.", "Annual report", "The agency grew."]


def test_a_dump_with_blank_lines_between_blocks_is_left_alone() -> None:
    dump = "\n\n".join(NODES)
    assert rejoin_text_nodes(dump).text == dump and not rejoin_text_nodes(dump).applied


def test_a_dump_with_no_sentence_cut_is_left_alone() -> None:
    menu = "\n".join(["Home", "News", "Sport", "Business", "Culture", "Travel", "Weather", "Video", "Audio", "Live"])
    assert not rejoin_text_nodes(menu).applied


# A scraper's page written as its blocks joined by single line breaks: whole sentences, no blank line.
BLOCKS = ["Home", "News", "Sport", "City council approves the library budget", "By Jane Doe",
          "The council voted on Tuesday to approve a budget for the public libraries.",
          "Opening hours will be extended from May.", "Related posts", "Parking fees rise in May",
          "Contact", "Privacy policy"]


def test_a_dump_of_whole_blocks_without_blank_lines_has_each_line_made_a_block() -> None:
    dump = "\n".join(BLOCKS)
    assert not rejoin_text_nodes(dump).applied  # no sentence cut: no text nodes
    out = separate_lines(dump)
    assert out.applied and out.text == "\n\n".join(BLOCKS)
    for laid_out in ("\n\n".join(BLOCKS), "\n".join(BLOCKS[:5])):  # blocks apart; a snippet
        assert separate_lines(laid_out).text == laid_out and not separate_lines(laid_out).applied
    nodes = rejoin_text_nodes("\n".join(NODES)).text
    assert separate_lines(nodes).text == nodes  # a text node dump already set apart


def test_a_short_snippet_tells_nothing_of_its_layout() -> None:
    assert not rejoin_text_nodes("Read the\nfull report\nnow.").applied


def test_items_bylines_and_table_rows_open_lines_of_their_own() -> None:
    lines = ["The council voted on the budget of the", "o libraries", "Re: the vote", "by jdoe ( 1234 ) writes:",
             "Name       Price", "of the     library", "It met on", "Monday", "and voted."] * 2
    out = rejoin_text_nodes("\n".join(lines))
    assert out.applied
    assert out.text.split("\n\n")[:7] == ["The council voted on the budget of the", "o libraries", "Re: the vote",
                                          "by jdoe ( 1234 ) writes:", "Name       Price", "of the     library",
                                          "It met on Monday and voted."]


def test_code_opens_lines_of_its_own() -> None:
    lines = ["The parser reads it with", "export function getData(num: string): number {",
             "const res = parseInt(num, 10)", "}", "and returns a number, which", "is what we want."] * 5
    out = rejoin_text_nodes("\n".join(lines)).text.split("\n\n")
    assert out[:5] == ["The parser reads it with", "export function getData(num: string): number {",
                       "const res = parseInt(num, 10)", "}", "and returns a number, which is what we want."]


def test_sentences_cut_between_blank_lines_are_joined_and_the_blank_lines_kept() -> None:
    # get_text("\n") keeps the whitespace between tags: blocks apart, a paragraph's pieces together.
    paragraph = ["The council voted on Tuesday to approve the", "budget", "of the libraries, after a", "debate", "."]
    dump = "\n".join(["Home", "", "News", "", *paragraph, "", "Contact"])
    out = join_cut_sentences(dump)
    assert out.applied and out.joined == 4
    paragraph = "The council voted on Tuesday to approve the budget of the libraries, after a debate."
    assert out.text.split("\n") == ["Home", "", "News", "", paragraph, "", "Contact"]


def test_the_lines_of_a_run_that_cut_a_sentence_become_blocks_but_a_menu_run_stays_one() -> None:
    # minified markup: no whitespace between a heading and its paragraph, so no blank line either
    menu = ["Home", "News", "Sport"]
    run = ["Budget vote", "The council voted on Tuesday to approve the", "budget", "of the libraries.", "Libraries",
           "Opening hours grow."]
    out = join_cut_sentences("\n".join([*menu, "", *run]))
    assert out.applied
    paragraph = "The council voted on Tuesday to approve the budget of the libraries."
    assert out.text.split("\n") == [*menu, "", "Budget vote", "", paragraph, "", "Libraries", "", "Opening hours grow."]


def test_a_line_opening_with_a_comma_lowers_the_share_of_cut_sentences_needed() -> None:
    filler = ["Opening hours will be extended from May.", ""] * 100
    cut = ["The mayor thanked all of the", "staff", "of the libraries.", ""]  # 2 of 103 text lines carried
    assert not join_cut_sentences("\n".join([*cut, *filler])).applied
    selector = [":hover", ""]  # a mark glued to a word is no piece of a sentence
    assert not join_cut_sentences("\n".join([*cut, *cut, *selector, *filler])).applied  # 4 of 106
    piece = ["Its architect is", "Jane Doe", ", who drew the plans.", ""]  # 4 of 105 carried (4%), one opening with ","
    out = join_cut_sentences("\n".join([*cut, *piece, *filler]))
    assert out.applied
    assert out.text.split("\n")[:4] == ["The mayor thanked all of the staff of the libraries.", "",
                                        "Its architect is Jane Doe, who drew the plans.", ""]


def test_a_dump_that_seldom_cuts_a_sentence_is_left_alone() -> None:
    story = ["The council met on Monday.", "", "It voted on the budget of the", "libraries.", ""] + [
        "Opening hours will be extended from May.", ""] * 30
    assert join_cut_sentences("\n".join(story)).text == "\n".join(story)


def test_a_label_is_not_continued_by_a_short_line_below_it() -> None:
    # buttons and images of a renderer's dump: "Shop on Amazon arrow" / "logo", not one line
    menu = ["Shop on Amazon arrow", "logo", "", "Free Case Evaluation", "lock", "",
            "Read the", "full report", "now.", ""]
    out = join_cut_sentences("\n".join(menu * 3))
    assert out.text.split("\n")[:8] == ["Shop on Amazon arrow", "logo", "", "Free Case Evaluation", "lock", "",
                                        "Read the full report now.", ""]


def test_a_blank_line_or_two_in_a_long_dump_of_text_nodes_still_reads_as_one() -> None:
    dump = "\n".join(NODES * 4) + "\n\n" + "\n".join(NODES * 4)  # 1 blank line in 121
    assert rejoin_text_nodes(dump).applied
