"""Training helpers of the line model: replaying the cleaner's decisions leaves the pages as they were."""

from __future__ import annotations

import numpy as np

from pipeline import linemodel, textclean
from pipeline.bench import train_linemodel as train

BODY = "The council met on Monday to discuss the new budget for schools and roads in the district."
DUMP = "\n".join(["* Home", "* News", "* Contact", "", BODY, "", BODY.replace("Monday", "Tuesday"), "",
                  "* Privacy", "* Terms"])


def test_replay_scores_each_renderer_and_puts_every_rule_back() -> None:
    model = linemodel.load_model()
    assert model is not None
    pages = [train.prepare(DUMP, BODY, renderer, fold=0) for renderer in ("lynx", "w3m")]
    before = [[ln.rule for ln in page.lines] for page in pages]
    scored = [linemodel.body_scores(page.lines, textclean.rule_families(), model) for page in pages]
    by_renderer = train.replay(pages, scored, model, threshold=0.1)
    assert sorted(by_renderer) == ["lynx", "w3m"]
    assert all(score.n == 1 and score.recall == 1.0 for score in by_renderer.values())
    assert [[ln.rule for ln in page.lines] for page in pages] == before
    keep_nothing = train.replay(pages, scored, model, threshold=1.01)  # every line scored below: all removed
    assert keep_nothing["lynx"].recall < 1.0


def test_training_reads_the_page_as_the_cleaner_model_does_without_lynx_additions() -> None:
    appendix = ["", "References", "", "   Visible links:", *(f"  {n}. https://x.org/{n}" for n in range(1, 8))]
    page = train.prepare("\n".join(["   #Site » Feed", "", DUMP, *appendix]), BODY, "lynx-default", fold=0)
    plain = train.prepare(DUMP, BODY, "lynx", fold=0)
    assert [ln.text for ln in page.lines if ln.text] == [ln.text for ln in plain.lines if ln.text]
    assert np.array_equal(page.rows, plain.rows) and page.labels == plain.labels


def test_line_labels_follow_the_annotated_body() -> None:
    truth_words = " the council met on monday "
    assert train.line_label("Met on Monday", set(), truth_words) is True  # short line: words in order
    assert train.line_label("Privacy", set(), truth_words) is False
    assert train.line_label("", set(), truth_words) is None


def test_cross_validation_scores_every_page_once_with_a_model_not_fitted_on_it() -> None:
    import argparse

    pages = [train.prepare(DUMP.replace("Monday", day), BODY.replace("Monday", day), renderer, fold=i % train.FOLDS)
             for i, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday"]) for renderer in ("lynx", "w3m")]
    pooled = train.cross_validate(pages, argparse.Namespace(units=4, cross_fit=False, reinstate=0.3, members=2))
    assert sorted(pooled) == sorted(train.THRESHOLDS)
    assert all(sorted(by) == ["lynx", "w3m"] and all(s.n == 4 for s in by.values()) for by in pooled.values())
    assert train.table_row(0.1, pooled[0.1]).startswith("threshold 0.10  mean F1 ")


def test_members_merged_into_one_network_score_as_their_mean_logit() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 4))
    y = (x[:, 0] + rng.normal(size=400) > 0).astype(float)
    nets = [train.fit_mlp(x, y, np.ones(400), list("abcd"), 6, epochs=2, seed=seed) for seed in range(3)]
    merged = linemodel.Scorer.from_dict(train.merged(nets))
    mean_logit = np.mean([linemodel.Scorer.from_dict(net).forward(x)[1] for net in nets], axis=0)
    assert merged.hidden is not None and merged.hidden.shape == (4, 18)
    assert np.allclose(merged.forward(x)[1], mean_logit, atol=1e-4)
    assert not np.allclose(linemodel.Scorer.from_dict(nets[0]).forward(x)[1], mean_logit, atol=1e-4)


def test_layouts_train_on_the_chosen_renderers_and_score_others_only_under_cross_validation(monkeypatch) -> None:
    import argparse

    import pytest

    installed = {"inscriptis": None, "html2text": None, "lynx": None, "elinks-80": None}
    unwrapped = {k: v for k, v in installed.items() if "-" not in k}
    monkeypatch.setattr(train.render, "available_renderers", lambda wrapped=False: installed if wrapped else unwrapped)

    def args(**kw: object) -> argparse.Namespace:
        return argparse.Namespace(**{"renderer": None, "also_score": [], "cross_validate": False, **kw})

    assert train.layouts(args()) == [("inscriptis", False), ("html2text", False), ("lynx", False)]
    assert train.layouts(args(renderer=["lynx"], also_score=["elinks-80"])) == [("lynx", False)]
    assert train.layouts(args(renderer=["lynx"], also_score=["elinks-80", "lynx"], cross_validate=True)) == [
        ("lynx", False), ("elinks-80", True)]
    with pytest.raises(SystemExit, match="renderer not installed: w3m-80"):
        train.layouts(args(renderer=["w3m-80"]))


def test_cross_validation_never_fits_on_a_layout_it_only_scores(monkeypatch) -> None:
    import argparse

    pages = [train.prepare(DUMP.replace("Monday", day), BODY.replace("Monday", day), renderer, fold=i % train.FOLDS)
             for i, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday"]) for renderer in ("lynx", "w3m")]
    for page in pages:
        page.unseen = page.renderer == "w3m"
    fitted_on: list[set[str]] = []
    real_fit = train.fit_model

    def spy(train_pages, *rest):  # type: ignore[no-untyped-def]
        fitted_on.append({page.renderer for page in train_pages})
        return real_fit(train_pages, *rest)

    monkeypatch.setattr(train, "fit_model", spy)
    pooled = train.cross_validate(pages, argparse.Namespace(units=4, cross_fit=False, reinstate=0.3, members=1))
    assert fitted_on == [{"lynx"}] * train.FOLDS
    assert all(by["w3m"].n == 4 and by["lynx"].n == 4 for by in pooled.values())
