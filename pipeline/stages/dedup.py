"""Dedup: exact duplicates of the cleaned text go to quarantine as ``duplicate_of``.

Keys are text hashes (whitespace folded), so memory holds 16 bytes per kept record,
not the texts. The first record in input order is kept, so the choice is reproducible.
A record with the id of a kept one is a duplicate too: ids are hashes of the input bytes,
and the same bytes read as HTML in one file and as text in another clean to two texts
(two records with one id would make ``inspect`` and ``diff`` ambiguous).
"""

from __future__ import annotations

import hashlib

from pipeline.doc import Doc, Quarantined
from pipeline.stage import Stage


def text_key(text: str) -> bytes:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).digest()[:16]


class Dedup(Stage):
    name = "dedup"

    def __init__(self) -> None:
        self.seen: dict[bytes, str] = {}  # text key -> id of the kept record
        self.kept_files: dict[str, str] = {}  # id -> the kept record's file

    def process_doc(self, doc: Doc) -> Quarantined | None:
        key = text_key(doc.text)
        if key in self.seen:
            kept_id = self.seen[key]
            return self.quarantine(doc, "duplicate", f"same text as {kept_id}", duplicate_of=kept_id)
        if doc.id in self.kept_files:  # the id is the kept record's too: name the file it came from
            return self.quarantine(doc, "duplicate", f"same input bytes as {self.kept_files[doc.id]}",
                                   duplicate_of=doc.id)
        self.seen[key], self.kept_files[doc.id] = doc.id, doc.source_path
        return None
