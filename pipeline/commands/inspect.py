"""``presscorpus inspect <id>``: one record's page as cleaning saw it, every decision shown.

The page is rebuilt from the release alone: kept lines come from the record's text and
their line numbers (``cleaning.kept_lines``), removed lines from ``audit/removals.jsonl``
with the rule that removed each. Removed lines are marked ``-`` with their rules beside
them (and struck through on a terminal); the metadata evidence follows.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.errors import UserError, one_line
from pipeline.lines import OUTPUT_RULES

STRIKE, RESET, DIM = "\x1b[9m", "\x1b[0m", "\x1b[2m"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspect", help="show one record's page with every removed line and its rule",
                       description="Rebuild a record's page from a release: kept lines, removed lines "
                       "(marked '-', with the rule that removed them) and the metadata evidence.")
    p.add_argument("id", help="record id (16 hex digits), or a unique prefix of one")
    p.add_argument("--release", type=Path, help="release folder dist/<name>/<version> (default: the only one)")
    p.add_argument("--dist", type=Path, default=Path("dist"), help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def find_release(dist: Path) -> Path:
    releases = sorted(p.parent for p in dist.glob("*/*/manifest-sha256.txt")) if dist.is_dir() else []
    if not releases:
        raise UserError(f"{dist}: no release found; build one first, or pass --release")
    if len(releases) > 1:
        names = ", ".join(str(r) for r in releases[:4])
        raise UserError(f"{len(releases)} releases under {dist} ({names}); choose one with --release")
    return releases[0]


def load_record(release: Path, doc_id: str) -> dict[str, Any]:
    files = sorted((release / "data").glob("*.parquet"))
    if not files and not (release / "dataset_dict.json").is_file():
        raise UserError(f"{release}: not a release folder (no data/*.parquet)")
    try:
        matches = [row for f in files for row in rows_starting(f, doc_id)]
    except (OSError, ValueError, KeyError) as exc:  # pyarrow's errors on a damaged file
        raise UserError(f"{release}: cannot read its Parquet files ({type(exc).__name__}: "
                        f"{one_line(exc, 160)}); run `presscorpus verify` on it") from None
    if not matches:
        raise UserError(f"{doc_id}: no record with this id in {release}")
    if len(matches) > 1:
        raise UserError(f"{doc_id}: {len(matches)} records start with this prefix; give more digits")
    return matches[0]


def rows_starting(path: Path, doc_id: str) -> Iterator[dict[str, Any]]:
    """The rows of one Parquet file whose id starts with ``doc_id``, a batch at a time."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        ids = batch.column("id").to_pylist()
        yield from (batch.slice(i, 1).to_pylist()[0] for i, rid in enumerate(ids) if rid.startswith(doc_id))


def load_removals(release: Path, doc_id: str) -> list[dict[str, Any]]:
    path = release / "audit" / "removals.jsonl"
    if not path.is_file():
        return []
    found = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for no, line in enumerate(fh, start=1):
            try:
                row = json.loads(line)
                if row["doc_id"] == doc_id:
                    found.append(row)
            except (ValueError, KeyError, TypeError):
                raise UserError(f"{path}: line {no} is not a removal record; run `presscorpus verify` on "
                                f"{release}") from None
    return found


def parse_ranges(spec: str) -> list[int]:
    numbers: list[int] = []
    for part in filter(None, (spec or "").split(",")):
        lo, _, hi = part.partition("-")
        numbers.extend(range(int(lo), int(hi or lo) + 1))
    return numbers


def page_lines(record: dict[str, Any], removals: list[dict[str, Any]]) -> list[tuple[int | None, str, list[str]]]:
    """(line number, text, rules that removed it) in page order; kept lines have no rules.

    Without stored line numbers (HTML pages, older releases) kept lines come first,
    unnumbered, then the removed lines in order.
    """
    kept_text = [ln.strip() for ln in (record.get("text") or "").split("\n") if ln.strip()]
    numbers = parse_ranges((record.get("cleaning") or {}).get("kept_lines") or "")
    by_line: dict[int, dict[str, Any]] = {}
    for r in removals:
        entry = by_line.setdefault(r["line_no"], {"text": r["text"], "rules": [], "parts": []})
        if r["rule"] in OUTPUT_RULES:
            entry["parts"].append(f"{r['rule']}: {r['text']}")
        else:
            entry["text"] = r["text"]
            entry["rules"].append(r["rule"])
    rows: list[tuple[int | None, str, list[str]]] = []
    if len(numbers) == len(kept_text):
        for no, text in zip(numbers, kept_text, strict=True):
            rows.append((no, text, by_line.pop(no, {}).get("parts", [])))
    else:
        rows += [(None, text, []) for text in kept_text]
    rows += [(no, e["text"], e["rules"] or e["parts"]) for no, e in by_line.items()]
    return sorted(rows, key=lambda r: (r[0] is not None, r[0] or 0)) if len(numbers) == len(kept_text) else rows


def format_line(no: int | None, text: str, rules: list[str], tty: bool) -> str:
    num = f"{no:5d}" if no is not None else "     "
    removed = bool(rules) and not rules[0].startswith(OUTPUT_RULES)
    if not rules:
        return f"  {num}  {text}"
    tag = "[" + ", ".join(rules) + "]"
    if not removed:  # a kept line whose renderer markup was dropped
        return f"  {num}  {text}  {DIM + tag + RESET if tty else tag}"
    shown = f"{STRIKE}{text}{RESET}" if tty else text
    return f"- {num}  {shown}  {tag}"


def format_evidence(record: dict[str, Any]) -> list[str]:
    out = ["", "metadata evidence (field, value, method, confidence, snippet; * = selected):"]
    for e in record.get("evidence") or []:
        mark = "*" if e.get("selected") else " "
        snippet = (e.get("snippet") or "").replace("\n", " ")[:80]
        out.append(f" {mark} {e['field']:<15} {e.get('value')!s:<30} {e['method']:<22} {e['confidence']:.2f}  "
                   f"{snippet!r}")
    if len(out) == 2:
        out.append("   (none)")
    return out


def render(record: dict[str, Any], removals: list[dict[str, Any]], tty: bool) -> str:
    cleaning = record.get("cleaning") or {}
    head = [
        f"id        {record['id']}",
        f"source    {record['source_path']} ({record['source_format']})",
        f"title     {record.get('title')}",
        f"authors   {', '.join(record.get('authors') or []) or None}",
        f"date      {record.get('date_published')}",
        f"cleaning  {cleaning.get('method')}: {cleaning.get('lines_removed', 0)} removals, "
        f"{cleaning.get('chars_in', 0)} -> {cleaning.get('chars_out', 0)} chars",
        "",
        "page ('-' = removed, with the rule that removed it):",
    ]
    body = [format_line(no, text, rules, tty) for no, text, rules in page_lines(record, removals)]
    return "\n".join(head + body + format_evidence(record))


def run(args: argparse.Namespace) -> int:
    release = args.release or find_release(args.dist)
    if not release.is_dir():
        raise UserError(f"{release}: release folder not found")
    record = load_record(release, args.id.strip().lower())  # ids are lower-case hex
    print(render(record, load_removals(release, record["id"]), sys.stdout.isatty()))
    return 0
