"""The manifest sidecar: values the user already knows about each input file.

``manifest.csv`` (with a header row) or ``manifest.jsonl`` at the top of the input folder
maps a file (column ``file``, its path relative to the folder) to any of ``url``,
``outlet``, ``date_published``, ``crawl_date`` (YYYY-MM-DD), ``license``, ``title``,
``authors`` (separated by ";"). These values win over inferred ones; their evidence says
``provided:manifest`` with confidence 1.0. A malformed manifest stops the build with one
line; a row naming a file that is not there becomes a quarantine entry.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pipeline import urls
from pipeline.doc import Doc
from pipeline.errors import CONTROL, UserError  # a value is one line: a NUL or line break is damage

SIDECARS = ("manifest.csv", "manifest.jsonl")
FILE_KEYS = ("file", "path", "filename")
VALUE_FIELDS = ("url", "outlet", "date_published", "crawl_date", "license", "title", "authors")
DATE_FIELDS = ("date_published", "crawl_date")
# Fields the Doc carries directly rather than through metadata selection.
DOC_FIELDS = ("crawl_date", "license")

Provided = dict[str, dict[str, Any]]


def iso_day(value: str) -> str | None:
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        return None


def as_text(field: str, value: Any) -> str | None:
    """The value as the text a record holds; None if it is not text (a JSON number, object, …).
    Authors may be a list of names or one string of names separated by ";"."""
    if field == "authors":
        names = value if isinstance(value, list) else value.split(";") if isinstance(value, str) else None
        if names is None or not all(isinstance(n, str) for n in names):
            return None
        return "; ".join(n.strip() for n in names if n.strip())
    return value.strip() if isinstance(value, str) else None


def clean_values(raw: dict[str, Any], source: str, where: str, *, strict: bool = False) -> Provided:
    """Validated provided values; a bad one is an error (manifest) or kept as a null (JSONL)."""
    out: Provided = {}
    for field, value in raw.items():
        text = as_text(field, value)
        problem = "is not text" if text is None else "holds a control character" if CONTROL.search(text) else None
        if problem:
            if strict:
                raise UserError(f"{where}: {field} {problem}: {json.dumps(value, ensure_ascii=False)[:80]}")
            shown = json.dumps(value, ensure_ascii=False)[:80]
            out[field] = {"value": None, "source": source, "snippet": f"{source} {where}: {field}={shown} ({problem})"}
            continue
        if not text:
            continue
        snippet = f"{source} {where}: {field}={text}"
        if field in DATE_FIELDS:
            day = iso_day(text)
            if day is None and strict:
                raise UserError(f"{where}: {field} {text!r} is not a date (YYYY-MM-DD)")
            out[field] = {"value": day, "source": source, "snippet": snippet}
        elif field == "url" and not (text.startswith(("http://", "https://")) and urls.host(text)):
            if strict:
                raise UserError(f"{where}: url {text!r} is not an http(s) URL")
            out[field] = {"value": None, "source": source, "snippet": snippet}
        else:
            out[field] = {"value": text, "source": source, "snippet": snippet}
    return out


# JSON may escape half of a UTF-16 pair alone ("\ud800"): no character, which no UTF-8 file can hold.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate replaced by U+FFFD, as a byte that fails to decode is."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value


def apply(doc: Doc, values: Provided | None) -> None:
    """Give ``doc`` the provided values it does not have yet (a record's own values come first)."""
    if not values:
        return
    provided = doc.hints.setdefault("provided", {})
    for field, entry in values.items():
        if field.startswith("_") or field in provided:
            continue
        provided[field] = entry
        if field in DOC_FIELDS and entry["value"]:
            setattr(doc, field, entry["value"])


def rows_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, strict=True)  # strict: an unterminated quote is an error
            check_columns(path, reader.fieldnames or [])
            for no, row in enumerate(reader, start=2):
                if None in row:
                    raise UserError(f"{path.name} row {no}: more values than columns")
                yield no, row
    except UnicodeDecodeError:
        raise UserError(f"{path.name}: manifest is not UTF-8 text") from None
    except csv.Error as exc:
        raise UserError(f"{path.name}: malformed CSV: {exc}") from None


def rows_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        # split on "\n" only: JSON strings may hold U+2028 or \x85, which splitlines() breaks at
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except UnicodeDecodeError:
        raise UserError(f"{path.name}: manifest is not UTF-8 text") from None
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path.name} line {no}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise UserError(f"{path.name} line {no}: not JSON (nested too deeply)") from None
        if not isinstance(row, dict):
            raise UserError(f"{path.name} line {no}: not a JSON object")
        check_columns(path, list(row))
        yield no, without_lone_surrogates(row)


def check_columns(path: Path, columns: list[str]) -> None:
    if not any(k in columns for k in FILE_KEYS):
        raise UserError(f"{path.name}: no 'file' column naming the input file")
    if len([k for k in columns if k in FILE_KEYS]) > 1:
        raise UserError(f"{path.name}: more than one column naming the file ({', '.join(FILE_KEYS)})")
    if twice := sorted({k for k in columns if columns.count(k) > 1}):
        raise UserError(f"{path.name}: column {twice[0]!r} appears twice")
    unknown = sorted(set(columns) - set(FILE_KEYS) - set(VALUE_FIELDS))
    if unknown:
        raise UserError(f"{path.name}: unknown column {unknown[0]!r} (known: file, {', '.join(VALUE_FIELDS)})")


def load(root: Path) -> dict[str, Provided]:
    """{relative file path: provided values} from the folder's manifest, if it has one."""
    known: dict[str, Provided] = {}
    for name in SIDECARS:
        path = root / name
        if not path.is_file():
            continue
        rows = rows_csv(path) if name.endswith(".csv") else rows_jsonl(path)
        for no, row in rows:
            where = f"{name} {'row' if name.endswith('.csv') else 'line'} {no}"
            file = next((row[k].strip() for k in FILE_KEYS if isinstance(row.get(k), str)), "")
            if not file:
                raise UserError(f"{where}: the file column is empty")
            if file in known:
                raise UserError(f"{where}: {file} is listed twice")
            values = {k: v for k, v in row.items() if k in VALUE_FIELDS and v not in (None, "")}
            known[file] = clean_values(values, "manifest", where, strict=True)
            known[file]["_where"] = {"value": where, "source": "manifest"}
    return known


def missing_files(known: dict[str, Provided], seen: set[str]) -> Iterator[Doc]:
    for file, values in sorted(known.items()):
        if file not in seen:
            where = values["_where"]["value"]
            yield Doc(source_path=where.split()[0],
                      skip_reason=f"manifest_missing_file: {where} names {file}, which is not in the input folder")
