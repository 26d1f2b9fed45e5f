"""Read: bytes to text. Hash the source, refuse empty and binary files, detect encodings.

A byte-order mark decides first; then valid UTF-8 is taken as is (non-ASCII bytes that
happen to form valid UTF-8 are almost never another encoding); other bytes go to the
charset the HTTP response declared (WARC), then to an HTML ``charset`` declaration, then
to charset-normalizer, whose answer is recorded with how sure it was. The labels
"iso-8859-1"/"latin1"/"ascii" are read as windows-1252, as browsers do.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from charset_normalizer import CharsetMatch, from_bytes

from pipeline.doc import Doc, Quarantined
from pipeline.stage import Stage

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
# Text of any script has few C0 controls besides tab and newlines.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# WHATWG Encoding Standard: these labels mean windows-1252 on the web.
WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
               "ascii": "cp1252", "iso8859-1": "cp1252"}


# ASCII text with a backslash escape: a web page's encoding reads it unchanged.
ASCII_PROBE = b"<meta charset=x> 1+1 a\\x41\\n"


def web_encoding(name: str) -> bool:
    """Whether ``name`` is a Python codec a web page can be in: a text encoding that reads
    ASCII as ASCII. Not UTF-16/32 without a BOM (the Encoding Standard reads a declared
    "utf-16" as UTF-8), not "unicode_escape" (it rewrites backslashes), not UTF-7 (its "+"
    opens a shift, and browsers refuse it), not "undefined"."""
    try:
        info = codecs.lookup(name)
        return info._is_text_encoding and ASCII_PROBE.decode(name) == ASCII_PROBE.decode("ascii")
    except (LookupError, UnicodeError):
        return False


def try_declared(raw: bytes, label: str | None, confidence: float) -> tuple[str, str, float] | None:
    if not label:
        return None
    name = WEB_ALIASES.get(label.lower(), label.lower())
    if not web_encoding(name):
        return None  # detection decides, as for a page that declares nothing
    try:
        return raw.decode(name), name, confidence
    except (LookupError, UnicodeError):
        return None


def try_bom(raw: bytes, name: str) -> tuple[str, str, float] | None:
    try:
        return raw.decode(name), name, 1.0
    except UnicodeDecodeError:
        return None


def decode(raw: bytes, fmt: str, http_charset: str | None = None) -> tuple[str, str, float] | None:
    """(text, encoding, confidence), or None when no encoding yields text. Bytes that open
    with a byte order mark are read only in the encodings it names: FF FE 00 00 opens both
    UTF-32-LE's and UTF-16-LE's, so each is tried before the bytes are called undecodable."""
    boms = [name for bom, name in BOMS if raw.startswith(bom)]
    if boms:
        return next(filter(None, (try_bom(raw, name) for name in boms)), None)
    try:
        return raw.decode("utf-8"), "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    if from_http := try_declared(raw, http_charset, 0.95):
        return from_http
    declared = META_CHARSET.search(raw[:4096]) if fmt == "html" else None
    if declared and (from_meta := try_declared(raw, declared.group(1).decode("ascii", "replace"), 0.9)):
        return from_meta
    best = web_default(raw)
    if best is None:
        return None
    return str(best), best.encoding, round(max(0.0, 1.0 - best.chaos), 4)


# charset-normalizer ranks single-byte code pages by a few points of "coherence", and on short
# Western text picks Baltic cp775 or Central European cp1250 over windows-1252 ("a votķ mardi",
# "naďve"). windows-1252 is what browsers assume for an unlabelled Western page (the Encoding
# Standard), so it wins any near tie.
WEB_DEFAULT = "cp1252"
NEAR_TIE = 0.05  # of coherence, with no more chaos than the best


def web_default(raw: bytes) -> CharsetMatch | None:
    """charset-normalizer's best match, unless windows-1252 reads the bytes as well. On a short
    Western text its search may not even try windows-1252 and settle on a CJK code page that
    reads "für" as one ideograph ("f僡"), so windows-1252 is tried on its own too."""
    matches = from_bytes(raw)
    best = matches.best()
    if best is not None and best.encoding == WEB_DEFAULT:
        return best
    own = from_bytes(raw, cp_isolation=[WEB_DEFAULT]).best()
    if own is None or (best is not None and (own.chaos > best.chaos or own.coherence < best.coherence - NEAR_TIE)):
        return best
    return own


def looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if any(head.startswith(bom) for bom, _ in BOMS[1:]):
        return False
    return b"\x00" in head


# A text dump of one web page runs to a few thousand lines; the cleaner holds every line of a page
# with its features at once (about 5 KB a line), so a file of a million lines is no page but many,
# and would take gigabytes and minutes.
MAX_TEXT_LINES = 100_000


class Read(Stage):
    name = "read"

    def process_doc(self, doc: Doc) -> Quarantined | None:
        if doc.skip_reason:
            reason, _, detail = doc.skip_reason.partition(": ")
            return self.quarantine(doc, reason, detail or reason)
        doc.source_bytes = len(doc.raw)
        doc.source_sha256 = doc.source_sha256 or sha256_hex(doc.raw)
        doc.id = doc.id or doc.source_sha256[:16]
        if not doc.raw.strip():
            return self.quarantine(doc, "empty", f"{doc.source_bytes} bytes, no text")
        if looks_binary(doc.raw):
            return self.quarantine(doc, "binary", "NUL bytes in the first 8 KiB")
        is_html = doc.source_format == "html" or doc.hints.get("markup") == "html"
        decoded = decode(doc.raw, "html" if is_html else "txt", doc.hints.get("http_charset"))
        if decoded is None:
            return self.quarantine(doc, "undecodable", "no encoding fits these bytes")
        text, doc.encoding, doc.encoding_confidence = decoded
        if len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
            return self.quarantine(doc, "binary", f"control characters after decoding as {doc.encoding}")
        if not is_html and (lines := text.count("\n") + 1) > MAX_TEXT_LINES:
            return self.quarantine(doc, "too_large", f"{lines:,} lines; a page has at most {MAX_TEXT_LINES:,} "
                                   "(a file of many pages? split it, or make it a .jsonl of one page a line)")
        if is_html:
            doc.html = text
        else:
            doc.text = text
        doc.raw = b""  # the bytes are hashed; holding them would only cost memory
        return None
