"""The whole build: seeds in, a loadable, reproducible release out; nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pytest

from pipeline.build import build
from pipeline.config import load_config
from pipeline.errors import UserError
from pipeline.package import read_manifest, sha256_file
from tests.conftest import SEED_CONFIG, SEEDS, seed_text

SEED_METADATA = {
    "003_05ea6a6c820418f7.txt": ("Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship", ["Galia Lavi"],
                                 "2024-07-24", "INSS"),
    "002_10f973c8524d19f5.txt": ("Hamas and Fatah officials convene in China to discuss unity efforts", [], None, None),
}


def test_release_loads_with_one_record_per_seed(seed_release: Path) -> None:
    ds = datasets.load_from_disk(str(seed_release))
    assert list(ds) == ["train"]
    assert ds["train"].num_rows == 5
    assert sorted(ds["train"]["source_path"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(datasets.load_from_disk(str(seed_release / "quarantine"))) == 0


def test_seed_metadata(seed_release: Path) -> None:
    rows = {r["source_path"]: r for r in datasets.load_from_disk(str(seed_release))["train"]}
    for name, (title, authors, date, outlet) in SEED_METADATA.items():
        row = rows[name]
        assert (row["title"], row["authors"], row["date_published"], row["outlet"]) == (title, authors, date, outlet)
        assert row["language"] == "en"
    evidence = {e["field"]: e for e in rows["003_05ea6a6c820418f7.txt"]["evidence"] if e["selected"]}
    assert evidence["date_published"]["snippet"] == "24 July, 2024"
    assert evidence["authors"]["method"] == "text:byline-line"


def test_release_has_card_build_info_audit_and_manifest(seed_release: Path) -> None:
    card = (seed_release / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    for section in ("## Motivation", "## Composition", "## Collection process", "## Uses", "## Distribution",
                    "## Maintenance", "Preprocessing"):
        assert section in card
    info = json.loads((seed_release / "build_info.json").read_text())
    assert {i["path"] for i in info["inputs"]} == {p.name for p in SEEDS.glob("*.txt")}
    assert "trafilatura" in info["libraries"]
    removals = [json.loads(line) for line in (seed_release / "audit" / "removals.jsonl").open()]
    assert any(r["rule"] == "reading-time-widget" and r["text"] == "Reading Time: 2 minutes" for r in removals)
    manifest = read_manifest(seed_release)
    assert "train/data-00000-of-00001.arrow" in manifest
    for name, digest in manifest.items():
        assert sha256_file(seed_release / name) == digest


def test_second_build_is_byte_identical(seed_release: Path, tmp_path: Path) -> None:
    again = build(load_config(SEED_CONFIG), SEEDS, tmp_path, progress=False)
    assert read_manifest(again.release) == read_manifest(seed_release)
    assert build(load_config(SEED_CONFIG), SEEDS, tmp_path, progress=False).status == "unchanged"


def test_a_damaged_release_rebuilt_the_same_gets_its_published_bytes_back(seed_release: Path, tmp_path: Path) -> None:
    first = build(load_config(SEED_CONFIG), SEEDS, tmp_path, progress=False)
    (first.release / "build_info.json").write_text("garbage", encoding="utf-8")
    again = build(load_config(SEED_CONFIG), SEEDS, tmp_path, progress=False)
    assert again.status.startswith("restored")
    assert all(sha256_file(again.release / n) == d for n, d in read_manifest(seed_release).items())


def test_a_different_build_never_overwrites_a_release(seed_copy: Path, tmp_path: Path) -> None:
    config = load_config(SEED_CONFIG)
    first = build(config, seed_copy, tmp_path, progress=False)
    before = read_manifest(first.release)
    (seed_copy / "extra.txt").write_text(seed_text("001").replace("China", "Beijing"), encoding="utf-8")
    with pytest.raises(UserError, match="already holds a different build"):
        build(config, seed_copy, tmp_path, progress=False)
    assert read_manifest(first.release) == before
    assert build(config, seed_copy, tmp_path, force=True, progress=False).status == "replaced"
    assert sorted(p.name for p in first.release.parent.iterdir()) == [first.release.name]  # no work, no old copy


WINDOWS_PAGE = """Council approves the harbour plan

