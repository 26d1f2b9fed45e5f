"""Statistics of the accepted records, accumulated one record at a time (constant memory).

The datasheet's measured answers (counts per outlet and language, date range, length
distribution, missing metadata) all come from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.schemas import load_schema

LENGTH_BUCKETS = (100, 250, 500, 1000, 2000, 5000)  # upper bounds, in words
# The inferred metadata fields are the ones evidence can be about: read from the record
# schema, so a field added there is counted here without a code change.
METADATA_FIELDS = tuple(load_schema("record")["properties"]["evidence"]["items"]["properties"]["field"]["enum"])


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
    word_counts: Counter[int] = field(default_factory=Counter)  # bounded by the longest text, not the corpus
    formats: Counter[str] = field(default_factory=Counter)
    with_authors: int = 0

    def add(self, record: dict[str, Any]) -> None:
        words = len(record["text"].split())
        self.records += 1
        self.words += words
        self.outlets[record["outlet"] or "(unknown)"] += 1
        self.languages[record["language"]] += 1
        self.lengths[length_bucket(words)] += 1
        self.word_counts[words] += 1
        self.formats[record["source_format"]] += 1
        self.with_authors += bool(record["authors"])
        if record["date_published"]:
            self.dates[record["date_published"]] += 1
        for name in METADATA_FIELDS:
            if not record.get(name):
                self.missing[name] += 1

    @property
    def date_range(self) -> tuple[str, str] | None:
        return (min(self.dates), max(self.dates)) if self.dates else None

    def length_table(self) -> list[tuple[str, int]]:
        order = [length_bucket(b - 1) for b in LENGTH_BUCKETS] + [length_bucket(LENGTH_BUCKETS[-1])]
        return [(b, self.lengths[b]) for b in order if self.lengths[b]]

    def length_summary(self) -> dict[str, int]:
        """Shortest, median and longest text, in words (from the bounded word-count histogram)."""
        if not self.records:
            return {}
        seen, median = 0, 0
        for words in sorted(self.word_counts):
            seen += self.word_counts[words]
            if seen * 2 >= self.records:
                median = words
                break
        return {"min": min(self.word_counts), "median": median, "max": max(self.word_counts)}
