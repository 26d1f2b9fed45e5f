"""Readers: turn an input folder into a lazy, deterministic stream of ``Doc``.

Files are walked in sorted order so two builds see the same sequence. Every input unit
yields at least one ``Doc``: units we cannot use (a file in an unknown format, a WARC
record that is not an HTML page, a JSONL line that is not JSON) yield one with
``skip_reason`` set, so the read stage can quarantine them and nothing disappears.

- ``.txt``/``.html``: one page per file;
- ``.warc``/``.warc.gz`` (read with warcio): one page per HTML response record, with its
  target URI and crawl date as provided values. ``warcinfo``, ``request`` and
  ``metadata`` records describe the crawl rather than hold pages and are passed over;
  every other record that is not an HTML page becomes a quarantine entry;
- ``.jsonl``: one page per line, ``{"text"|"html": …, "url", "outlet", "date", …}``;
- ``manifest.csv``/``manifest.jsonl`` at the top of the folder: known values per file
  (see ``pipeline.manifest``).

Links to folders are followed; what is not a regular file (a named pipe, a device, a folder
already read by another path) is accounted for as ``not_a_file``, never read.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline import manifest
from pipeline.doc import Doc
from pipeline.errors import first_line

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".jsonl": "jsonl", ".warc": "warc"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
# WARC records that describe the crawl (not pages): read past them without a quarantine entry.
CRAWL_RECORDS = {"warcinfo", "request", "metadata"}
WARC_TYPES = CRAWL_RECORDS | {"response", "resource", "revisit", "conversion", "continuation"}
JSONL_VALUES = {"url": "url", "outlet": "outlet", "date": "date_published", "date_published": "date_published",
                "title": "title", "authors": "authors", "license": "license", "crawl_date": "crawl_date"}


def walk_files(root: Path) -> Iterator[Path]:
    """All files below ``root``, in a stable order (sorted per directory). Links to folders
    are followed (a corpus assembled from links to other disks is common); a link back to a
    folder already walked (a loop, or a second link to one) is yielded itself, for
    ``read_file`` to account for, instead of being walked again."""
    walked = {os.path.realpath(root)}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames.sort()
        again = [d for d in dirnames if os.path.realpath(os.path.join(dirpath, d)) in walked]
        dirnames[:] = [d for d in dirnames if d not in again]
        walked.update(os.path.realpath(os.path.join(dirpath, d)) for d in dirnames)
        for name in sorted([*filenames, *again]):
            yield Path(dirpath) / name


def input_files(root: Path) -> Iterator[Path]:
    return (p for p in walk_files(root) if not (p.parent == root and p.name in manifest.SIDECARS))


MULTI_PAGE = {"warc", "jsonl"}  # one file, many pages


def known_pages(files: list[Path]) -> int | None:
    """How many pages these input files hold, if known without reading them: one per file,
    unless a WARC or JSON Lines file holds an unknown number (None)."""
    return None if any(format_of(f) in MULTI_PAGE for f in files) else len(files)


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(path.suffix.lower())


def read_sources(root: Path) -> Iterator[Doc]:
    known = manifest.load(root)
    seen: set[str] = set()
    for path in input_files(root):
        rel = printable(path.relative_to(root).as_posix())
        seen.add(rel)
        pages = 0
        for doc in read_file(path, rel):
            manifest.apply(doc, known.get(rel))
            pages += 1
            yield doc
        if not pages:  # a file that holds no page (an empty JSONL file) is still accounted for
            yield Doc(source_path=rel, skip_reason="no_pages: the file holds no page")
    yield from manifest.missing_files(known, seen)


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 "caf\\xe9.txt" from an old
    archive) are written as escapes, since a record's JSON and Arrow strings cannot hold them."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_file(path: Path, rel: str) -> Iterator[Doc]:
    fmt = format_of(path)
    if (kind := not_a_file(path)) is not None:
        yield Doc(source_path=rel, skip_reason=f"not_a_file: {kind}")
    elif fmt is None:
        yield Doc(source_path=rel, skip_reason=f"unsupported_format: {path.suffix or 'no extension'}")
    elif fmt == "warc":
        yield from read_warc(path, rel)
    elif fmt == "jsonl":
        yield from read_jsonl(path, rel)
    else:
        try:
            yield Doc(source_path=rel, raw=path.read_bytes(), source_format=fmt)
        except OSError as exc:
            yield Doc(source_path=rel, skip_reason=f"unreadable: {exc.strerror}")


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file: reading a named pipe would wait for
    ever, a device (a link to /dev/zero) would never end."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a dangling link: reading it reports the error
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder already read by another path (a link to it, or a loop)"
    return "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"


# --- WARC -----------------------------------------------------------------------------


def http_content_type(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or record.rec_headers.get_header("Content-Type") or "").strip()


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'").lower()
    return None


def looks_like_html(payload: bytes) -> bool:
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def warc_doc(record: Any, payload: bytes, rel: str, offset: int) -> Doc | None:
    kind = record.rec_type
    if kind in CRAWL_RECORDS:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{rel}#offset={offset}"
    if kind != "response" and kind != "resource":
        return Doc(source_path=where, skip_reason=f"non_html_record: {kind} record for {uri or 'no URI'}")
    status = record.http_headers.get_statuscode() if record.http_headers is not None else "200"
    content_type = http_content_type(record)
    mime = content_type.split(";")[0].strip().lower()
    if not status.startswith("2"):
        return Doc(source_path=where, skip_reason=f"http_error: status {status} for {uri}")
    if mime not in HTML_TYPES and not (not mime and looks_like_html(payload)):
        return Doc(source_path=where, skip_reason=f"non_html_record: {mime or 'no content type'} at {uri}")
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    doc = Doc(source_path=where, raw=payload, source_format="warc", crawl_date=crawled)
    doc.hints["markup"] = "html"
    if charset := charset_of(content_type):
        doc.hints["http_charset"] = charset
    provided = doc.hints["provided"] = {}
    if uri.startswith(("http://", "https://")):
        provided["url"] = {"value": uri, "source": "warc", "snippet": f"WARC-Target-URI: {uri}"}
    if crawled:
        warc_date = record.rec_headers.get_header("WARC-Date")
        provided["crawl_date"] = {"value": crawled, "source": "warc", "snippet": f"WARC-Date: {warc_date}"}
    return doc


def read_warc(path: Path, rel: str) -> Iterator[Doc]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = yielded = 0
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.format != "warc" or record.rec_type not in WARC_TYPES:
                    raise ValueError(f"no WARC record at offset {records.get_record_offset()}")
                seen += 1
                # The payload is read before asking the offset: asking first leaves the stream empty.
                payload = record.content_stream().read() if record.rec_type in ("response", "resource") else b""
                doc = warc_doc(record, payload, rel, records.get_record_offset())
                if doc is not None:
                    yielded += 1
                    yield doc
        if not yielded:  # the file must still be accounted for: an empty or cut-off one reads as no records
            yield Doc(source_path=rel, skip_reason=no_pages_reason(seen))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        # Records read before the damage are kept; the rest of the file is reported.
        yield Doc(source_path=rel, skip_reason=f"unreadable_warc: {first_line(exc)}")
    except Exception as exc:  # warcio fails on some damage with its own errors (AttributeError …)
        yield Doc(source_path=rel, skip_reason=f"unreadable_warc: {type(exc).__name__}: {first_line(exc)}")


def no_pages_reason(records: int) -> str:
    if records:
        return f"no_pages: {records} WARC record{'s' * (records != 1)}, none a page"
    return "unreadable_warc: no WARC record in the file (empty or cut off)"


# --- JSON Lines ---------------------------------------------------------------------


def jsonl_doc(line: str, rel: str, no: int) -> Doc | None:
    where = f"{rel}#L{no}"
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Doc(source_path=where, skip_reason=f"invalid_jsonl_line: line {no} is not JSON ({exc.msg})")
    except RecursionError:  # the decoder recurses per level of nesting
        return Doc(source_path=where, skip_reason=f"invalid_jsonl_line: line {no} is nested too deeply")
    if not isinstance(row, dict):
        return Doc(source_path=where, skip_reason=f"invalid_jsonl_line: line {no} is not a JSON object")
    clean = manifest.without_lone_surrogates(row)
    repaired, row = clean != row, clean
    html, text = row.get("html"), row.get("text")
    content = html if isinstance(html, str) and html.strip() else text if isinstance(text, str) else None
    if not content or not content.strip():
        return Doc(source_path=where, skip_reason=f"no_content: line {no} has neither \"text\" nor \"html\"")
    doc = Doc(source_path=where, raw=content.encode("utf-8"), source_format="jsonl")
    if repaired:  # audited with the repair stage's own steps
        doc.repairs.append(SURROGATES_STEP)
    doc.hints["markup"] = "html" if content is html else "text"
    values = {JSONL_VALUES[k]: v for k, v in row.items() if k in JSONL_VALUES and v}
    manifest.apply(doc, manifest.clean_values(values, "jsonl", f"line {no}"))
    return doc


SURROGATES_STEP = "apply:replace_lone_surrogates"


def read_jsonl(path: Path, rel: str) -> Iterator[Doc]:
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:  # as manifest.csv, a BOM is allowed
            for no, line in enumerate(fh, start=1):
                doc = jsonl_doc(line, rel, no)
                if doc is not None:
                    yield doc
    except OSError as exc:
        yield Doc(source_path=rel, skip_reason=f"unreadable: {exc.strerror}")
