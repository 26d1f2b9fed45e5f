"""Text nodes: a dump printing a text node per line has its sentences rejoined, each a block."""

from __future__ import annotations

from pipeline.textnodes import rejoin_text_nodes

# What soup.get_text("\n", strip=True) makes of a short story page: every link's text on a line
# of its own, the sentence around it cut there, and no blank line anywhere.
NODES = [
    "Home", "News", "Sport", "Contact",
    "City council approves the library budget",
    "By", "Jane Doe",
    "The council voted on Tuesday to approve a budget that raises funding for the",
    "public libraries",
    "by twelve percent (",
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
        "The council voted on Tuesday to approve a budget that raises funding for the public libraries by "
        "twelve percent (see the full report), after a long debate.",
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


def test_a_short_snippet_tells_nothing_of_its_layout() -> None:
    assert not rejoin_text_nodes("Read the\nfull report\nnow.").applied
