from __future__ import annotations

from pipeline.doc import Doc
from pipeline.stages.validate import Validate


def valid_doc() -> Doc:
    return Doc(
        source_path="a.txt", source_sha256="a" * 64, source_bytes=10, id="a" * 16, encoding="utf-8",
        encoding_confidence=1.0, text="Body text.", language="en", language_score=0.99,
        cleaning={"method": "text-rules", "chars_in": 10, "chars_out": 10, "lines_removed": 0, "rules": []},
    )


def test_valid_record_passes() -> None:
    assert Validate().process_doc(valid_doc()) is None


def test_invalid_date_is_quarantined_with_the_field_named() -> None:
    doc = valid_doc()
    doc.date_published = "24 July 2024"
    outcome = Validate().process_doc(doc)
    assert outcome is not None and outcome.reason == "schema_invalid"
    assert outcome.detail.startswith("date_published:")