The minister’s “reform” plan for the harbour was approved on Monday after a long debate in the council.
Supporters said the plan would bring new jobs to the town, while critics warned about the cost to taxpayers.
The first works are expected to begin in the spring, according to the council’s own timetable for the project.
"""


def test_awkward_inputs_are_all_accounted_for(seed_copy: Path, tmp_path: Path) -> None:
    nested = seed_copy / "more" / "deeper"
    nested.mkdir(parents=True)
    (nested / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (seed_copy / "empty.txt").write_bytes(b"")
    (nested / "cp1252.txt").write_bytes(WINDOWS_PAGE.encode("cp1252"))
    (seed_copy / "copy-of-003.txt").write_text(seed_text("003"), encoding="utf-8")
    (seed_copy / "notes.pdf").write_bytes(b"%PDF-1.4")

    summary = build(load_config(SEED_CONFIG), seed_copy, tmp_path, progress=False)

    assert summary.inputs == 10
    assert summary.records + sum(summary.quarantined.values()) == summary.inputs
    assert summary.quarantined == {"binary": 1, "empty": 1, "duplicate": 1, "unsupported_format": 1}
    quarantine = {r["source_path"]: r for r in datasets.load_from_disk(str(summary.release / "quarantine"))}
    assert quarantine["copy-of-003.txt"]["duplicate_of"]
    assert quarantine["more/deeper/photo.txt"]["reason"] == "binary"
    rows = {r["source_path"]: r for r in datasets.load_from_disk(str(summary.release))["train"]}
    decoded = rows["more/deeper/cp1252.txt"]
    # cp1250 and cp1252 decode these bytes identically; the text is what must be right.
    assert decoded["encoding"].startswith("cp125") and 0 < decoded["encoding_confidence"] <= 1
    assert "minister’s “reform” plan" in decoded["text"]


def test_bad_paths_are_user_errors(tmp_path: Path) -> None:
    config = load_config(SEED_CONFIG)
    with pytest.raises(UserError, match="input folder not found"):
        build(config, tmp_path / "missing", tmp_path / "dist", progress=False)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="output path is a file"):
        build(config, SEEDS, tmp_path / "file", progress=False)
    (tmp_path / "pages").mkdir()
    with pytest.raises(UserError, match="inside the input folder"):  # it would read its own work files
        build(config, tmp_path / "pages", tmp_path / "pages" / "dist", progress=False)


def test_output_paths_through_a_file_are_user_errors(tmp_path: Path) -> None:
    config = load_config(SEED_CONFIG)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UserError, match="output path runs through a file"):
        build(config, SEEDS, tmp_path / "file" / "sub", progress=False)
    (tmp_path / "dist" / config.name).mkdir(parents=True)
    (tmp_path / "dist" / config.name / config.version).write_text("x")
    with pytest.raises(UserError, match="a file stands where the release folder goes"):
        build(config, SEEDS, tmp_path / "dist", force=True, progress=False)


def test_the_work_folder_of_a_killed_build_is_removed_by_the_next(tmp_path: Path) -> None:
    config = load_config(SEED_CONFIG)
    root = tmp_path / config.name
    no_such_pid = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1  # a build killed with SIGKILL
    stale = root / f".{config.version}.tmp-{no_such_pid}" / "work"
    stale.mkdir(parents=True)
    (stale / "records.jsonl").write_text("page texts\n")
    assert build(config, SEEDS, tmp_path, progress=False).status == "written"
    assert sorted(p.name for p in root.iterdir()) == [config.version]


def test_a_replacement_that_cannot_be_moved_in_leaves_the_old_release_whole(
        seed_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(SEED_CONFIG)
    first = build(config, seed_copy, tmp_path, progress=False)
    before = read_manifest(first.release)
    (seed_copy / "extra.txt").write_text(seed_text("001").replace("China", "Beijing"), encoding="utf-8")
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if Path(target) == first.release and self.name == "release":  # the new build moving into place
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        build(config, seed_copy, tmp_path, force=True, progress=False)
    assert read_manifest(first.release) == before
    assert all(sha256_file(first.release / n) == d for n, d in before.items())
    assert sorted(p.name for p in first.release.parent.iterdir()) == [first.release.name]
