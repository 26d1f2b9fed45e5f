"""The clean stage on the seeds: every body paragraph kept, every boilerplate line gone.

Each seed's body is given as the line numbers of its paragraphs (read off the page by
hand); the cleaned text must be exactly those lines, in order.
"""

from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.doc import Doc
from pipeline.stages.clean import Clean
from tests.conftest import seed_text

BODY_LINES = {
    "000": list(range(3, 22)),
    "001": list(range(2, 18)),
    "002": list(range(5, 24, 2)),
    "003": [168, 170, 172, 174],
    "004": [3, *range(12, 23, 2), 24, 26, 27, 28, 29, 30],
}

BOILERPLATE = {
    "000": ["|", "Chinese diplomat Wang Kejian met with Hamas political leader Ismail Haniyeh in Qatar on "
                 "March 17, 2024. Hamas Media Office |"],
    "002": ["Reading Time: 2 minutes", "Taylor Swifts New Album Release Health issues from using ACs Boston "
            "Marathon 2024 15 Practical Ways To Save Money"],
    "003": ["bool(false)", "Topics: Israel-China Policy Center - The Diane and Guilford Glazer Foundation",
            "Recent Posts", "21 May, 2025", "15 May, 2025", "Stay up to date", "Registration was successful! Thanks.",
            "Home Posts Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship", "Israel-United States Relations",
            "Developed by Daat A Realcommerce company.", "Galia Lavi", "24 July, 2024",
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply."],
    "004": ["Trim Correspondents", "Updated On", "New Update",
            "Hamas and Fatah Hold Reconciliation Talks in Beijing Amid Ongoing Israel-Hamas Conflict"],
}


def clean_seed(prefix: str) -> tuple[Doc, list]:
    doc = Doc(source_path=f"{prefix}.txt", text=seed_text(prefix), id="0" * 16)
    removals = Clean(Config(min_words=20)).process_doc(doc)
    assert isinstance(removals, list)
    return doc, removals


@pytest.mark.parametrize("prefix", sorted(BODY_LINES))
def test_cleaned_text_is_exactly_the_body_paragraphs(prefix: str) -> None:
    page = seed_text(prefix).split("\n")
    expected = [page[n - 1].strip() for n in BODY_LINES[prefix]]
    doc, _ = clean_seed(prefix)
    assert [line for line in doc.text.split("\n") if line] == expected


@pytest.mark.parametrize("prefix", sorted(BOILERPLATE))
def test_named_boilerplate_is_gone(prefix: str) -> None:
    doc, _ = clean_seed(prefix)
    kept = {line.strip() for line in doc.text.split("\n")}
    for line in BOILERPLATE[prefix]:
        assert line not in kept


@pytest.mark.parametrize("prefix", sorted(BODY_LINES))
def test_every_removed_line_is_audited_with_a_rule(prefix: str) -> None:
    doc, removals = clean_seed(prefix)
    page = seed_text(prefix).split("\n")
    removed_numbers = {r.line_no for r in removals}
    non_blank = {i for i, line in enumerate(page, start=1) if line.strip()}
    assert removed_numbers == non_blank - set(BODY_LINES[prefix])
    for removal in removals:
        assert removal.rule
        assert removal.text and removal.text in page[removal.line_no - 1]
    assert doc.cleaning["lines_removed"] == len(removals)


def test_a_line_of_renderer_markup_alone_is_audited() -> None:
    page = seed_text("002").split("\n")
    page[5:5] = ["", "[ ]", "", "(BUTTON)", ""]  # lines 7 and 9, amid the body paragraphs
    doc = Doc(source_path="002.txt", text="\n".join(page), id="0" * 16)
    removals = Clean(Config(min_words=20)).process_doc(doc)
    assert isinstance(removals, list)
    assert {(r.line_no, r.text, r.rule) for r in removals if r.line_no in (7, 9)} == {
        (7, "[ ]", "markup-only"), (9, "(BUTTON)", "markup-only")}


def test_title_byline_and_dateline_move_to_hints() -> None:
    doc, removals = clean_seed("003")
    assert doc.hints["title_line"]["text"] == "Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship"
    assert doc.hints["byline_line"]["text"] == "Galia Lavi"
    assert doc.hints["dateline_line"]["text"] == "24 July, 2024"
    roles = {r.text: r.rule for r in removals if r.rule.startswith("to-metadata:")}
    assert roles["Galia Lavi"] == "to-metadata:byline"


def test_page_without_body_is_quarantined() -> None:
    doc = Doc(source_path="menu.txt", text="Home\nNews\nSport\nContact us", id="1" * 16)
    outcome = Clean(Config(min_words=20)).process_doc(doc)
    assert not isinstance(outcome, list)
    assert outcome.reason == "no_main_text"


def test_html_goes_through_trafilatura() -> None:
    paragraph = "The council met on Monday to discuss the new budget for schools and roads in the district. " * 3
    html = (f"<html><head><title>Budget talks | Gazette</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Budget talks</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>")
    doc = Doc(source_path="a.html", source_format="html", html=html, id="2" * 16)
    Clean(Config(min_words=20)).process_doc(doc)
    assert "The council met on Monday" in doc.text
    assert "Home" not in doc.text.split("\n")
    assert doc.cleaning["method"].startswith("trafilatura")


FOOTER = "Sister sites: Gazette Weekly and Gazette Sunday edition"


def outlet_page(n: int, url: str | None) -> Doc:
    street = ["Alder", "Birch", "Cedar", "Dogwood"][n]  # not a digit: template keys fold digits to 0
    body = [f"The council met on {street} Street and agreed on the budget for the new school building.",
            f"Residents of {street} Street said the plan had been discussed for years before anything was decided."]
    hints = {"provided": {"url": {"value": url}}} if url else {}
    return Doc(source_path=f"mixed/{n}.txt", text="\n\n".join([body[0], FOOTER, body[1]]), id=f"{n:016x}",
               hints=hints)


def test_templates_are_learnt_per_host_when_pages_give_their_url() -> None:
    # one folder, two outlets: the footer repeats on three gazette pages and one herald page
    gazette = [outlet_page(n, f"https://www.gazette.example/news/{n}") for n in range(3)]
    herald = outlet_page(3, "https://herald.example/story")
    stage = Clean(Config(min_words=5))
    stage.learn_templates([*gazette, herald])
    assert [r.rule for r in stage.process_doc(gazette[0])] == ["site-template"]
    assert stage.process_doc(herald) == []  # learnt from the gazette's pages, not the herald's


def test_templates_fall_back_to_the_folder_without_urls() -> None:
    pages = [outlet_page(n, None) for n in range(4)]
    stage = Clean(Config(min_words=5))
    stage.learn_templates(pages)
    assert [r.rule for r in stage.process_doc(pages[3])] == ["site-template"]
