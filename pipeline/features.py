"""Explicit Hugging Face ``Features`` for every table a release holds.

Declared, never inferred: inference from the first rows would change the schema with
the data (a column of nulls becomes ``null``), and two builds must agree byte for byte.
"""

from __future__ import annotations

from datasets import Features, List, Value

EVIDENCE = {
    "field": Value("string"),
    "value": Value("string"),
    "method": Value("string"),
    "confidence": Value("float64"),
    "snippet": Value("string"),
    "selected": Value("bool"),
}

RECORD = Features(
    {
        "id": Value("string"),
        "source_path": Value("string"),
        "source_format": Value("string"),
        "source_sha256": Value("string"),
        "source_bytes": Value("int64"),
        "encoding": Value("string"),
        "encoding_confidence": Value("float64"),
        "text": Value("string"),
        "title": Value("string"),
        "authors": List(Value("string")),
        "date_published": Value("string"),
        "outlet": Value("string"),
        "url": Value("string"),
        "crawl_date": Value("string"),
        "license": Value("string"),
        "language": Value("string"),
        "language_score": Value("float64"),
        "evidence": List(EVIDENCE),
        "repairs": List(Value("string")),
        "cleaning": {
            "method": Value("string"),
            "chars_in": Value("int64"),
            "chars_out": Value("int64"),
            "lines_removed": Value("int64"),
            "rules": List({"rule": Value("string"), "count": Value("int64")}),
            "kept_lines": Value("string"),
        },
    }
)

QUARANTINE = Features(
    {
        name: Value("string")
        for name in ("source_path", "stage", "reason", "detail", "doc_id", "duplicate_of", "source_sha256")
    }
)
