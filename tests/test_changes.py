"""diff and CHANGELOG: one page added and one edited show as 1 added and 1 changed; bumps are checked."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from pipeline.build import BuildSummary, build
from pipeline.changes import (
    bump_between,
    changelog,
    compare,
    next_version,
    previous_release,
    render,
    schema_changes,
)
from pipeline.cli import main
from pipeline.config import Config, from_dict, load_config
from pipeline.errors import UserError
from tests.conftest import ROOT, SEED_CONFIG

NEW_PAGE = """Home | World | Politics
Palestinian factions sign Beijing declaration on unity
July 24, 2024
Fourteen Palestinian factions, including Hamas and Fatah, signed a declaration in Beijing on Tuesday committing to form an interim government of national reconciliation after the war in Gaza ends.
Chinese officials hosted the closing ceremony and called the agreement a historic moment for the Palestinian cause.
Analysts cautioned that earlier agreements between the two main rivals had collapsed, and that the declaration left open how a unity government would be formed and who would lead it.
"""  # noqa: E501
EDITED = "001_b4f29ec202e864ac.txt"


def config_at(version: str) -> Config:
    raw = copy.deepcopy(load_config(SEED_CONFIG).raw)
    raw["dataset"]["version"] = version
    return from_dict(raw)


def edited_pages(target: Path) -> Path:
    """The seeds with one page added and one page's text corrected."""
    shutil.copytree(ROOT / "seeds", target)
    (target / "005_new_page.txt").write_text(NEW_PAGE, encoding="utf-8")
    page = target / EDITED
    text = page.read_text(encoding="utf-8")
    assert "Mr. Kirby also indicated" in text
    page.write_text(text.replace("Mr. Kirby also indicated", "Mr. Kirby further indicated"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with the seeds' 1.0.0 and, built on top, 1.1.0 from the edited pages."""
    root = tmp_path_factory.mktemp("dist")
    build(config_at("1.0.0"), ROOT / "seeds", root, progress=False)
    pages = edited_pages(tmp_path_factory.mktemp("work") / "pages")
    summary = build(config_at("1.1.0"), pages, root, progress=False)
    assert summary.warnings == [w for w in summary.warnings if "bump" not in w]
    return root / "beijing-reconciliation-talks-2024"


def test_diff_shows_one_added_and_one_changed(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    diff = compare(dist / "1.0.0", dist / "1.1.0")
    assert (len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged) == (1, 0, 1, 4)
    assert diff.paths[diff.added[0]] == "005_new_page.txt"
    old_id, new_id = diff.changed[0]
    assert old_id != new_id and diff.paths[new_id] == EDITED  # matched by source path: the id follows the bytes
    assert diff.field_changes["text"] == 1 and diff.schema == []
    assert diff.required_bump == "minor" and diff.bump == "minor" and diff.bump_warning() is None
    assert main(["diff", str(dist / "1.0.0"), str(dist / "1.1.0"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["records"] == {"added": 1, "removed": 0, "changed": 1, "unchanged": 4}


def test_changelog_of_the_second_version(dist: Path) -> None:
    first = (dist / "1.0.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.0\n\nFirst release: 5 records." in first
    log = (dist / "1.1.0" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert log.startswith("# Changelog: beijing-reconciliation-talks-2024\n\n## 1.1.0\n\nCompared with 1.0.0: "
                          "1 record added, 0 removed, 1 changed, 4 unchanged;")
    assert log.index("## 1.1.0") < log.index("## 1.0.0\n\nFirst release")  # the history is carried on
    assert "- `" in log and "(005_new_page.txt)" in log and f"({EDITED})" in log
    assert "Against 1.0.0: 1 record added, 0 removed, 1 changed." in (dist / "1.1.0" / "README.md").read_text()


def test_patch_bump_for_added_records_warns(dist: Path, tmp_path: Path) -> None:
    root = tmp_path / "dist"
    shutil.copytree(dist / "1.0.0", root / dist.name / "1.0.0")
    pages = edited_pages(tmp_path / "pages")
    summary: BuildSummary = build(config_at("1.0.1"), pages, root, progress=False)
    (warning,) = [w for w in summary.warnings if "bump" in w]
    assert warning.startswith("version 1.0.1 is a patch bump from 1.0.0 but records were added or removed")
    assert "(1.1.0)" in warning
    # An unchanged version number with different content is refused outright.
    with pytest.raises(UserError, match="already holds a different build"):
        build(config_at("1.0.0"), pages, root, progress=False)


def test_identical_releases_need_no_bump(seed_release: Path) -> None:
    diff = compare(seed_release, seed_release)
    assert (diff.added, diff.removed, diff.changed, diff.required_bump) == ([], [], [], "none")
    assert "0 records added, 0 removed, 0 changed, 5 unchanged" in render(diff)


def test_semver_rules() -> None:
    assert [bump_between("1.2.3", v) for v in ("2.0.0", "1.3.0", "1.2.4", "1.2.3", "1.2.2")] == [
        "major", "minor", "patch", "none", "downgrade"]
    assert [next_version("1.2.3", b) for b in ("major", "minor", "patch")] == ["2.0.0", "1.3.0", "1.2.4"]
    with pytest.raises(UserError, match="MAJOR.MINOR.PATCH"):
        bump_between("1.0", "1.1")


def test_previous_release_is_the_highest_lower_version(tmp_path: Path) -> None:
    for version in ("0.9.0", "1.0.0", "1.10.0", "2.0.0", ".1.1.0.tmp-1"):
        (tmp_path / version).mkdir()
        (tmp_path / version / "dataset_dict.json").write_text("{}")
    (tmp_path / "1.2.0").mkdir()  # unfinished: no dataset_dict.json
    assert previous_release(tmp_path, "1.11.0") == tmp_path / "1.10.0"
    assert previous_release(tmp_path, "1.9.9") == tmp_path / "1.0.0"
    assert previous_release(tmp_path, "0.9.0") is None
    assert previous_release(tmp_path / "none", "1.0.0") is None
    assert changelog("x", "0.1.0", None, None, 3).endswith("First release: 3 records. "
                                                          "There is no earlier version to compare with.\n")


def test_diff_of_a_non_release_is_a_user_error(tmp_path: Path, seed_release: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path), str(seed_release)]) == 2
    assert "not a release folder" in capsys.readouterr().err


def test_a_schema_change_needs_a_major_bump(seed_release: Path) -> None:
    from datasets import Features, List, Value

    old = Features({"id": Value("string"), "n": Value("int64"), "gone": Value("string")})
    new = Features({"id": Value("string"), "n": Value("string"), "tags": List(Value("string"))})
    assert schema_changes(old, new, "train") == ["train: field `tags` added (list<string>)",
                                                 "train: field `gone` removed",
                                                 "train: field `n` changed type: int64 → string"]
    diff = compare(seed_release, seed_release)
    diff.schema, diff.new_version = ["train: field `tags` added (list<string>)"], "1.1.0"
    assert diff.required_bump == "major"
    assert diff.bump_warning() == ("version 1.1.0 is a minor bump from 1.0.1 but the schema changed: semantic "
                                   "versioning for data asks for a major bump (2.0.0)")


def test_a_damaged_earlier_release_gives_a_warning_and_a_new_release(tmp_path: Path) -> None:
    root = tmp_path / "dist"
    build(config_at("1.0.0"), ROOT / "seeds", root, progress=False)
    old = root / "beijing-reconciliation-talks-2024" / "1.0.0"
    (old / "build_info.json").write_text("garbage", encoding="utf-8")
    summary = build(config_at("1.1.0"), ROOT / "seeds", root, progress=False)
    assert [w for w in summary.warnings if w.startswith("no changelog diff: cannot compare")]
    assert "The previous release, 1.0.0, is damaged" in (summary.release / "CHANGELOG.md").read_text()
    with pytest.raises(UserError, match=r"a file is damaged \(JSONDecodeError"):
        compare(old, summary.release)


def test_a_rebuild_compares_with_the_release_it_was_compared_with_before(tmp_path: Path) -> None:
    # 1.0.1 built after 1.1.0 must not change 1.1.0's changelog when 1.1.0 is rebuilt
    root = tmp_path / "dist"
    for version in ("1.0.0", "1.1.0", "1.0.1"):
        build(config_at(version), ROOT / "seeds", root, progress=False)
    assert build(config_at("1.1.0"), ROOT / "seeds", root, progress=False).status == "unchanged"
    assert previous_release(root / "beijing-reconciliation-talks-2024", "1.1.0").name == "1.0.0"
    assert previous_release(root / "beijing-reconciliation-talks-2024", "1.2.0").name == "1.1.0"
