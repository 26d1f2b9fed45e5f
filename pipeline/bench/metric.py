"""The body metric of Zyte's article-extraction benchmark.

Tokenise on ``\\w+``, count 4-token shingles in truth and prediction; per document
tp = shared shingles (with counts), precision = tp/(tp+fp), recall = tp/(tp+fn).
Precision and recall are averaged over documents; F1 comes from the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

TOKEN = re.compile(r"\w+")
N = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall((text or "").lower())
    if len(tokens) < N:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + N]) for i in range(len(tokens) - N + 1))


def precision_recall(truth: str, predicted: str) -> tuple[float, float]:
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    precision = tp / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = tp / sum(want.values()) if want else 1.0
    return precision, recall


@dataclass
class BodyScore:
    """Running averages over documents, plus the share of documents that lost body."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)

    def add(self, truth: str, predicted: str) -> None:
        p, r = precision_recall(truth, predicted)
        self.precisions.append(p)
        self.recalls.append(r)

    @property
    def n(self) -> int:
        return len(self.precisions)

    @property
    def precision(self) -> float:
        return sum(self.precisions) / self.n if self.n else 0.0

    @property
    def recall(self) -> float:
        return sum(self.recalls) / self.n if self.n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lost_body_share(self) -> float:
        """Share of documents whose recall is below 0.9 (more than 10% of the body lost)."""
        return sum(r < 0.9 for r in self.recalls) / self.n if self.n else 0.0
