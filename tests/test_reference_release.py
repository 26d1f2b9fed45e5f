"""The committed reference release: the seeds rebuilt here must match it byte for byte.

CI runs this on a fresh machine (installed with ``-c constraints.txt``). When a change to
the pipeline changes its output on purpose, regenerate the reference with
``make reference`` and commit dist/<name>/<version>/ with the change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.build import build
from pipeline.config import load_config
from pipeline.package import read_manifest
from pipeline.verify import verify
from tests.conftest import ROOT, SEED_CONFIG, SEEDS

CONFIG = load_config(SEED_CONFIG)
COMMITTED = ROOT / "dist" / CONFIG.name / CONFIG.version


def differences(committed: dict[str, str], rebuilt: dict[str, str]) -> list[str]:
    out = [f"{name}: missing from the rebuild" for name in sorted(set(committed) - set(rebuilt))]
    out += [f"{name}: not in the committed release" for name in sorted(set(rebuilt) - set(committed))]
    out += [f"{name}: sha256 differs" for name in sorted(set(committed) & set(rebuilt))
            if committed[name] != rebuilt[name]]
    return out


def test_committed_reference_release_verifies() -> None:
    report = verify(COMMITTED)
    assert report.ok, "\n".join(report.problems)


def rebuild_beside_earlier_releases(out: Path) -> Path:
    """The seeds built as `make dataset` builds them: into a dist/ holding the committed earlier
    versions, which the new version's CHANGELOG and card compare it with."""
    for earlier in sorted(COMMITTED.parent.iterdir()):
        if earlier.is_dir() and earlier.name != CONFIG.version:
            shutil.copytree(earlier, out / CONFIG.name / earlier.name)
    return build(CONFIG, SEEDS, out, progress=False).release


def test_rebuilding_the_seeds_gives_the_committed_release(tmp_path: Path) -> None:
    diff = differences(read_manifest(COMMITTED), read_manifest(rebuild_beside_earlier_releases(tmp_path)))
    assert not diff, (f"{len(diff)} files of {COMMITTED.relative_to(ROOT)} differ from a fresh build of seeds/ "
                      "(with PYTHONHASHSEED=0, as make test sets). If the change is intended, run "
                      "`make reference` and commit the result:\n" + "\n".join(diff))


def test_differences_name_every_file() -> None:
    assert differences({"a": "1", "b": "2", "c": "3"}, {"b": "2", "c": "4", "d": "5"}) == [
        "a: missing from the rebuild", "d: not in the committed release", "c: sha256 differs"]
