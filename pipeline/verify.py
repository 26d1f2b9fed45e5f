"""Verify a release folder: every checksum, every table, every record.

Checks, in order: the manifest (each listed file present with its sha256, no file left
out of it), the Croissant distribution hashes, then each table loaded with ``datasets``
(Arrow), every row validated against its JSON Schema, and the Parquet copy holding the
same rows in the same order. Each problem is one line naming the file (and the row);
the list is the result. Rows are streamed, so memory does not grow with the release.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import yaml

from pipeline import card, croissant
from pipeline.changes import digest
from pipeline.package import MANIFEST, TABLES, Table, release_files, sha256_file
from pipeline.schemas import load_schema

MAX_ROW_PROBLEMS = 20  # per table: enough to see the pattern without flooding the screen
BATCH = 256


@dataclass
class Report:
    root: Path
    files: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


MANIFEST_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")


def parse_manifest(root: Path, report: Report) -> dict[str, str]:
    """The manifest's entries; a line that is not ``<sha256>  <path>`` is itself a problem."""
    path = root / MANIFEST
    if not path.is_file():
        return {}
    listed = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        report.problems.append(f"{MANIFEST}: not UTF-8 text")
        return {}
    for n, line in enumerate(lines, start=1):
        match = MANIFEST_LINE.match(line)
        if match:
            listed[match.group(2)] = match.group(1)
        else:
            report.problems.append(f"{MANIFEST}: line {n} is not '<sha256>  <path>'")
    return listed


def check_manifest(root: Path, report: Report) -> None:
    listed = parse_manifest(root, report)
    if not listed:
        report.problems.append(f"{MANIFEST}: missing or empty")
        return
    present = {p.relative_to(root).as_posix(): p for p in release_files(root)}
    for name, expected in sorted(listed.items()):
        if name not in present:
            report.problems.append(f"{name}: listed in {MANIFEST} but missing")
        elif sha256_file(present[name]) != expected:
            report.problems.append(f"{name}: sha256 differs from {MANIFEST}")
    report.problems += [f"{name}: present but not in {MANIFEST}" for name in sorted(set(present) - set(listed))]
    report.files = len(listed)


def check_croissant(root: Path, report: Report) -> None:
    path = root / croissant.FILE
    if not path.exists():
        return  # the manifest check already says whether it should be there
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problems.append(f"{croissant.FILE}: not valid JSON ({exc})")
        return
    entries = meta.get("distribution") if isinstance(meta, dict) else None
    if not isinstance(entries, list):
        report.problems.append(f"{croissant.FILE}: no distribution list")
        return
    for obj in entries:
        url = obj.get("contentUrl") if isinstance(obj, dict) else None
        if not inside_release(url):
            report.problems.append(f"{croissant.FILE}: distribution entry without a contentUrl in the release: "
                                   f"{json.dumps(obj)[:80]}")
        elif not (root / url).is_file():
            report.problems.append(f"{croissant.FILE}: distribution {url} is missing")
        elif sha256_file(root / url) != obj.get("sha256"):
            report.problems.append(f"{url}: sha256 differs from {croissant.FILE}")


def inside_release(path: Any) -> bool:
    """A relative path that stays inside the release folder (not "/etc/passwd", not "../x")."""
    return isinstance(path, str) and bool(path) and not Path(path).is_absolute() and ".." not in Path(path).parts


def check_card_configs(root: Path, report: Report) -> None:
    """Every Parquet file the card's ``configs:`` name must exist (the Hub reads the folder through them)."""
    path = root / "README.md"
    if not path.exists():
        return
    try:
        header = card.parse_front_matter(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        report.problems.append(f"README.md: front matter unreadable ({str(exc)[:200]})")
        return
    files = card_files(header.get("configs", []) if isinstance(header, dict) else [])
    if files is None:
        report.problems.append("README.md: front matter configs are not a list of data_files with paths")
        return
    for name, path in files:
        if not (root / path).is_file():
            report.problems.append(f"README.md: config {name} names missing file {path}")


def card_files(configs: Any) -> list[tuple[Any, str]] | None:
    """(config name, path) of every data file the card's configs name; None if they are not
    shaped as the release writes them (a list of configs, each listing ``{path: …}`` entries)."""
    if not isinstance(configs, list) or not all(isinstance(c, dict) for c in configs):
        return None
    entries = [(c.get("config_name"), c.get("data_files")) for c in configs]
    if not all(isinstance(files, list) and all(isinstance(e, dict) for e in files) for _, files in entries):
        return None
    found = [(name, e.get("path")) for name, files in entries for e in files]
    return found if all(inside_release(path) for _, path in found) else None


def arrow_rows(root: Path, table: Table) -> Iterator[dict[str, Any]]:
    ds = table.load(root)
    for batch in ds.iter(batch_size=BATCH):
        names = list(batch)
        for values in zip(*(batch[n] for n in names), strict=True):
            yield dict(zip(names, values, strict=True))


def parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH):
        yield from batch.to_pylist()


def where(table: Table, n: int, row: dict[str, Any]) -> str:
    ident = row.get("id") or row.get("source_path") or ""
    return f"{table.arrow_dir}/ row {n}" + (f" ({ident})" if ident else "")


def check_rows(table: Table, rows: Iterator[dict[str, Any]], copies: Iterator[dict[str, Any]] | None,
               problems: list[str]) -> int:
    """Validate each row and compare it with its Parquet copy; return the row count."""
    validator = jsonschema.Draft202012Validator(load_schema(table.schema))
    count = 0
    for n, (row, copy) in enumerate(zip_longest(rows, copies if copies is not None else ())):
        if row is None:
            problems.append(f"{table.parquet}: more rows than {table.arrow_dir}/")
            break
        count += 1
        for error in validator.iter_errors(row):
            path = ".".join(str(p) for p in error.absolute_path) or "record"
            problems.append(f"{where(table, n, row)}: {path}: {error.message[:200]}")
        if copies is not None and copy is None:
            problems.append(f"{table.parquet}: fewer rows than {table.arrow_dir}/")
            copies = None
        elif copies is not None and digest(copy) != digest(row):
            problems.append(f"{table.parquet}: row {n} differs from {table.arrow_dir}/")
    return count


def check_table(root: Path, table: Table, report: Report) -> None:
    if not (root / table.arrow_dir).exists():
        report.problems.append(f"{table.arrow_dir}/: missing")
        return
    copies = parquet_rows(root / table.parquet) if (root / table.parquet).exists() else None
    problems: list[str] = []
    try:
        report.rows[table.split] = check_rows(table, arrow_rows(root, table), copies, problems)
    except Exception as exc:  # a damaged file can fail anywhere inside pyarrow or datasets
        # Arrow and Parquet rows are read side by side, so either file may be the damaged one.
        problems.append(f"{table.arrow_dir}/ or {table.parquet}: cannot be read ({type(exc).__name__}: "
                        f"{str(exc)[:200]})")
    if len(problems) > MAX_ROW_PROBLEMS:
        problems = problems[:MAX_ROW_PROBLEMS] + [f"{table.arrow_dir}/: … {len(problems) - MAX_ROW_PROBLEMS} more"]
    report.problems += problems


def verify(root: Path) -> Report:
    report = Report(root=root)
    if not root.is_dir():
        report.problems.append(f"{root}: not a folder")
        return report
    check_manifest(root, report)
    check_croissant(root, report)
    check_card_configs(root, report)
    for table in TABLES:
        check_table(root, table, report)
    return report
