from __future__ import annotations

import codecs

import pytest

from pipeline.doc import Doc
from pipeline.stages.read import Read


def read(raw: bytes, fmt: str = "txt") -> Doc:
    doc = Doc(source_path=f"page.{fmt}", raw=raw, source_format=fmt)
    assert Read().process_doc(doc) is None
    return doc


def test_utf8_is_hashed_and_identified() -> None:
    doc = read("Grüße aus Köln".encode())
    assert (doc.text, doc.encoding, doc.encoding_confidence) == ("Grüße aus Köln", "utf-8", 1.0)
    assert len(doc.source_sha256) == 64 and doc.id == doc.source_sha256[:16] and doc.source_bytes == 17


def test_utf16_with_bom_is_not_binary() -> None:
    doc = read(codecs.BOM_UTF16_LE + "Hello world".encode("utf-16-le"))
    assert doc.text == "Hello world"


def test_utf16_text_opening_with_a_nul_is_not_read_as_utf32() -> None:
    text = "\x00" + "Hello world. " * 20  # FF FE 00 00: UTF-32-LE's byte order mark too
    doc = read(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert (doc.text, doc.encoding) == (text, "utf-16")


def test_bytes_its_byte_order_mark_cannot_read_are_undecodable() -> None:
    outcome = Read().process_doc(Doc(source_path="x.txt", raw=codecs.BOM_UTF32_LE + b"garbage"))
    assert outcome is not None and outcome.reason == "undecodable"


def test_html_meta_charset_is_used() -> None:
    html = '<html><head><meta charset="iso-8859-15"></head><body>Prix: 10 €</body></html>'.encode("iso-8859-15")
    doc = read(html, "html")
    assert doc.encoding == "iso-8859-15" and "10 €" in (doc.html or "")


@pytest.mark.parametrize(("raw", "reason"), [(b"", "empty"), (b"  \n\t", "empty"), (b"ab\x00\x01cd" * 10, "binary")])
def test_unusable_bytes_are_quarantined(raw: bytes, reason: str) -> None:
    outcome = Read().process_doc(Doc(source_path="x.txt", raw=raw))
    assert outcome is not None and outcome.reason == reason


def test_reader_skip_reason_becomes_quarantine() -> None:
    outcome = Read().process_doc(Doc(source_path="a.pdf", skip_reason="unsupported_format: .pdf"))
    assert outcome is not None and (outcome.reason, outcome.detail) == ("unsupported_format", ".pdf")


def test_http_charset_is_used_before_detection() -> None:
    raw = "<html><body><p>Prix: 10 € — café</p></body></html>".encode("cp1252")
    doc = Doc(source_path="c.warc#offset=0", raw=raw, source_format="warc")
    doc.hints.update(markup="html", http_charset="iso-8859-1")  # read as windows-1252, as browsers do
    assert Read().process_doc(doc) is None
    assert doc.encoding == "cp1252" and "10 € — café" in (doc.html or "")


def test_jsonl_text_stays_text() -> None:
    doc = Doc(source_path="p.jsonl#L1", raw=b"Plain text", source_format="jsonl")
    doc.hints["markup"] = "text"
    assert Read().process_doc(doc) is None
    assert doc.text == "Plain text" and doc.html is None


@pytest.mark.parametrize("label", ["utf-16", "undefined", "unicode_escape"])
def test_a_declared_charset_no_web_page_uses_is_left_to_detection(label: str) -> None:
    body = "<p>Café owners agree the new budget is fair to every district of the city.</p>" * 3
    raw = f'<html><head><meta charset="{label}"><title>Café</title></head><body>{body}\\x41</body></html>'
    raw += " " * (len(raw) % 2)  # an even length: UTF-16 then decodes, into nonsense
    doc = read(raw.encode("cp1252"), "html")
    assert "Café owners agree" in (doc.html or "") and "\\x41" in (doc.html or "")
    assert doc.encoding != label


def test_a_text_file_of_more_lines_than_any_page_is_quarantined_as_too_large() -> None:
    outcome = Read().process_doc(Doc(source_path="all.txt", raw=b"line 1 minister\n" * 100_001))
    assert outcome is not None and outcome.reason == "too_large" and outcome.detail.startswith("100,002 lines")
    assert read(b"line 1 minister\n" * 1000).text  # an ordinary dump is read


@pytest.mark.parametrize("text", [
    "Le conseil municipal a voté mardi soir le nouveau budget. Il prévoit la création de trois écoles, "
    "la rénovation du théâtre et une aide aux élèves, a précisé la mairie.",
    "Der Gemeinderat hat am Dienstag den Haushalt für das nächste Jahr beschlossen. Größere Schulen.",
    "A naïve “quote” — it costs £4, said the café’s owner.",
])
def test_unlabelled_western_text_is_read_as_windows_1252(text: str) -> None:
    # charset-normalizer alone read these as Baltic cp775 ("votķ"), cp1250 ("naďve") or a CJK code page
    doc = read(text.encode("cp1252"))
    assert doc.text == text and doc.encoding == "cp1252"


def test_central_european_text_keeps_its_own_code_page() -> None:
    text = "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig. Rada miasta przyjęła budżet na przyszły rok."
    assert read(text.encode("cp1250")).text == text
