"""The metadata bench: comparison rules, null/invented counts, and one run on pages written here."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from pipeline.bench import metadata as bench

PARAGRAPH = "The council met on Monday to discuss the new budget for schools and roads in the district. " * 3


def test_comparison_rules() -> None:
    assert bench.same("title", "Hamas–Fatah Talks: What’s Next?", "hamas fatah talks what s next")
    assert not bench.same("title", "Budget talks", "Budget talks | Gazette")
    assert bench.same("author", "Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"])
    assert bench.same("author", "Manoj Jain and Jagpreet Chhatwal", ["Jagpreet Chhatwal", "Manoj Jain"])
    assert not bench.same("author", "Jane Doe", ["Jane Doe", "John Roe"])
    assert bench.same("date", "2018-04-05T06:00", "2018-04-05")
    assert bench.same("author", None, [])


def test_wrong_answers_are_counted_as_null_or_invented() -> None:
    tally = bench.Tally()
    assert tally.add("date", "2024-07-24", "2024-07-24") == "right"
    assert tally.add("date", "2024-07-24", None) == "null"
    assert tally.add("date", None, "2024-07-24") == "invented"
    assert tally.add("date", None, None) == "right"
    assert tally.accuracy("date") == 0.5 and tally.accuracy("date+given") == 0.5


def write_pages(path: Path) -> None:
    pages = []
    for n in range(12):
        html = (f"<html><head><title>Story {n} about budgets | Gazette</title></head><body><article>"
                f"<h1>Story {n} about budgets</h1><p>By Jane Doe</p><p>July 24, 2024</p>"
                f"<p>{PARAGRAPH}</p></article></body></html>")
        pages.append({"id": f"t/{n}", "url": f"https://gazette.example/{n}", "html": html, "body": PARAGRAPH,
                      "title": f"Story {n} about budgets", "author": "Jane Doe", "date": "2024-07-24"})
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(p) for p in pages) + "\n")


def test_one_run_prints_every_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages.jsonl.gz"
    write_pages(pages)
    monkeypatch.setattr(sys, "argv", ["bench", "metadata", "--pages", str(pages), "--split", "all",
                                      "--renderer", "inscriptis", "--misses", str(tmp_path / "misses.tsv")])
    with pytest.raises(SystemExit) as done:
        import runpy

        runpy.run_module("pipeline.bench", run_name="__main__")
    assert done.value.code == 0
    out = capsys.readouterr().out
    rows = {line.split(" | ")[0].strip("| "): line for line in out.splitlines() if line.startswith("| ")}
    assert {"trafilatura", "presscorpus-html", "presscorpus-inscriptis"} <= set(rows)
    # On these plain pages presscorpus gets every field right, in HTML and in the text dump.
    assert rows["presscorpus-html"].split(" | ")[1:4] == ["1.000", "1.000", "1.000"]
    assert rows["presscorpus-inscriptis"].split(" | ")[1:4] == ["1.000", "1.000", "1.000"]


def test_cached_dumps_are_read_not_rendered(tmp_path: Path) -> None:
    from pipeline.bench.cleaning import cache_path

    pages_file = tmp_path / "pages.jsonl.gz"
    write_pages(pages_file)
    pages = list(bench.load_pages(pages_file, "all"))
    cached = cache_path(tmp_path, "inscriptis", pages_file, "all", None)
    assert cached is not None
    with gzip.open(cached, "wt", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps({"id": p["id"], "dump": f"cached {p['id']}"}) + "\n")
    pages = bench.with_dumps(pages, ["inscriptis"], tmp_path, pages_file, "all", None, 1)

    def never(html: str) -> str:
        raise AssertionError("rendered although cached")

    assert bench.dump_of(pages[3], "inscriptis", never) == "cached t/3"


def test_presscorpus_system_repairs_mojibake_as_a_build_does() -> None:
    page = ("<html><head><title>Investor\u00e2\u0080\u0099s guide | Site</title></head><body>"
            "<h1>Investor\u00e2\u0080\u0099s guide</h1><p>" + "Some words of the article here. " * 20
            + "</p></body></html>")
    assert bench.Presscorpus().html(page, None)["title"] == "Investor\u2019s guide"
