"""Sharing a release: a reproducible tarball, and the push to the Hugging Face Hub.

The tarball ``dist/<name>-<version>.tar.gz`` holds the verified release folder under
``<name>-<version>/``. Names are sorted, every mtime is 0, owners are 0/0 with empty
names, modes are 0644/0755, and the gzip header has mtime 0 and no file name, so two runs
on any machine give the same bytes.
"""

from __future__ import annotations

import gzip
import os
import re
import tarfile
from pathlib import Path

from pipeline.errors import UserError
from pipeline.package import sha256_file
from pipeline.verify import verify

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
TOKEN_ENV = "HF_TOKEN"


def release_dir(dist: Path, name: str, version: str) -> Path:
    return dist / name / version


def tarball_path(dist: Path, name: str, version: str) -> Path:
    return dist / f"{name}-{version}.tar.gz"


def _entry(path: Path, arcname: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(arcname)
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if path.is_dir():
        info.type, info.mode = tarfile.DIRTYPE, 0o755
    else:
        info.size, info.mode = path.stat().st_size, 0o644
    return info


def write_tarball(folder: Path, target: Path, prefix: str, force: bool = False) -> str:
    """Tar + gzip ``folder`` reproducibly under ``prefix/``; return the tarball's sha256. A
    tarball already at ``target`` with other bytes is a published version: it is kept
    (an error) unless ``force``."""
    paths = sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
    if target.parent.exists() and not target.parent.is_dir():
        raise UserError(f"{target.parent}: not a folder, cannot hold the tarball")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        write_tar(folder, paths, tmp, prefix)
        digest = sha256_file(tmp)
        if target.exists() and not force and sha256_file(target) != digest:
            raise UserError(f"{target} already holds a different tarball of this version; a released version is "
                            "never replaced: bump the version in dataset.toml, or pass --force")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)  # a full disk, an error: no half-written tarball is left
    return digest


def write_tar(folder: Path, paths: list[Path], tmp: Path, prefix: str) -> None:
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_entry(folder, prefix))
        for path in paths:
            info = _entry(path, f"{prefix}/{path.relative_to(folder).as_posix()}")
            if path.is_dir():
                tar.addfile(info)
            else:
                with path.open("rb") as fh:
                    tar.addfile(info, fh)


def make_release(folder: Path, dist: Path | None = None, force: bool = False) -> tuple[Path, str]:
    """Verify the release folder, then write its tarball next to ``dist/<name>/``."""
    if not folder.is_dir():
        raise UserError(f"{folder}: release folder not found (build it first)")
    report = verify(folder)
    if not report.ok:
        raise UserError(f"{folder}: verify failed, no tarball written: " + "; ".join(report.problems[:5]))
    folder = folder.resolve()  # "." or a link: the name and version are the release's own folders
    name, version = folder.parent.name, folder.name
    target = tarball_path(dist if dist is not None else folder.parent.parent, name, version)
    return target, write_tarball(folder, target, f"{name}-{version}", force)


def check_push_args(folder: Path, repo_id: str, token: str | None) -> None:
    """Every reason a push cannot start, as a one-line error (checked before any network call)."""
    if not REPO_ID.match(repo_id):
        raise UserError(f"{repo_id!r}: --repo-id must look like ORG/NAME")
    if not (folder / "manifest-sha256.txt").exists():
        raise UserError(f"{folder}: not a release folder (no manifest-sha256.txt)")
    if not token:
        raise UserError(f"set {TOKEN_ENV} to a Hugging Face token with write access to push")


def push(folder: Path, repo_id: str, token: str | None, private: bool = False) -> str:
    """Upload a verified release folder to a Hub dataset repo and tag it with its version."""
    check_push_args(folder, repo_id, token)
    report = verify(folder)
    if not report.ok:
        raise UserError(f"{folder}: verify failed, not pushed: " + "; ".join(report.problems[:5]))
    from huggingface_hub import HfApi  # imported here: only a push needs it

    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    version = folder.resolve().name  # "." or a link: the tag is the release folder's own name
    commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                               commit_message=f"Release {version}")
    api.create_tag(repo_id, tag=version, repo_type="dataset", exist_ok=True)
    return str(commit)
