from __future__ import annotations

from pipeline.config import Config
from pipeline.doc import Doc
from pipeline.stages.clean import Clean
from pipeline.stages.metadata import Metadata
from tests.conftest import seed_text


def infer(prefix: str, config: Config | None = None) -> Doc:
    config = config or Config()
    doc = Doc(source_path=f"{prefix}.txt", text=seed_text(prefix), id="0" * 16)
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    return doc


def selected(doc: Doc) -> dict[str, tuple[str | None, str]]:
    return {e.field: (e.value, e.method) for e in doc.evidence if e.selected}


def test_seed_003_metadata_with_evidence() -> None:
    doc = infer("003")
    assert doc.title == "Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship"
    assert doc.authors == ["Galia Lavi"]
    assert doc.date_published == "2024-07-24"  # not the 2025 dates of "Recent Posts"
    assert doc.outlet == "INSS"
    chosen = selected(doc)
    assert chosen["date_published"][1].startswith("text:dateline")
    assert all(0 < e.confidence <= 1 for e in doc.evidence if e.selected)


def test_no_evidence_means_null() -> None:
    doc = infer("002")
    assert doc.date_published is None and doc.authors == [] and doc.outlet is None and doc.url is None
    assert "date_published" not in selected(doc)


def test_collective_byline_names_nobody() -> None:
    doc = infer("004")
    assert doc.authors == []
    rejected = [e for e in doc.evidence if e.field == "authors"]
    assert rejected and rejected[0].value is None and rejected[0].snippet == "Trim Correspondents"


def test_user_registry_entries_extend_the_outlets() -> None:
    config = Config(outlets=[{"name": "Gazette", "signatures": ["Tel Aviv University logo"]}])
    assert infer("003", config).outlet in {"INSS", "Gazette"}
    doc = infer("002", Config(outlets=[{"name": "Example Post", "signatures": ["Reading Time:"]}]))
    assert doc.outlet == "Example Post"
