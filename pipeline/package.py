"""Package: turn the build's JSONL streams into a release folder.

A release ``dist/<name>/<version>/`` holds each table twice: as a ``load_from_disk``
dataset (records in split ``train``, the quarantine in ``quarantine/``) and as one
Parquet file per split (``data/train-00000-of-00001.parquet`` ...), which the card's
``configs:`` point at so the folder can go to the Hugging Face Hub as is. Next to them:
the removal audit, the card, ``croissant.json``, ``CHANGELOG.md``, ``CITATION.cff``,
``build_info.json`` and ``manifest-sha256.txt`` (BagIt style: every other file, sorted).
Everything that could vary between two runs (fingerprints, shard counts, ordering) is
pinned.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import datasets
from datasets import Dataset, DatasetDict, Features

from pipeline import features

MANIFEST = "manifest-sha256.txt"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Table:
    """One published table: where its two copies live and what checks its rows."""

    config: str  # Hub config name (the card's ``configs:``)
    split: str
    schema: str  # JSON Schema in schemas/ every row must pass
    arrow_dir: str  # load_from_disk folder, relative to the release
    parquet: str  # Parquet copy, relative to the release
    jsonl: str  # the build's stream in the staging folder
    features: Features = field(compare=False)  # a dict: left out of equality and hashing

    def load(self, root: Path) -> Dataset:
        loaded = datasets.load_from_disk(str(root / self.arrow_dir))
        return loaded[self.split] if isinstance(loaded, DatasetDict) else loaded


RECORDS = Table(config="default", split="train", schema="record", arrow_dir="train",
                parquet="data/train-00000-of-00001.parquet", jsonl="records.jsonl", features=features.RECORD)
QUARANTINE = Table(config="quarantine", split="quarantine", schema="quarantine", arrow_dir="quarantine",
                   parquet="quarantine/quarantine-00000-of-00001.parquet", jsonl="quarantine.jsonl",
                   features=features.QUARANTINE)
TABLES = (RECORDS, QUARANTINE)


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def dataset_from_jsonl(path: Path, schema: Features, cache_dir: Path, fingerprint: str) -> Dataset:
    """Stream a JSONL file into an Arrow-backed dataset with a pinned fingerprint."""
    if path.stat().st_size == 0:  # from_generator refuses to build an empty table
        ds = Dataset.from_dict({name: [] for name in schema}, features=schema)
    else:
        ds = Dataset.from_generator(iter_jsonl, gen_kwargs={"path": path}, features=schema, cache_dir=str(cache_dir))
    return ds.flatten_indices(new_fingerprint=fingerprint, cache_file_name=str(cache_dir / f"{fingerprint}.arrow"))


def save_tables(work: Path, out: Path, name: str, version: str) -> list[Table]:
    """Write every table (Arrow and Parquet) and the audit; return the tables that have Parquet.

    An empty table gets no Parquet copy: ``load_dataset`` refuses a split without rows,
    so a config pointing at one would break loading the whole folder.
    """
    cache = work / "hf-cache"
    datasets.disable_progress_bars()  # the build has its own progress bar
    loaded = {t: dataset_from_jsonl(work / t.jsonl, t.features, cache, f"{name}-{version}-{t.split}")
              for t in TABLES}
    # The records as a DatasetDict at the top (``load_from_disk(release)``), split folders below.
    DatasetDict({RECORDS.split: loaded[RECORDS]}).save_to_disk(str(out), num_shards={RECORDS.split: 1})
    loaded[QUARANTINE].save_to_disk(str(out / QUARANTINE.arrow_dir), num_shards=1)
    with_parquet = []
    for table, ds in loaded.items():
        if len(ds):
            (out / table.parquet).parent.mkdir(parents=True, exist_ok=True)
            ds.to_parquet(str(out / table.parquet))
            with_parquet.append(table)
    (out / "audit").mkdir(exist_ok=True)
    shutil.copyfile(work / "removals.jsonl", out / "audit" / "removals.jsonl")
    return with_parquet


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def release_files(root: Path) -> list[Path]:
    return sorted((p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST),
                  key=lambda p: p.relative_to(root).as_posix())


def write_manifest(root: Path) -> None:
    lines = [f"{sha256_file(p)}  {p.relative_to(root).as_posix()}" for p in release_files(root)]
    (root / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    pairs = (line.split("  ", 1) for line in lines if "  " in line)  # a damaged line: verify names it
    return {name: digest for digest, name in pairs}


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
