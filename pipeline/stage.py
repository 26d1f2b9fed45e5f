"""The one contract every stage follows, and the runner that gives stats for free.

A stage takes a batch of ``Doc`` and returns a ``StageResult``: the docs that go on,
the docs it quarantined, and the lines it removed. Stages never print or log their
decisions; the runner collects the results, so every decision can be queried later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import ClassVar

from pipeline.doc import Doc, Quarantined, Removal
from pipeline.errors import first_line


@dataclass
class StageResult:
    docs: list[Doc]
    quarantined: list[Quarantined] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


STAGE_ERROR = "stage_error"
MAX_DETAIL = 300


class Stage:
    """Base class: subclasses set ``name`` and implement ``process_doc`` or ``process``."""

    name: ClassVar[str] = "stage"

    def process(self, docs: list[Doc]) -> StageResult:
        result = StageResult(docs=[])
        for doc in docs:
            outcome = self.process_guarded(doc)
            if isinstance(outcome, Quarantined):
                result.quarantined.append(outcome)
                continue
            result.docs.append(doc)
            result.removals.extend(outcome or [])
        return result

    def process_doc(self, doc: Doc) -> Quarantined | list[Removal] | None:
        raise NotImplementedError

    def process_guarded(self, doc: Doc) -> Quarantined | list[Removal] | None:
        """``process_doc``; a page it fails on (a library raising on input nobody foresaw) is
        quarantined with the error, so one page never ends a build of a million."""
        try:
            return self.process_doc(doc)
        except Exception as exc:  # any failure: the page's quarantine entry names it
            return self.quarantine(doc, STAGE_ERROR, f"{type(exc).__name__}: {first_line(exc, MAX_DETAIL)}")

    def quarantine(self, doc: Doc, reason: str, detail: str, **extra: str) -> Quarantined:
        return Quarantined(
            source_path=doc.source_path,
            stage=self.name,
            reason=reason,
            detail=detail,
            doc_id=doc.id,
            source_sha256=doc.source_sha256,
            **extra,
        )


@dataclass
class RunStats:
    """Counts every stage's traffic; the build summary and the datasheet read these."""

    docs_in: Counter[str] = field(default_factory=Counter)
    docs_out: Counter[str] = field(default_factory=Counter)
    quarantined: Counter[str] = field(default_factory=Counter)
    removal_rules: Counter[str] = field(default_factory=Counter)
    removed_chars: Counter[str] = field(default_factory=Counter)

    def record(self, stage: Stage, n_in: int, result: StageResult) -> None:
        self.docs_in[stage.name] += n_in
        self.docs_out[stage.name] += len(result.docs)
        for q in result.quarantined:
            self.quarantined[q.reason] += 1
        for r in result.removals:
            self.removal_rules[r.rule] += 1
            self.removed_chars[r.rule] += len(r.text)


def batched(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_batch(stages: Sequence[Stage], batch: list[Doc], stats: RunStats) -> StageResult:
    """Push one batch through every stage; quarantines and removals accumulate."""
    total = StageResult(docs=batch)
    for stage in stages:
        n_in = len(total.docs)
        result = stage.process(total.docs)
        stats.record(stage, n_in, result)
        total.docs = result.docs
        total.quarantined.extend(result.quarantined)
        total.removals.extend(result.removals)
    return total
