"""The stage contract and the runner: results, quarantines and stats come for free."""

from __future__ import annotations

from pipeline.doc import Doc, Quarantined, Removal
from pipeline.stage import RunStats, Stage, batched, run_batch


class DropShort(Stage):
    name = "drop-short"

    def process_doc(self, doc: Doc) -> Quarantined | list[Removal]:
        if len(doc.text) < 5:
            return self.quarantine(doc, "too_short", f"{len(doc.text)} characters")
        return [Removal(doc.id, doc.source_path, self.name, "demo-rule", 1, doc.text[:2])]


def test_run_batch_collects_docs_quarantine_removals_and_stats() -> None:
    docs = [Doc(source_path="a", id="a", text="long enough"), Doc(source_path="b", id="b", text="tiny")]
    stats = RunStats()
    result = run_batch([DropShort(), DropShort()], docs, stats)
    assert [d.id for d in result.docs] == ["a"]
    assert [(q.source_path, q.stage, q.reason) for q in result.quarantined] == [("b", "drop-short", "too_short")]
    assert len(result.removals) == 2
    assert stats.docs_in["drop-short"] == 3 and stats.docs_out["drop-short"] == 2
    assert stats.quarantined == {"too_short": 1} and stats.removal_rules == {"demo-rule": 2}


def test_batched_streams_fixed_size_batches() -> None:
    sizes = [len(b) for b in batched((Doc(source_path=str(i)) for i in range(7)), 3)]
    assert sizes == [3, 3, 1]


class FailsOnB(Stage):
    name = "fails-on-b"

    def process_doc(self, doc: Doc) -> None:
        if doc.id == "b":
            raise ValueError("Invalid IPv6 URL")


def test_a_page_a_stage_fails_on_is_quarantined_with_the_error() -> None:
    docs = [Doc(source_path="a", id="a", text="fine"), Doc(source_path="b", id="b", text="odd")]
    stats = RunStats()
    result = run_batch([FailsOnB()], docs, stats)
    assert [d.id for d in result.docs] == ["a"]
    (entry,) = result.quarantined
    assert (entry.source_path, entry.stage, entry.reason) == ("b", "fails-on-b", "stage_error")
    assert entry.detail == "ValueError: Invalid IPv6 URL"
    assert stats.quarantined == {"stage_error": 1}
