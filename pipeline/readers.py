"""Readers: turn an input folder into a lazy, deterministic stream of ``Doc``.

Files are walked in sorted order so two builds see the same sequence. Every file
yields at least one ``Doc``: files in formats we cannot read yield one with
``skip_reason`` set, so the read stage can quarantine them and nothing disappears.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.doc import Doc

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html"}
# Sidecar files that describe the inputs rather than being inputs themselves.
SIDECARS = {"manifest.csv", "manifest.jsonl"}


def walk_files(root: Path) -> Iterator[Path]:
    """All files below ``root``, in a stable order (sorted per directory)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath) / name


def input_files(root: Path) -> Iterator[Path]:
    return (p for p in walk_files(root) if p.name not in SIDECARS)


def count_inputs(root: Path) -> int:
    return sum(1 for _ in input_files(root))


def read_sources(root: Path) -> Iterator[Doc]:
    for path in input_files(root):
        rel = path.relative_to(root).as_posix()
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            yield Doc(source_path=rel, skip_reason=f"unsupported_format: {path.suffix or 'no extension'}")
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield Doc(source_path=rel, skip_reason=f"unreadable: {exc.strerror}")
            continue
        yield Doc(source_path=rel, raw=raw, source_format=fmt)
