"""croissant.json: valid Croissant 1.1 that mlcroissant validates and loads offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import mlcroissant as mlc
import pytest

from pipeline import features
from pipeline.croissant import CONFORMS_TO, field_node
from tests.test_verify import flip_byte


def read(release: Path) -> dict:
    return json.loads((release / "croissant.json").read_text(encoding="utf-8"))


def test_mlcroissant_validate_cli_passes_offline(seed_release: Path) -> None:
    tool = Path(sys.executable).with_name("mlcroissant")
    done = subprocess.run([str(tool), "validate", "--jsonld", str(seed_release / "croissant.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "error" not in done.stderr.lower()


def test_mlcroissant_loads_the_same_records(seed_release: Path) -> None:
    loaded = list(mlc.Dataset(jsonld=str(seed_release / "croissant.json")).records("train"))
    rows = datasets.load_from_disk(str(seed_release))["train"]
    assert [r["train/id"].decode() for r in loaded] == rows["id"]
    assert [r["train/text"].decode() for r in loaded] == rows["text"]
    assert [[a.decode() for a in r["train/authors"]] for r in loaded] == rows["authors"]
    first_evidence = next(r for r in loaded if r["train/evidence"])["train/evidence"][0]
    assert set(first_evidence) == {f"train/evidence/{k}" for k in features.EVIDENCE}


def test_one_record_set_per_split_and_hashed_parquet(seed_release: Path) -> None:
    meta = read(seed_release)
    assert meta["conformsTo"] == CONFORMS_TO
    assert [rs["@id"] for rs in meta["recordSet"]] == ["train"]  # the seeds' quarantine is empty
    (dist,) = meta["distribution"]
    assert dist["contentUrl"] == "data/train-00000-of-00001.parquet" and len(dist["sha256"]) == 64
    # fields follow the Features, so a new record field needs no change in croissant.py
    assert [f["name"] for f in meta["recordSet"][0]["field"]] == list(features.RECORD)
    for key in ("rai:dataCollection", "rai:dataLimitations", "rai:dataPreprocessingProtocol",
                "rai:dataCollectionMissingData", "rai:personalSensitiveInformation", "rai:dataUseCases"):
        assert meta[key], key
    assert meta["citeAs"].startswith("@misc{")


def test_load_checks_the_parquet_hash(seed_release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "release"
    shutil.copytree(seed_release, copy)
    flip_byte(copy / "data/train-00000-of-00001.parquet", offset=100)
    with pytest.raises(Exception, match=r"Download\(data/train") as failure:
        list(mlc.Dataset(jsonld=str(copy / "croissant.json")).records("train"))
    assert "Hash of downloaded file" in str(failure.value.__cause__ or failure.value.__context__)


def test_nested_features_become_sub_fields_with_json_paths() -> None:
    node = field_node("train", "f.parquet", ["cleaning"], features.RECORD["cleaning"])
    rules = next(f for f in node["subField"] if f["name"] == "rules")
    assert rules["isArray"] is True
    rule = next(f for f in rules["subField"] if f["name"] == "rule")
    assert rule["source"]["extract"] == {"column": "cleaning"}
    assert rule["source"]["transform"] == [{"jsonPath": "rules"}, {"jsonPath": "rule"}]
    with pytest.raises(ValueError, match="no Croissant data type"):
        field_node("train", "f.parquet", ["x"], datasets.Value("binary"))
