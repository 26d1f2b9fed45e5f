"""Sharing: a reproducible tarball of a verified release; push checks its arguments before any network."""

from __future__ import annotations

import gzip
import shutil
import tarfile
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import UserError
from pipeline.package import read_manifest, sha256_file
from pipeline.release import check_push_args, make_release, push
from tests.test_verify import flip_byte


@pytest.fixture
def dist(seed_release: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds' release in <tmp>/dist/<name>/<version>."""
    target = tmp_path / "dist" / seed_release.parent.name / seed_release.name
    shutil.copytree(seed_release, target)
    return target


def test_two_releases_give_the_same_tarball(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, first = make_release(dist)
    assert target == dist.parent.parent / f"beijing-reconciliation-talks-2024-{dist.name}.tar.gz"
    assert main(["release", str(dist), "--dist", str(dist.parent.parent)]) == 0
    assert capsys.readouterr().out == f"{first}  {target}\n"
    assert sha256_file(target) == first


def test_tarball_is_normalised(dist: Path) -> None:
    target, _ = make_release(dist)
    raw = target.read_bytes()
    assert raw[3] & 0x08 == 0 and raw[4:8] == b"\0\0\0\0"  # gzip: no file name, mtime 0
    with tarfile.open(target, "r:gz") as tar:
        members = tar.getmembers()
        names = [m.name for m in members]
        assert names == sorted(names) and names[0] == f"beijing-reconciliation-talks-2024-{dist.name}"
        assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, 0, "", "")}
        files = {m.name.split("/", 1)[1]: m for m in members if m.isfile()}
        assert set(files) == set(read_manifest(dist)) | {"manifest-sha256.txt"}
        readme = tar.extractfile(files["README.md"])
        assert readme is not None and readme.read() == (dist / "README.md").read_bytes()
    assert gzip.decompress(raw)  # a plain gzip stream


def test_a_tampered_release_is_not_packed(dist: Path) -> None:
    flip_byte(dist / "README.md")
    with pytest.raises(UserError, match="verify failed, no tarball written: README.md: sha256 differs"):
        make_release(dist)
    assert not list(dist.parent.parent.glob("*.tar.gz"))


def test_release_of_a_missing_folder_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", str(tmp_path / "nope")]) == 2
    assert "release folder not found" in capsys.readouterr().err


@pytest.mark.parametrize(("repo_id", "token", "message"), [
    ("no-slash", "hf_x", "must look like ORG/NAME"),
    ("org/name/extra", "hf_x", "must look like ORG/NAME"),
    ("org/name", None, "set HF_TOKEN"),
    ("org/name", "", "set HF_TOKEN"),
])
def test_push_argument_errors(seed_release: Path, repo_id: str, token: str | None, message: str) -> None:
    with pytest.raises(UserError, match=message):
        push(seed_release, repo_id, token)


def test_push_needs_a_release_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UserError, match="not a release folder"):
        check_push_args(tmp_path, "org/name", "hf_x")
    monkeypatch.delenv("HF_TOKEN", raising=False)
    assert main(["push", str(tmp_path), "--repo-id", "org/name"]) == 2
    assert "not a release folder" in capsys.readouterr().err


def test_a_published_tarball_is_never_replaced_by_other_bytes(dist: Path) -> None:
    target, first = make_release(dist)
    (dist / "CHANGELOG.md").write_text("# rewritten\n", encoding="utf-8")  # then re-listed, as a rebuild would
    manifest = read_manifest(dist)
    manifest["CHANGELOG.md"] = sha256_file(dist / "CHANGELOG.md")
    (dist / "manifest-sha256.txt").write_text("".join(f"{d}  {n}\n" for n, d in sorted(manifest.items())))
    with pytest.raises(UserError, match="already holds a different tarball of this version"):
        make_release(dist)
    assert sha256_file(target) == first and not list(target.parent.glob("*.tmp"))
    assert make_release(dist, force=True)[1] != first


def test_release_creates_a_missing_dist_folder(dist: Path, tmp_path: Path) -> None:
    target, _ = make_release(dist, tmp_path / "new" / "dist")
    assert target.parent == tmp_path / "new" / "dist" and target.is_file()


def test_the_tarball_is_named_after_the_release_not_the_path_typed(dist: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "link").symlink_to(dist)
    by_link, digest = make_release(tmp_path / "link", tmp_path / "out")
    monkeypatch.chdir(dist)
    by_dot, again = make_release(Path("."), tmp_path / "out")
    assert by_link == by_dot == tmp_path / "out" / f"beijing-reconciliation-talks-2024-{dist.name}.tar.gz"
    assert digest == again


def test_an_unwritable_dist_is_one_line_and_leaves_no_partial_tarball(dist: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["release", str(dist), "--dist", "/proc/presscorpus-test"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("presscorpus: error: /proc/presscorpus-test") and err.count("\n") == 1
