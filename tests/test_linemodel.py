"""The line classifier's features and scorer (the shipped weights are data, tested via textclean)."""

from __future__ import annotations

import numpy as np

from pipeline import linemodel, textclean
from pipeline.lines import split_lines

PAGE = "\n".join([
    "* Home", "* World", "* Sport", "",
    "Budget talks begin",
    "The council met on Monday to discuss the new budget for schools and roads in the district.",
    "",
    "Members agreed that the repairs to the bridge should start before the winter rains arrive.",
    "", "© 2024 The Gazette. All rights reserved.", "Sitemap",
])


def features() -> tuple[list[str], np.ndarray]:
    result = textclean.apply_rules(PAGE)
    return linemodel.feature_names(), linemodel.line_features(result.lines, textclean.rule_families())


def column(name: str) -> list[float]:
    names, rows = features()
    return rows[:, names.index(name)].tolist()


def test_one_row_per_non_blank_line_one_column_per_name() -> None:
    names, rows = features()
    assert rows.shape == (8, len(names))
    assert len(set(names)) == len(names)


def test_position_and_body_mass() -> None:
    assert column("before_body") == [1, 1, 1, 1, 1, 0, 0, 0]
    assert column("after_body") == [0, 0, 0, 0, 0, 0, 0, 1]  # the copyright line reads as a sentence
    assert column("mass_before")[-1] == 1.0


def test_block_words_and_rule_flags() -> None:
    # "* Home" .. "* Sport" form one block of 3 words; the title and first paragraph another
    assert np.expm1(column("block_words")[:3]).round().tolist() == [3, 3, 3]
    assert column("rule_menu-bullet")[:3] == [1, 1, 1]
    assert column("pattern_legal")[-2] == 1


def test_window_mean_leaves_the_position_out() -> None:
    got = linemodel.window_mean(np.array([1.0, 0.0, 1.0, 1.0]), 1)
    assert got.tolist() == [0.0, 1.0, 0.5, 1.0]


def test_main_span_is_the_densest_run_of_body() -> None:
    seq = [ln for ln in split_lines(PAGE) if not ln.blank]
    p1 = np.array([0.1, 0.1, 0.1, 0.6, 0.9, 0.9, 0.1, 0.1])
    assert linemodel.main_span(seq, p1) == (3, 5)


def test_logistic_scorer_and_its_explanation() -> None:
    scorer = linemodel.Scorer(("a", "b"), np.zeros(2), np.ones(2), None, None, np.array([2.0, -1.0]), 0.0)
    p = scorer.scores([[1.0, 0.0], [0.0, 3.0]])
    assert p[0] > 0.8 and p[1] < 0.1
    assert scorer.strongest_against([[0.0, 3.0]]) == ["b"]
    assert scorer.scores(np.zeros((0, 2))) == []


def test_own_matrix_is_own_features_value_for_value() -> None:
    lines = [ln for ln in split_lines(PAGE + "\nÉTÉ 2024 | Paris, Lyon, Nice?\n  - lower case: item") if ln.text]
    expected = np.array([linemodel.own_features(ln) for ln in lines], dtype=float)
    assert linemodel.own_matrix(lines).tobytes() == np.ascontiguousarray(expected).tobytes()
