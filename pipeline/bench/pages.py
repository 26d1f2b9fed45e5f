"""Benchmark pages (gzip'd JSON Lines) and the fixed dev/holdout split.

The split is a pure function of the page id (SHA-1, first byte): about one page in
four is holdout, the same on every machine and for every command. Tune on dev only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.errors import UserError

SPLITS = ("dev", "holdout", "all")
HOLDOUT_SHARE = 64  # of 256: first SHA-1 byte below this means holdout


def split_of(page_id: str) -> str:
    return "holdout" if hashlib.sha1(page_id.encode()).digest()[0] < HOLDOUT_SHARE else "dev"


def load_pages(path: Path, split: str = "dev", limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Pages of ``split`` from a benchmark file, in file order."""
    if not path.is_file():
        raise UserError(f"{path}: benchmark file not found")
    opener = gzip.open if path.suffix == ".gz" else open
    taken = 0
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            page = json.loads(line)
            if split != "all" and split_of(str(page["id"])) != split:
                continue
            yield page
            taken += 1
            if limit is not None and taken >= limit:
                return
