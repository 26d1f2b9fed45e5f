"""``presscorpus inspect``: a record's page rebuilt from a release, removed lines marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline.commands import inspect
from tests.conftest import seed_text


def record_id(release: Path, source_prefix: str) -> str:
    (table,) = [pq.read_table(f) for f in (release / "data").glob("*.parquet")]
    return next(r["id"] for r in table.to_pylist() if r["source_path"].startswith(source_prefix))


def run_inspect(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["inspect", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_page_is_rebuilt_in_order_with_rules(seed_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = record_id(seed_release, "003")
    code, out, _ = run_inspect(capsys, doc_id, "--release", str(seed_release))
    assert code == 0
    page = [ln for ln in seed_text("003").split("\n")]
    shown = [ln for ln in out.split("\n") if ln[:2] in ("- ", "  ") and ln[2:7].strip().isdigit()]
    numbers = [int(ln[2:7]) for ln in shown]
    assert numbers == sorted(numbers)
    assert numbers == [i for i, text in enumerate(page, start=1) if text.strip()]  # every non-blank line
    by_no = {int(ln[2:7]): ln for ln in shown}
    assert by_no[158].startswith("- ") and by_no[158].endswith("[php-debug-output]")
    assert by_no[165].endswith("[to-metadata:byline]")
    assert by_no[168].startswith("  ") and "[" not in by_no[168][-30:]
    assert "\x1b[" not in out  # not a terminal: no ANSI codes


def test_metadata_evidence_is_shown(seed_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_inspect(capsys, record_id(seed_release, "003")[:8], "--release", str(seed_release))
    evidence = out.split("metadata evidence", 1)[1]
    assert "authors" in evidence and "Galia Lavi" in evidence and "2024-07-24" in evidence


def test_strike_through_only_on_a_terminal() -> None:
    assert inspect.format_line(4, "Home", ["menu-bullet"], tty=True) == "-     4  \x1b[9mHome\x1b[0m  [menu-bullet]"
    assert inspect.format_line(4, "Home", ["menu-bullet"], tty=False) == "-     4  Home  [menu-bullet]"
    assert inspect.format_line(5, "Body.", [], tty=True) == "      5  Body."


def test_kept_line_with_dropped_markup_is_not_marked_removed() -> None:
    record = {"text": "See [the report] now.", "cleaning": {"kept_lines": "2"}}
    removals = [{"line_no": 1, "text": "* Home", "rule": "menu-bullet"},
                {"line_no": 2, "text": "(https://x.org/r)", "rule": "markdown-link-target"},
                {"line_no": 2, "text": "** **", "rule": "markdown-emphasis"}]
    rows = inspect.page_lines(record, removals)
    assert rows == [(1, "* Home", ["menu-bullet"]),
                    (2, "See [the report] now.", ["markdown-link-target: (https://x.org/r)",
                                                  "markdown-emphasis: ** **"])]
    assert inspect.format_line(*rows[1], tty=False).startswith("      2  See")


def test_unknown_id_and_missing_release_are_one_line_errors(seed_release: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_inspect(capsys, "ffffffffffffffff", "--release", str(seed_release))
    assert code == 2 and "no record with this id" in err and err.count("\n") == 1
    code, _, err = run_inspect(capsys, "ab", "--dist", str(tmp_path / "empty"))
    assert code == 2 and "no release found" in err


def test_two_releases_need_release_flag(seed_release: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    dist = tmp_path / "dist"
    for version in ("1.0.0", "1.0.1"):
        shutil.copytree(seed_release, dist / "corpus" / version)
    code, _, err = run_inspect(capsys, "ab", "--dist", str(dist))
    assert code == 2 and "choose one with --release" in err


def test_a_damaged_release_is_a_one_line_error(seed_release: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    release = tmp_path / "release"
    shutil.copytree(seed_release, release)
    doc_id = record_id(release, "003")
    with (release / "audit" / "removals.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
    code, _, err = run_inspect(capsys, doc_id, "--release", str(release))
    assert code == 2 and "is not a removal record" in err and err.count("\n") == 1
    (parquet,) = (release / "data").glob("*.parquet")
    parquet.write_bytes(parquet.read_bytes()[:200] + b"\xff" * 64 + parquet.read_bytes()[264:])
    code, _, err = run_inspect(capsys, doc_id, "--release", str(release))
    assert code == 2 and "cannot read its Parquet files" in err and err.count("\n") == 1


def test_an_id_in_capitals_or_with_spaces_is_found(seed_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id = record_id(seed_release, "003")
    code, out, _ = run_inspect(capsys, f" {doc_id.upper()} ", "--release", str(seed_release))
    assert code == 0 and doc_id in out
