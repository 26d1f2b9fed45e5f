"""Dates: complete dates found with their text; relative dates only against a real reference."""

from __future__ import annotations

import pytest

from pipeline import dates


@pytest.mark.parametrize(("text", "iso"), [
    ("24 July, 2024", "2024-07-24"),
    ("July 24, 2024", "2024-07-24"),
    ("2024-07-24", "2024-07-24"),
    ("Updated On: 24 Jul 2024 10:30 IST", "2024-07-24"),
    ("Published: Jan 29, 2025", "2025-01-29"),
    ("Friday, December 19, 2025", "2025-12-19"),
    ("Updated on 19-Dec-2025", "2025-12-19"),
    ("25.Jun.2019", "2019-06-25"),
    ("December 19. 2025", "2025-12-19"),
    ("2023 Jan 7", "2023-01-07"),
    ("October 17, 20236:01 PM", "2023-10-17"),
])
def test_datelines_in_common_formats(text: str, iso: str) -> None:
    found = dates.dateline(text)
    assert found is not None and found.iso == iso


def test_a_month_glued_to_the_name_before_it_starts_a_date() -> None:
    assert [f.iso for f in dates.find_dates("Jane DoeMar 5, 2025 | 6 comments")] == ["2025-03-05"]
    assert dates.find_dates("grammar 5, 2025") == []  # a word ending in a month's letters is no month


@pytest.mark.parametrize("text", ["Reading Time: 2 minutes", "03/04/2024", "2024", "April 30", "Updated On",
                                  "May 2, 20245", "19-Dec.2025", "2023 Jan",
                                  "Grammar 5, 2025"])
def test_no_complete_date_no_dateline(text: str) -> None:
    assert dates.dateline(text) is None


@pytest.mark.parametrize(("text", "kind", "iso"), [
    ("April 30", "month-day", "2024-04-30"),
    ("on Tuesday", "weekday", "2024-04-30"),
    ("Published 30 April", "day-month", "2024-04-30"),
    ("3 days ago", "ago", "2024-04-29"),
    ("Updated: yesterday", "yesterday", "2024-05-01"),
])
def test_relative_dates_resolve_only_against_the_reference(text: str, kind: str, iso: str) -> None:
    assert dates.relative_date(text) == kind
    resolved = dates.resolve_relative(text, "2024-05-02")
    assert resolved is not None and (resolved.iso, resolved.pattern) == (iso, f"relative:{kind}")


def test_a_month_day_after_the_reference_is_last_year() -> None:
    resolved = dates.resolve_relative("December 30", "2024-05-02")
    assert resolved is not None and resolved.iso == "2023-12-30"


@pytest.mark.parametrize("text", ["April 30, 2024", "The talks resumed on April 30 in Beijing",
                                  "Reading Time: 2 minutes"])
def test_not_relative(text: str) -> None:
    assert dates.relative_date(text) is None


def test_a_printed_machine_timestamp_gives_its_date() -> None:
    found = dates.dateline("2022-11-23T08:10+02:00")
    assert found is not None and found.iso == "2022-11-23"
