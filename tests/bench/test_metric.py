"""The body metric: 4-token shingles, P/R per document, averaged; F1 of the averages."""

from __future__ import annotations

import pytest

from pipeline.bench.metric import BodyScore, precision_recall, shingles


def test_shingles_are_lowercase_word_4grams_with_counts() -> None:
    got = shingles("A b, c d. A b c d")
    assert got[("a", "b", "c", "d")] == 2
    assert sum(got.values()) == 5


def test_short_text_is_one_shingle() -> None:
    assert shingles("Two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_precision_and_recall_of_a_partial_extraction() -> None:
    truth = "one two three four five six"  # 3 shingles
    predicted = "one two three four five six seven eight"  # 5 shingles, 3 right
    assert precision_recall(truth, predicted) == pytest.approx((3 / 5, 1.0))
    assert precision_recall(truth, "") == (0.0, 0.0)


def test_body_score_averages_per_document_and_counts_lost_body() -> None:
    score = BodyScore()
    score.add("one two three four five six", "one two three four five six")  # P 1, R 1
    score.add("one two three four five six", "one two three four")  # P 1, R 1/3
    assert score.n == 2
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 * (2 / 3) / (1 + 2 / 3))
    assert score.lost_body_share == pytest.approx(0.5)


def test_empty_score_is_zero() -> None:
    assert BodyScore().f1 == 0.0
    assert BodyScore().lost_body_share == 0.0
