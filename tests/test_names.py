"""Bylines: person names only; roles, widgets, desks and glued words name nobody."""

from __future__ import annotations

import pytest

from pipeline import names


@pytest.mark.parametrize(("byline", "people"), [
    ("By Jane Doe, Staff Writer", ["Jane Doe"]),
    ("By Keith Barry Senior Autos Reporter", ["Keith Barry"]),
    ("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen", ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"]),
    ("Galia Lavi", ["Galia Lavi"]),
    ("Written by: Ana de la Cruz", ["Ana de la Cruz"]),
    ("View more posts", []),
    ("Trim Correspondents", []),
    ("TOI Lifestyle Desk", []),
    ("USA TODAY", []),
    ("Call Us", []),
    ("MixmasterFred LauziereFollow", []),
    ("By Jane Doe | Updated 24 July 2024", []),
])
def test_parse_byline(byline: str, people: list[str]) -> None:
    assert names.parse_byline(byline) == people


def test_collective_byline_is_recognised_as_a_credit() -> None:
    assert names.collective_byline("Trim Correspondents")
    assert not names.collective_byline("Galia Lavi")


@pytest.mark.parametrize(("byline", "people"), [
    ("By Genevieve Carlton, Ph.D.", ["Genevieve Carlton"]),
    ("Doris Munoz-Mantilla, MD, FOMA, DABOM", ["Doris Munoz-Mantilla"]),
    ("Mike Marshall, Shipping Expert", ["Mike Marshall"]),
    ("By JOHN SMITH", ["JOHN SMITH"]),
    ("Ben Nadel", ["Ben Nadel"]),
])
def test_credentials_and_roles_after_a_name_are_dropped(byline: str, people: list[str]) -> None:
    assert names.parse_byline(byline) == people


def test_one_word_names_only_when_the_source_says_author() -> None:
    assert names.parse_byline("Susan") == []
    assert names.parse_byline("Susan", single=True) == ["Susan"]
    assert names.parse_byline("admin", single=True) == []


def test_a_month_after_a_full_name_is_its_date_not_part_of_it() -> None:
    assert names.parse_byline("Jane Doe December") == ["Jane Doe"]
    assert names.parse_byline("April Smith") == ["April Smith"]  # a month first is a first name
    assert names.parse_byline("Dec", single=True) == []  # a month alone names nobody
    assert names.parse_byline("Liz Kenny Former McKinsey") == ["Liz Kenny"]
    assert names.parse_byline("Webmaster", single=True) == []


@pytest.mark.parametrize(("byline", "people"), [
    ("Brian Truitt USA TODAY", ["Brian Truitt"]),  # the outlet in capitals follows the name
    ("By Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines - 10+ Years in the Industry",
     ["Benjamin Johnson"]),  # after the role: the affiliation, digits and all
    ("by Daniel Burstein, Senior Director, Content & Marketing, MECLABS Institute", ["Daniel Burstein"]),
    ("Written by: Colin Gray Colin Gray", ["Colin Gray"]),  # printed twice (link and text)
    ("Jane Doe 12 Comments", []),  # digits before any role still void the line
])
def test_what_follows_a_role_is_an_affiliation(byline: str, people: list[str]) -> None:
    assert names.parse_byline(byline) == people


@pytest.mark.parametrize(("byline", "people"), [
    ("by Tracy Parker, Dietitian", ["Tracy Parker"]),
    ("Written By: Catherine Boeckmann Executive Digital Editor and Master Gardener", ["Catherine Boeckmann"]),
])
def test_job_titles_after_a_name_are_roles(byline: str, people: list[str]) -> None:
    assert names.parse_byline(byline) == people


def test_name_printed_three_times_is_one_name() -> None:
    assert names.parse_byline("Jane Doe Jane Doe Jane Doe") == ["Jane Doe"]
    assert names.parse_byline("Jane Doe Jane Doe") == ["Jane Doe"]


@pytest.mark.parametrize(("line", "opens"), [
    ("By Sarah Schwartz — November 18, 2025", True),
    ("Written by: Ann Lee", True),
    ("by the council, which met on Monday", False),  # mid-sentence
    ("Bypass road works start in May", False),
    ("By the time the council met", False),  # a name starts with a capital
])
def test_byline_opening(line: str, opens: bool) -> None:
    assert bool(names.byline_opening().match(line)) is opens
