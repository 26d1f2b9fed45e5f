"""The CLI as a user meets it: a subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED_CONFIG, SEEDS, seed_text


def presscorpus(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, check=False)


def test_help_lists_the_build_command() -> None:
    done = presscorpus("--help")
    assert done.returncode == 0 and "build" in done.stdout
    assert "--input" in presscorpus("build", "--help").stdout


def test_build_prints_a_summary(tmp_path: Path) -> None:
    done = presscorpus("build", "--config", str(SEED_CONFIG), "--input", str(SEEDS), "--output", str(tmp_path),
                       "--quiet")
    assert done.returncode == 0, done.stderr
    assert "records     5 written" in done.stdout
    assert "inputs      5 files read" in done.stdout
    assert "reading-time-widget" in done.stdout or "menu-bullet" in done.stdout


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "dataset.toml"
    bad.write_text("[dataset]\nname = 'x'\nversion = 'v1'\n")
    for args in (["build", "--input", str(tmp_path / "missing"), "--output", str(tmp_path)],
                 ["build", "--config", str(bad), "--input", str(SEEDS), "--output", str(tmp_path)]):
        done = presscorpus(*args)
        assert done.returncode == 2
        assert done.stderr.startswith("presscorpus: error: ")
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_an_ascii_terminal_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "café.txt").write_text(seed_text("001"), encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--input", str(pages), "--output",
                           str(tmp_path / "déjà"), "--quiet"], capture_output=True, text=True, cwd=ROOT, env=env,
                          check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "d\\xe9j\\xe0" in done.stdout


def test_the_summary_says_what_records_and_quarantine_add_up_to(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    text = seed_text("001")
    rows = [{"text": text}, {"text": text.replace("China", "Beijing")}, "not json"]
    (pages / "p.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    done = presscorpus("build", "--input", str(pages), "--output", str(tmp_path / "out"), "--quiet")
    assert "inputs      1 files read, 3 pages and entries (records + quarantine)" in done.stdout, done.stderr
