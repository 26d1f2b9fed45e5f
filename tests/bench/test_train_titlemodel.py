from __future__ import annotations

from pipeline.bench.train_titlemodel import fit, toml_text


def test_the_feature_that_marks_headlines_gets_the_weight() -> None:
    page = ([{"heading": 1.0, "noise": 0.0}, {"heading": 0.0, "noise": 1.0}, {"heading": 0.0, "noise": 0.0}],
            [True, False, False])
    no_headline = ([{"heading": 0.0, "noise": 1.0}], [False])
    weights = fit([page, page, no_headline], l2=0.001)
    assert weights["heading"] > 1.0 > 0 > weights["noise"]


def test_model_file_has_threshold_and_weights() -> None:
    text = toml_text({"heading": 1.23456}, threshold=0.5)
    assert "threshold = 0.5" in text and "heading = 1.235" in text and "[weights]" in text
