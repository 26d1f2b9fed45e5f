"""The record that flows through the stages, and the provenance records stages emit.

A ``Doc`` carries both the published fields (``text``, ``title`` ...) and working state
(``raw``, ``html``, ``hints``) that is dropped at packaging. Provenance is data, not log
lines: an inferred value is an ``Evidence``, a removed line is a ``Removal``, a rejected
input is a ``Quarantined`` entry.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Why a metadata field has its value (or why it stayed null)."""

    field: str
    value: str | None
    method: str
    confidence: float
    snippet: str
    selected: bool = False  # the candidate whose value the record carries


@dataclass(frozen=True)
class Removal:
    """One line (or span) a stage took out of a document, and the rule that did it."""

    doc_id: str
    source_path: str
    stage: str
    rule: str
    line_no: int
    text: str


@dataclass(frozen=True)
class Quarantined:
    """An input that did not make it into the dataset, with the reason."""

    source_path: str
    stage: str
    reason: str
    detail: str
    doc_id: str = ""
    duplicate_of: str = ""
    source_sha256: str = ""


@dataclass
class Doc:
    source_path: str
    raw: bytes = b""
    source_format: str = "txt"  # txt | html | warc | jsonl
    source_sha256: str = ""
    source_bytes: int = 0
    id: str = ""
    encoding: str = ""
    encoding_confidence: float = 0.0
    html: str | None = None
    text: str = ""
    repairs: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_published: str | None = None
    outlet: str | None = None
    url: str | None = None
    crawl_date: str | None = None  # when the page was fetched (WARC-Date, manifest): YYYY-MM-DD
    license: str | None = None  # only ever provided by the user (manifest, JSONL)
    language: str | None = None
    language_score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    cleaning: dict[str, Any] = field(default_factory=dict)
    # Values handed from one stage to a later one (e.g. a byline line found by clean,
    # turned into an author by metadata). Never published as is.
    hints: dict[str, Any] = field(default_factory=dict)
    # Set by a reader when an input unit can be listed but not processed (e.g. a
    # non-HTML WARC record); the read stage turns it into a quarantine entry.
    skip_reason: str = ""

    @property
    def given_url(self) -> str | None:
        """The page's address as the crawl, a JSONL record or the manifest gave it, if any."""
        return self.url or ((self.hints.get("provided") or {}).get("url") or {}).get("value")

    def to_record(self) -> dict[str, Any]:
        """The published form: what goes into the dataset and is checked by the schema."""
        return {
            "id": self.id,
            "source_path": self.source_path,
            "source_format": self.source_format,
            "source_sha256": self.source_sha256,
            "source_bytes": self.source_bytes,
            "encoding": self.encoding,
            "encoding_confidence": round(self.encoding_confidence, 4),
            "text": self.text,
            "title": self.title,
            "authors": list(self.authors),
            "date_published": self.date_published,
            "outlet": self.outlet,
            "url": self.url,
            "crawl_date": self.crawl_date,
            "license": self.license,
            "language": self.language,
            "language_score": round(self.language_score, 4),
            "evidence": [asdict(e) for e in self.evidence],
            "repairs": list(self.repairs),
            "cleaning": self.cleaning,
        }
