"""The cleaning bench on a tiny benchmark file written here (never the real benchmark)."""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import pytest

from pipeline.bench import cleaning
from pipeline.bench.pages import split_of
from pipeline.errors import UserError

PARAGRAPHS = [
    "The council met on Monday to discuss the new budget for schools and roads in the district.",
    "Members agreed that the repairs to the bridge should start before the winter rains arrive this year.",
    "The mayor said the plan would be put to a public vote early next year, after a consultation.",
    "Residents who spoke at the meeting asked for more money for the library and the swimming pool.",
]
MENU = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in ("Home", "World", "Politics", "Sport", "Contact"))


def page_html(n: int) -> str:
    body = "".join(f"<p>{p} (Report {n}.)</p>" for p in PARAGRAPHS)
    return (f"<html><body><nav><ul>{MENU}</ul></nav><article><h1>Budget talks {n}</h1>{body}</article>"
            f"<footer><p>© 2024 The Gazette. All rights reserved.</p><ul>{MENU}</ul></footer></body></html>")


def dev_ids(count: int) -> list[str]:
    ids = (f"test/{i:04d}" for i in range(1000))
    return [i for i in ids if split_of(i) == "dev"][:count]


@pytest.fixture
def bench_file(tmp_path: Path) -> Path:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for n, page_id in enumerate(dev_ids(3)):
            body = "\n\n".join(f"{p} (Report {n}.)" for p in PARAGRAPHS)
            fh.write(json.dumps({"id": page_id, "html": page_html(n), "body": body}) + "\n")
    return path


def args_for(path: Path, **extra: object) -> argparse.Namespace:
    base = {"pages": path, "split": "dev", "renderer": ["inscriptis", "html2text"], "system": None,
            "limit": None, "timing": True, "jobs": 1, "cache": None, "wrapped": False, "repeat": 1}
    return argparse.Namespace(**{**base, **extra})


def table(capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str], list[str]]:
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[3:]]
    return {(r[0], r[1]): r[2:] for r in rows}


def test_bench_prints_every_system_for_every_renderer(bench_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cleaning.run(args_for(bench_file)) == 0
    rows = table(capsys)
    systems = (*cleaning.SYSTEMS, cleaning.WITH_TITLE)
    assert set(rows) == {(r, s) for r in ("inscriptis", "html2text") for s in systems}
    for renderer in ("inscriptis", "html2text"):
        ours, everything = rows[(renderer, "presscorpus")], rows[(renderer, "keep-all")]
        assert float(ours[0]) > float(everything[0])  # precision: the menus and footer are gone
        assert float(ours[1]) >= 0.95  # recall: the paragraphs stay
        assert ours[4] == "3" and len(ours) == 6  # docs, pages/s
        assert rows[(renderer, cleaning.WITH_TITLE)][5] == ours[5]  # same cleaning run, same time
        assert float(ours[5]) > 0 and everything[5] == "-"  # keeping everything is not timed


def test_a_hard_wrapped_renderer_is_scored_on_the_reflowed_dump(bench_file: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    dump = cleaning.render.html2text_wrapped(page_html(0))
    paragraph = f"{PARAGRAPHS[0]} (Report 0.)"
    assert len(paragraph) > 78 and max(map(len, dump.split("\n"))) <= 78  # it does wrap
    assert paragraph in cleaning.presscorpus_doc_cleaner()(dump).text.split("\n")
    as_wrapped = cleaning.presscorpus_doc_cleaner(reflowed=False)(dump)
    assert as_wrapped is None or paragraph not in as_wrapped.text.split("\n")
    systems = ["presscorpus", cleaning.NO_REFLOW]
    assert cleaning.run(args_for(bench_file, renderer=["html2text-78"], system=systems)) == 0
    rows = table(capsys)
    assert float(rows[("html2text-78", "presscorpus")][1]) >= 0.95  # recall: the wrapped paragraphs stay
    assert ("html2text-78", cleaning.NO_REFLOW) in rows


def test_the_record_is_scored_with_and_without_its_title() -> None:
    """The headline the clean stage moves into ``title`` is scored in the ``pc+title`` row."""
    paragraphs = "\n\n".join(PARAGRAPHS)
    dump = f"Home\nWorld\nSport\n\nBudget talks resume in the district\nBy Jane Doe\n\n{paragraphs}\n"
    doc = cleaning.presscorpus_doc_cleaner()(dump)
    assert doc is not None and "Budget talks" not in doc.text
    views = cleaning.record_views()(doc)
    assert views[cleaning.WITH_TITLE] == f"{doc.title}\n{doc.text}" and "Budget talks" in views[cleaning.WITH_TITLE]
    assert views["presscorpus"] == doc.text
    assert cleaning.record_views()(None) == {"presscorpus": "", cleaning.WITH_TITLE: ""}


def test_rendered_dumps_are_cached_and_reused(bench_file: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    cleaning.run(args_for(bench_file, cache=cache, renderer=["inscriptis"], system=["keep-all"]))
    (cached,) = cache.glob("dumps-inscriptis-dev-*.jsonl.gz")
    with gzip.open(cached, "wt", encoding="utf-8") as fh:  # a tampered cache shows it is read back
        for page_id in dev_ids(3):
            fh.write(json.dumps({"id": page_id, "dump": "nothing"}) + "\n")
    capsys.readouterr()
    cleaning.run(args_for(bench_file, cache=cache, renderer=["inscriptis"], system=["keep-all"]))
    assert table(capsys)[("inscriptis", "keep-all")][1] == "0.000"


def test_empty_split_is_a_user_error(bench_file: Path) -> None:
    with pytest.raises(UserError, match="no pages in split holdout"):
        cleaning.run(args_for(bench_file, split="holdout"))


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="benchmark file not found"):
        cleaning.run(args_for(tmp_path / "nope.jsonl.gz"))


def test_timing_keeps_the_fastest_of_the_repeated_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 5.0, 10.0, 12.0, 20.0, 24.0])  # passes of 5, 2 and 4 CPU seconds
    monkeypatch.setattr(cleaning.time, "process_time", lambda: next(clock))
    calls: list[str] = []
    outputs, seconds = cleaning.timed_passes(lambda d: calls.append(d) or d.upper(), ["a", "b"], repeat=3)
    assert outputs == ["A", "B"] and seconds == 2.0
    assert calls == ["a", "b"] * 3


def test_repeat_below_one_is_a_clear_error(bench_file: Path) -> None:
    with pytest.raises(UserError, match="--repeat must be at least 1"):
        cleaning.run(args_for(bench_file, repeat=0))


def test_the_clean_stage_row_scores_the_same_text_on_dumps_laid_out_before_the_clock(
        bench_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cleaning.run(args_for(bench_file, renderer=["html2text-78"],
                                 system=["presscorpus", cleaning.CLEAN_STAGE])) == 0
    rows = table(capsys)
    # same output (the repair stage's relayout is done first, outside the clock): only the time differs
    assert rows[("html2text-78", "presscorpus")][:5] == rows[("html2text-78", cleaning.CLEAN_STAGE)][:5]
