"""Unglue: lines into which an extractor glued a page's blocks are split into them."""

from __future__ import annotations

import time

from pipeline.unglue import unglue

# What soup.get_text() makes of minified HTML: menu items, headline and paragraphs run together.
STORY = ("The council voted on Tuesday to approve a budget that raises funding for the libraries of the region "
         "by twelve percent, after a long debate about opening hours and the cost of new digital services.")
GLUED = ("HomeNewsSportBusinessCultureCity council approves the library budgetBy Jane Doe" + STORY * 5 + "The "
         "measure passed after a long debate about opening hours.Related postsParking fees rise in MayContact"
         "Privacy policy")


def test_a_glued_line_is_split_into_its_blocks() -> None:
    out = unglue(GLUED)
    blocks = out.text.split("\n\n")
    assert out.lines == 1
    assert blocks[:6] == ["Home", "News", "Sport", "Business", "Culture", "City council approves the library budget"]
    assert len(GLUED) >= 1000 and "The measure passed after a long debate about opening hours." in blocks
    assert "".join(blocks) == GLUED  # nothing but the junctions changed


def test_camel_case_names_and_code_in_a_paragraph_are_left_alone() -> None:
    prose = ("Security firm JumpCloud has acquired ThreatConnect, and JumpCloud’s customers keep their YouTube "
             "channels; the test calls repo.UpsertIdentity(db) and TestUserRepo_RoundTrip(t) as before. ") * 3
    assert unglue(prose).text == prose and unglue(prose).lines == 0


def test_a_name_the_glued_line_repeats_in_mid_sentence_stays_whole() -> None:
    # "TurboTax" is written three times, once between lower-case words: a name. "PremierFor" (a
    # heading run into a paragraph) and "MarathonHow" (written twice) open with a function word;
    # "PlannersBooking" stands between lower-case words, but once; the menu "NewsSportCulture" is
    # printed twice, never in a sentence.
    line = ("NewsSportCulture.Best Tax Software of the Year.TurboTax Premier" + STORY * 3
            + "We tested TurboTax, which costs more.Our pick: TurboTax PremierFor most filers the refund is the same. "
            "Training for the MarathonHow to "
            "pace a run is the next question. Training for the MarathonHow to train is covered below. Ideas from "
            "the PlannersBooking is easy with us." + STORY * 2 + "NewsSportCulture")
    blocks = unglue(line).text.split("\n\n")
    assert "We tested TurboTax, which costs more." in blocks  # the name, not "Turbo" / "Tax, which …"
    assert blocks[:5] == ["News", "Sport", "Culture.", "Best Tax Software of the Year.", "TurboTax Premier"]
    assert "Our pick: TurboTax Premier" in blocks and blocks[-3:] == ["News", "Sport", "Culture"]
    assert any(block.startswith("How to pace a run") for block in blocks)
    assert any(block.startswith("Booking is easy with us.") for block in blocks)


def test_short_lines_are_never_split() -> None:
    assert unglue("Stef KeeganAugust 5, 2024\nHomeAboutContact").lines == 0


def test_a_long_address_is_read_once_not_at_each_junction_in_it() -> None:
    # A Markdown image inlined as a data: address: 10,000 junctions inside one 40,000-character
    # token. Reading the token again at each took 5 s; once, a few milliseconds.
    line = "An image: ![](data:image/png;base64," + "aBc9" * 10_000 + ") and the text goes on. " + STORY
    started = time.perf_counter()
    out = unglue(line)
    assert time.perf_counter() - started < 1.0
    assert (out.text, out.lines) == (line, 0)
