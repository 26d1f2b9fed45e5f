"""verify: a fresh release passes; one changed byte anywhere fails, naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import datasets
import pytest

from pipeline.cli import main
from pipeline.package import MANIFEST, read_manifest, write_manifest
from pipeline.verify import verify


def flip_byte(path: Path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    at = len(data) // 2 if offset is None else offset
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def copy(seed_release: Path, tmp_path: Path) -> Path:
    target = tmp_path / "release"
    shutil.copytree(seed_release, target)
    return target


def test_fresh_release_verifies(seed_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify(seed_release)
    assert report.ok, report.problems
    assert report.files == len(read_manifest(seed_release)) and report.rows == {"train": 5, "quarantine": 0}
    assert main(["verify", str(seed_release)]) == 0
    assert capsys.readouterr().out.startswith("OK")


@pytest.mark.parametrize("name", ["train/data-00000-of-00001.arrow", "data/train-00000-of-00001.parquet",
                                  "README.md", "croissant.json", "figures/length.png", "train/state.json"])
def test_one_changed_byte_is_caught_and_named(copy: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    flip_byte(copy / name)
    report = verify(copy)
    assert f"{name}: sha256 differs from {MANIFEST}" in report.problems
    assert main(["verify", str(copy)]) == 1
    assert name in capsys.readouterr().err


def test_missing_and_unlisted_files_are_named(copy: Path) -> None:
    (copy / "CITATION.cff").unlink()
    (copy / "notes.txt").write_text("added by hand")
    problems = verify(copy).problems
    assert f"CITATION.cff: listed in {MANIFEST} but missing" in problems
    assert f"notes.txt: present but not in {MANIFEST}" in problems


def test_manifest_rewritten_after_tampering_still_fails_on_croissant_hash(copy: Path) -> None:
    flip_byte(copy / "data/train-00000-of-00001.parquet", offset=200)
    write_manifest(copy)  # a careless re-hash cannot hide it: croissant.json has its own sha256s
    assert "data/train-00000-of-00001.parquet: sha256 differs from croissant.json" in verify(copy).problems


def test_every_record_is_checked_against_the_schema(copy: Path) -> None:
    train = datasets.load_from_disk(str(copy / "train"), keep_in_memory=True)
    broken = train.map(lambda row, i: {"id": "NOT-AN-ID" if i == 3 else row["id"]}, with_indices=True,
                       keep_in_memory=True)
    shutil.rmtree(copy / "train")
    broken.save_to_disk(str(copy / "train"), num_shards=1)
    write_manifest(copy)
    problems = verify(copy).problems
    assert any(p.startswith("train/ row 3 (NOT-AN-ID): id:") for p in problems), problems
    assert "data/train-00000-of-00001.parquet: row 3 differs from train/" in problems
    assert len(problems) == 2


def test_not_a_folder(tmp_path: Path) -> None:
    assert verify(tmp_path / "nothing").problems == [f"{tmp_path / 'nothing'}: not a folder"]
    assert verify(tmp_path).problems[0] == f"{MANIFEST}: missing or empty"


def test_a_parquet_file_the_card_points_at_must_exist(copy: Path) -> None:
    (copy / "data/train-00000-of-00001.parquet").unlink()
    write_manifest(copy)
    problems = verify(copy).problems
    assert "croissant.json: distribution data/train-00000-of-00001.parquet is missing" in problems
    assert "README.md: config default names missing file data/train-00000-of-00001.parquet" in problems


def test_every_byte_of_the_manifest_is_covered(copy: Path) -> None:
    original = (copy / MANIFEST).read_bytes()
    first_line = original.index(b"\n")
    for offset in (0, 63, 64, 65, 66, first_line - 1):  # digest, separator, path
        flip_byte(copy / MANIFEST, offset)
        assert not verify(copy).ok, offset
        (copy / MANIFEST).write_bytes(original)
    assert verify(copy).ok


@pytest.mark.parametrize("content", ['[1, 2]', '{"distribution": 5}', '{"distribution": [1]}',
                                     '{"distribution": [{"contentUrl": 5}]}',
                                     '{"distribution": [{"contentUrl": "/etc/hostname"}]}'])
def test_a_croissant_file_of_the_wrong_shape_fails_without_a_traceback(copy: Path, content: str) -> None:
    (copy / "croissant.json").write_text(content, encoding="utf-8")
    problems = verify(copy).problems
    assert any(p.startswith("croissant.json: ") and "sha256" not in p for p in problems)


@pytest.mark.parametrize("configs", ["5", "[5]", "[{data_files: 5}]", "[{data_files: [5]}]", "{a: 1}"])
def test_card_configs_of_the_wrong_shape_fail_without_a_traceback(copy: Path, configs: str) -> None:
    (copy / "README.md").write_text(f"---\nconfigs: {configs}\n---\nhi\n", encoding="utf-8")
    assert "README.md: front matter configs are not a list of data_files with paths" in verify(copy).problems
