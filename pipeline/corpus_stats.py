"""Statistics of the accepted records, accumulated one record at a time (constant memory).

The datasheet's measured answers (counts per outlet and language, date range, length
distribution, missing metadata) all come from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

LENGTH_BUCKETS = (100, 250, 500, 1000, 2000, 5000)  # upper bounds, in words
METADATA_FIELDS = ("title", "authors", "date_published", "outlet", "url")


def length_bucket(words: int) -> str:
    lower = 0
    for upper in LENGTH_BUCKETS:
        if words < upper:
            return f"{lower}-{upper - 1}"
        lower = upper
    return f"{lower}+"


@dataclass
class CorpusStats:
    records: int = 0
    words: int = 0
    outlets: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)  # by day: a day count, never the records
    lengths: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        words = len(record["text"].split())
        self.records += 1
        self.words += words
        self.outlets[record["outlet"] or "(unknown)"] += 1
        self.languages[record["language"]] += 1
        self.lengths[length_bucket(words)] += 1
        if record["date_published"]:
            self.dates[record["date_published"]] += 1
        for name in METADATA_FIELDS:
            if not record[name]:
                self.missing[name] += 1

    @property
    def date_range(self) -> tuple[str, str] | None:
        return (min(self.dates), max(self.dates)) if self.dates else None

    def length_table(self) -> list[tuple[str, int]]:
        order = [length_bucket(b - 1) for b in LENGTH_BUCKETS] + [length_bucket(LENGTH_BUCKETS[-1])]
        return [(b, self.lengths[b]) for b in order if self.lengths[b]]
