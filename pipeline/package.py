"""Package: turn the build's JSONL streams into a release folder.

A release ``dist/<name>/<version>/`` holds the ``load_from_disk`` dataset (split
``train``), the quarantine (also loadable), the removal audit, the dataset card with
its datasheet, ``build_info.json`` and ``manifest-sha256.txt``. Everything that could
vary between two runs (fingerprints, shard counts, ordering) is pinned.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import datasets
from datasets import Dataset, DatasetDict, Features

from pipeline import features

MANIFEST = "manifest-sha256.txt"
CHUNK = 1 << 20


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


def save_tables(work: Path, out: Path, name: str, version: str) -> None:
    cache = work / "hf-cache"
    datasets.disable_progress_bars()  # the build has its own progress bar
    train = dataset_from_jsonl(work / "records.jsonl", features.RECORD, cache, f"{name}-{version}-train")
    DatasetDict({"train": train}).save_to_disk(str(out), num_shards={"train": 1})
    quarantine = dataset_from_jsonl(work / "quarantine.jsonl", features.QUARANTINE, cache,
                                    f"{name}-{version}-quarantine")
    quarantine.save_to_disk(str(out / "quarantine"), num_shards=1)
    (out / "audit").mkdir(exist_ok=True)
    shutil.copyfile(work / "removals.jsonl", out / "audit" / "removals.jsonl")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def release_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST)


def write_manifest(root: Path) -> None:
    lines = [f"{sha256_file(p)}  {p.relative_to(root).as_posix()}" for p in release_files(root)]
    (root / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    if not path.exists():
        return {}
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for digest, name in pairs}


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
