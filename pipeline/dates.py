"""Finding publication dates in short strings, with the exact text they came from.

Only complete dates (day, month and year) are returned: a bare "April 30" or "2024" is
not a publication date unless a real reference date is given to resolve it. Numeric
dates are accepted only where the order of day and month is unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year may be glued to the next word ("June 29, 2020November 12, 2021"), or to the time after
# it ("October 17, 20236:01 PM ET"): no \b after it, and a digit only if a time follows.
YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d(?!\d?:\d\d))"
PATTERNS = [
    # A machine timestamp printed as it is ("2022-11-23T08:10+02:00"): the date before the "T".
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:\b|(?=T\d\d:\d\d))")),
    ("day-month-year", re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", re.I)),
    # The month may be glued to the name before it ("Kathryn GiuffridaMar 5, 2025"), capitalised.
    ("month-day-year", re.compile(rf"(?:\b|(?<=[a-z])(?=(?-i:[A-Z]))){MONTH}\s+{DAY}[,.]?\s+{YEAR}", re.I)),
    # "19-Dec-2025", "25.Jun.2019": the month spelled out, so the order is plain.
    ("day-mon-year", re.compile(rf"\b{DAY}(?P<sep>[-.])\s?{MONTH}(?P=sep)\s?{YEAR}", re.I)),
    # "2023 Jan 7" (journal citations, "Accepted 2023 Jan 7").
    ("year-month-day", re.compile(rf"\b{YEAR}\s+{MONTH}\s+{DAY}\b", re.I)),
    ("dotted-dmy", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    ("slashed", re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")),
]
# Words that may stand beside a date on a dateline without making it something else.
DATELINE_WORDS = re.compile(
    r"\b(updated|published|posted|first|last|modified|on|at|am|pm|gmt|utc|[a-z]{2,4}t|edt|est|ist|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|date|time)\b|"
    r"T?\d{1,2}:\d\d(:\d\d)?(\.\d+)?(Z\b)?|[\W_]+",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    iso: str
    snippet: str
    pattern: str


def to_iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(token: str) -> int:
    return int(token) if token.isdigit() else MONTHS[token.lower().rstrip(".")]


def parse_match(name: str, m: re.Match[str]) -> str | None:
    year = int(m["year"])
    if name == "slashed":
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            return to_iso(year, b, a)
        if b > 12 >= a:
            return to_iso(year, a, b)
        return None  # 03/04/2024: day and month cannot be told apart
    return to_iso(year, month_number(m["month"]), int(m["day"]))


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date in ``text``, in order of position."""
    found: list[tuple[int, FoundDate]] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            iso = parse_match(name, m)
            if iso:
                found.append((m.start(), FoundDate(iso, m.group(0), name)))
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def dateline(text: str) -> FoundDate | None:
    """The date if ``text`` is a dateline: a date and nothing but dateline words around it."""
    dates = find_dates(text)
    if not dates:
        return None
    rest = text.replace(dates[0].snippet, " ")
    return dates[0] if not DATELINE_WORDS.sub("", rest).strip() else None


# --- Dates without a year, and relative dates ---------------------------------------
# "April 30", "on Tuesday", "3 days ago" say when only against a reference date. They are
# resolved only with a real one (the crawl date of a WARC record, a manifest's date), and
# stay unresolved otherwise: resolving against today would invent a date.

WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
LEAD = r"^(?:(?:published|updated|posted|last updated|date)\s*:?\s*)?(?:on\s+)?"
RELATIVE_PATTERNS = [
    ("month-day", re.compile(rf"{LEAD}{MONTH}\s+{DAY}$", re.I)),
    ("day-month", re.compile(rf"{LEAD}{DAY}\s+{MONTH}$", re.I)),
    ("weekday", re.compile(rf"{LEAD}{WEEKDAY}$", re.I)),
    ("ago", re.compile(LEAD + r"\d{1,2}\s+(?:minute|hour|day|week)s?\s+ago$", re.I)),
    ("yesterday", re.compile(LEAD + r"(?:today|yesterday)$", re.I)),
]


def relative_date(text: str) -> str | None:
    """The kind of relative date ``text`` is (a short line that is only that), or None."""
    stripped = text.strip().rstrip(".")
    if len(stripped) > 40:
        return None
    return next((name for name, pattern in RELATIVE_PATTERNS if pattern.match(stripped)), None)


def resolve_relative(text: str, reference: str) -> FoundDate | None:
    """``text`` ("April 30", "Tuesday") as the latest such date on or before ``reference``."""
    import dateparser

    kind = relative_date(text)
    if kind is None:
        return None
    base = datetime.fromisoformat(reference[:10])
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    cleaned = re.sub(LEAD, "", text.strip().rstrip("."), flags=re.I)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None or parsed.date() > base.date():
        return None
    return FoundDate(parsed.date().isoformat(), text.strip(), f"relative:{kind}")
