"""The release layout: Arrow and Parquet copies with the same rows, pinned bytes, nothing machine-specific."""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections import Counter
from pathlib import Path

import datasets
import pytest

from pipeline import figures
from pipeline.build import build
from pipeline.config import load_config
from pipeline.corpus_stats import CorpusStats
from pipeline.package import QUARANTINE, RECORDS, read_manifest, release_files
from pipeline.verify import verify
from tests.conftest import ROOT, SEED_CONFIG, seed_text

LAYOUT = {"README.md", "CHANGELOG.md", "CITATION.cff", "croissant.json", "build_info.json", "dataset_dict.json",
          "audit/removals.jsonl", "data/train-00000-of-00001.parquet", "train/data-00000-of-00001.arrow",
          "quarantine/data-00000-of-00001.arrow", "figures/length.png"}


@pytest.fixture(scope="module")
def with_quarantine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a duplicate page, so the quarantine has a row (and a Parquet copy)."""
    pages = tmp_path_factory.mktemp("pages")
    shutil.copytree(ROOT / "seeds", pages, dirs_exist_ok=True)
    (pages / "copy-of-003.txt").write_text(seed_text("003"), encoding="utf-8")
    return build(load_config(SEED_CONFIG), pages, tmp_path_factory.mktemp("dist"), progress=False).release


def rows_of(ds: datasets.Dataset) -> list[dict]:
    return [dict(r) for r in ds]


def test_layout_and_manifest_cover_every_file(seed_release: Path) -> None:
    manifest = read_manifest(seed_release)
    assert set(manifest) >= LAYOUT
    assert list(manifest) == sorted(manifest)  # BagIt style: sorted, every file but itself
    assert set(manifest) == {p.relative_to(seed_release).as_posix() for p in release_files(seed_release)}
    assert not (seed_release / QUARANTINE.parquet).exists()  # empty table: no Parquet, no config


def test_parquet_copy_has_the_same_rows_as_load_from_disk(seed_release: Path, tmp_path: Path) -> None:
    arrow = datasets.load_from_disk(str(seed_release))["train"]
    cache = str(tmp_path / "hf-cache")  # a private cache: what is read is this build, nothing older
    parquet = datasets.load_dataset("parquet", data_dir=str(seed_release / "data"), cache_dir=cache)["train"]
    assert parquet.features == arrow.features and rows_of(parquet) == rows_of(arrow)
    # The card's configs: make the folder itself loadable, as the Hub will read it.
    assert rows_of(datasets.load_dataset(str(seed_release), cache_dir=cache)["train"]) == rows_of(arrow)


def test_quarantine_is_its_own_config(with_quarantine: Path, tmp_path: Path) -> None:
    assert (with_quarantine / QUARANTINE.parquet).exists()
    cache = str(tmp_path / "hf-cache")
    quarantine = datasets.load_dataset(str(with_quarantine), QUARANTINE.config, cache_dir=cache)[QUARANTINE.split]
    assert rows_of(quarantine) == rows_of(datasets.load_from_disk(str(with_quarantine / "quarantine")))
    assert quarantine[0]["reason"] == "duplicate"
    default = datasets.load_dataset(str(with_quarantine), cache_dir=cache)
    assert list(default) == [RECORDS.split] and default[RECORDS.split].num_rows == 5
    meta = json.loads((with_quarantine / "croissant.json").read_text(encoding="utf-8"))
    assert [rs["@id"] for rs in meta["recordSet"]] == ["train", "quarantine"]
    assert verify(with_quarantine).rows == {"train": 5, "quarantine": 1} and verify(with_quarantine).ok


def test_figures_are_byte_identical_when_drawn_twice(tmp_path: Path) -> None:
    corpus = CorpusStats()
    for i, day in enumerate(["2024-04-30", "2024-07-23", "2024-07-24", "2024-07-24", "2024-08-01", None]):
        corpus.add({"text": "word " * (50 + 40 * i), "outlet": None, "language": "en", "date_published": day,
                    "source_format": "txt", "authors": [], "title": None, "url": None})
    first = figures.draw_all(corpus, tmp_path / "a")
    second = figures.draw_all(corpus, tmp_path / "b")
    assert [f.path for f in first] == ["figures/length.png", "figures/per_day.png"] == [f.path for f in second]
    for f in first:
        png = (tmp_path / "a" / f.path).read_bytes()
        assert png == (tmp_path / "b" / f.path).read_bytes()
        assert b"tEXt" not in png and b"tIME" not in png  # no software name, no timestamp
    assert figures.draw_all(CorpusStats(), tmp_path / "c") == []
    few_days = CorpusStats(records=4, dates=Counter({"2024-07-24": 4}))  # one day: a sentence, not a chart
    assert [f.path for f in figures.draw_all(few_days, tmp_path / "d")] == []


def test_nothing_in_the_release_depends_on_the_machine(seed_release: Path) -> None:
    needles = {str(seed_release.parent.parent), str(ROOT), str(Path.home()), os.getcwd(),
               str(Path(datasets.config.HF_DATASETS_CACHE))}
    if len(socket.gethostname()) >= 6:
        needles.add(socket.gethostname())
    for path in release_files(seed_release):
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, (path.name, needle)
    info = json.loads((seed_release / "build_info.json").read_text(encoding="utf-8"))
    assert set(info) == {"name", "version", "config_sha256", "code_version", "python", "unicode", "libraries",
                         "inputs"}
    assert info["python"].count(".") == 1  # major.minor: patch releases do not change the output
    assert {"datasets", "pyarrow", "matplotlib", "trafilatura"} <= set(info["libraries"])
