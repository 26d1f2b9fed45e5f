"""Readers: WARC records, JSON Lines and the manifest sidecar become Docs; nothing is lost."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import datasets
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.build import build
from pipeline.config import Config
from pipeline.errors import UserError
from pipeline.readers import input_files, known_pages, read_sources

BODY = "The council met on Monday to discuss the budget for schools, roads and parks in the district. " * 4


def page(title: str) -> bytes:
    return (f"<html><head><title>{title} | Gazette</title></head><body><article><h1>{title}</h1>"
            f"<p>{title}: {BODY}</p></article></body></html>").encode()


def write_warc(path: Path) -> None:
    """3 HTML responses, a PDF response and a request record, written by warcio."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(3):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/news/{n}", "response", payload=io.BytesIO(page(f"Story number {n}")),
                http_headers=http, warc_headers_dict={"WARC-Date": f"2024-05-0{n + 1}T10:00:00Z"}))
        pdf = StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/report.pdf", "response", payload=io.BytesIO(b"%PDF-1.4 ..."), http_headers=pdf))
        request = StatusAndHeaders("GET /news/0 HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://example.org/news/0", "request", payload=io.BytesIO(b""), http_headers=request))


def test_warc_gives_one_page_per_html_record_and_quarantines_the_rest(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    write_warc(pages / "crawl.warc.gz")
    summary = build(Config(name="warc-test"), pages, tmp_path / "dist", progress=False)
    rows = list(datasets.load_from_disk(str(summary.release))["train"])
    assert sorted(r["url"] for r in rows) == [f"https://example.org/news/{n}" for n in range(3)]
    assert sorted(r["crawl_date"] for r in rows) == ["2024-05-01", "2024-05-02", "2024-05-03"]
    assert all(r["source_format"] == "warc" and r["source_path"].startswith("crawl.warc.gz#offset=") for r in rows)
    url_evidence = [e for r in rows for e in r["evidence"] if e["field"] == "url" and e["selected"]]
    assert {e["method"] for e in url_evidence} == {"provided:warc"}
    crawl_evidence = [e for r in rows for e in r["evidence"] if e["field"] == "crawl_date" and e["selected"]]
    assert len(crawl_evidence) == 3 and crawl_evidence[0]["snippet"].startswith("WARC-Date: 2024-05-0")
    assert summary.quarantined == {"non_html_record": 1}
    quarantine = list(datasets.load_from_disk(str(summary.release / "quarantine")))
    assert "application/pdf" in quarantine[0]["detail"] and "report.pdf" in quarantine[0]["detail"]


def test_known_pages_is_files_unless_a_file_holds_many_pages(tmp_path: Path) -> None:
    for name in ("a.txt", "b.html"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    assert known_pages(list(input_files(tmp_path))) == 2
    write_warc(tmp_path / "crawl.warc.gz")
    assert known_pages(list(input_files(tmp_path))) is None  # the progress bar then counts pages without a total


def test_damaged_warc_is_quarantined_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage that is not gzip")
    (doc,) = list(read_sources(tmp_path))
    assert doc.skip_reason.startswith("unreadable_warc")


def test_a_warc_without_pages_is_still_accounted_for(tmp_path: Path) -> None:
    write_warc(tmp_path / "whole.warc.gz")
    # a download cut off inside its first record's compressed header
    (tmp_path / "cut.warc.gz").write_bytes((tmp_path / "whole.warc.gz").read_bytes()[:12])
    (tmp_path / "empty.warc").write_bytes(b"")
    with (tmp_path / "info.warc.gz").open("wb") as fh:  # a crawl's log: no page in it
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("info.warc.gz", {"software": "test"}))
    (tmp_path / "whole.warc.gz").unlink()
    reasons = {doc.source_path: doc.skip_reason for doc in read_sources(tmp_path)}
    assert reasons == {"cut.warc.gz": "unreadable_warc: no WARC record in the file (empty or cut off)",
                       "empty.warc": "unreadable_warc: no WARC record in the file (empty or cut off)",
                       "info.warc.gz": "no_pages: 1 WARC record, none a page"}


def test_a_jsonl_file_without_a_page_is_still_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (doc,) = list(read_sources(tmp_path))
    assert (doc.source_path, doc.skip_reason) == ("empty.jsonl", "no_pages: the file holds no page")


def test_a_file_name_that_is_not_utf8_is_escaped_and_built(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / os.fsdecode(b"caf\xe9 budget.txt")).write_text(f"Council budget\n\n{BODY}\n\n{BODY}", encoding="utf-8")
    summary = build(Config(name="names-test"), pages, tmp_path / "dist", progress=False)
    (row,) = datasets.load_from_disk(str(summary.release))["train"]
    assert row["source_path"] == "caf\\xe9 budget.txt"


def test_a_lone_surrogate_escaped_in_jsonl_becomes_a_replacement_character(tmp_path: Path) -> None:
    # "\ud800" is valid JSON but no character: encoding it for the record raised UnicodeEncodeError
    (tmp_path / "a.jsonl").write_text('{"text": "Council \\ud800 budget", "title": "Budget \\udfff"}\n',
                                      encoding="utf-8")
    (doc,) = list(read_sources(tmp_path))
    assert doc.raw.decode("utf-8") == "Council \ufffd budget"
    assert doc.repairs == ["apply:replace_lone_surrogates"]
    assert doc.hints["provided"]["title"]["value"] == "Budget \ufffd"


def provided_by(tmp_path: Path, manifest: str, content: str) -> dict:
    """The provided values the one page a.txt gets from a manifest file holding ``content``."""
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / manifest).write_text(content, encoding="utf-8")
    (doc,) = list(read_sources(tmp_path))
    return doc.hints["provided"]


def test_a_lone_surrogate_in_the_manifest_becomes_a_replacement_character(tmp_path: Path) -> None:
    provided = provided_by(tmp_path, "manifest.jsonl", '{"file": "a.txt", "title": "Budget \\ud800 vote"}\n')
    assert provided["title"]["value"] == "Budget \ufffd vote"


def test_a_warc_record_warcio_fails_on_is_quarantined(tmp_path: Path) -> None:
    # a response record without a WARC-Target-URI: warcio raises AttributeError on it
    (tmp_path / "odd.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nshort")
    (doc,) = list(read_sources(tmp_path))
    assert doc.skip_reason.startswith("unreadable_warc: AttributeError")


def test_jsonl_lines_become_pages_and_bad_lines_are_accounted_for(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Some text of a page.", "url": "https://a.example/x", "date": "2024-07-24",
                    "outlet": "A Paper"}),
        "{not json",
        json.dumps({"url": "https://a.example/y"}),
        "",
        json.dumps({"html": "<html><body><p>Hi</p></body></html>", "date": "last week"}),
        json.dumps(["a", "list"]),
    ]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_sources(tmp_path))
    assert [d.source_path for d in docs] == [f"pages.jsonl#L{n}" for n in (1, 2, 3, 5, 6)]
    good, bad_json, no_content, html, not_object = docs
    assert good.hints["markup"] == "text" and good.raw == b"Some text of a page."
    assert good.hints["provided"]["date_published"]["value"] == "2024-07-24"
    assert good.hints["provided"]["outlet"]["value"] == "A Paper"
    assert bad_json.skip_reason.startswith("invalid_jsonl_line: line 2")
    assert no_content.skip_reason.startswith("no_content: line 3")
    assert html.hints["markup"] == "html" and html.hints["provided"]["date_published"]["value"] is None
    assert not_object.skip_reason.startswith("invalid_jsonl_line")


def test_manifest_values_are_attached_and_a_missing_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,url,outlet,date_published,license,crawl_date\n"
        "a.txt,https://gazette.example/a,Gazette,2024-07-24,CC-BY-4.0,2024-07-25\n"
        "gone.txt,,,,,\n", encoding="utf-8")
    docs = list(read_sources(tmp_path))
    assert [d.source_path for d in docs] == ["a.txt", "manifest.csv"]
    a, missing = docs
    assert a.hints["provided"]["url"]["value"] == "https://gazette.example/a"
    assert (a.license, a.crawl_date) == ("CC-BY-4.0", "2024-07-25")
    assert missing.skip_reason.startswith("manifest_missing_file: manifest.csv row 3 names gone.txt")


@pytest.mark.parametrize(("text", "message"), [
    ("url\nhttps://x.example\n", "no 'file' column"),
    ("file,date_published\na.txt,yesterday\n", "is not a date"),
    ("file,publisher\na.txt,X\n", "unknown column 'publisher'"),
    ("file,url\na.txt,https://x.example,extra\n", "more values than columns"),
    ("file,url\na.txt,http://[::1\n", "is not an http"),  # urlsplit raises on the unclosed bracket
])
def test_malformed_manifest_is_one_user_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        list(read_sources(tmp_path))


def test_manifest_jsonl_and_nested_manifest_is_an_input(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "manifest.csv").write_text("file\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"file": "a.txt", "authors": ["Jane Doe"]}) + "\n",
                                            encoding="utf-8")
    docs = list(read_sources(tmp_path))
    assert docs[0].hints["provided"]["authors"]["value"] == "Jane Doe"
    assert docs[1].source_path == "sub/manifest.csv" and docs[1].skip_reason.startswith("unsupported_format")


def test_a_linked_folder_is_read_and_a_link_loop_is_accounted_for(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(BODY, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "more").symlink_to(tmp_path / "elsewhere")
    (pages / "loop").symlink_to(pages)
    docs = {d.source_path: d for d in read_sources(pages)}
    assert set(docs) == {"loop", "more/a.txt"}
    assert docs["more/a.txt"].raw == BODY.encode()
    assert docs["loop"].skip_reason.startswith("not_a_file: a folder already read")


def test_a_named_pipe_is_quarantined_not_read_for_ever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (doc,) = list(read_sources(tmp_path))
    assert doc.skip_reason == "not_a_file: a named pipe"


def test_jsonl_nested_too_deeply_and_a_bom_are_handled(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Page one."}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n",
                                      encoding="utf-8-sig")
    first, deep = read_sources(tmp_path)
    assert first.raw == b"Page one."  # the BOM did not cost the first line
    assert deep.skip_reason == "invalid_jsonl_line: line 2 is nested too deeply"


def test_values_that_are_not_text_are_nulls_with_evidence_never_reprs(tmp_path: Path) -> None:
    row = {"text": "Some text.", "authors": [1, None], "outlet": {"name": "X"}, "license": True, "title": ["A", "B"]}
    (tmp_path / "a.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = list(read_sources(tmp_path))
    provided = doc.hints["provided"]
    assert {f: provided[f]["value"] for f in ("authors", "outlet", "license", "title")} == dict.fromkeys(
        ("authors", "outlet", "license", "title"))
    assert provided["outlet"]["snippet"].endswith('outlet={"name": "X"} (is not text)') and doc.license is None


def test_manifest_authors_are_split_on_semicolons(tmp_path: Path) -> None:
    provided = provided_by(tmp_path, "manifest.csv", "file,authors\na.txt,Jane Doe;John Roe ; \n")
    assert provided["authors"]["value"] == "Jane Doe; John Roe"


def test_a_manifest_jsonl_string_may_hold_a_line_separator(tmp_path: Path) -> None:
    row = json.dumps({"file": "a.txt", "title": "Budget vote\u2028City"}, ensure_ascii=False)
    assert provided_by(tmp_path, "manifest.jsonl", row + "\n")["title"]["value"] == "Budget vote\u2028City"


@pytest.mark.parametrize(("text", "message"), [
    ("file,outlet,outlet\na.txt,X,Y\n", "column 'outlet' appears twice"),
    ("file,path,outlet\na.txt,a.txt,X\n", "more than one column naming the file"),
    ('file,outlet\na.txt,"Gazette\n', "malformed CSV"),
    ("file,outlet\na.txt,Gaz\x00ette\n", "holds a control character"),
])
def test_more_malformed_manifests_are_one_user_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        list(read_sources(tmp_path))


def test_a_manifest_value_that_is_not_text_is_one_user_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps({"file": "a.txt", "outlet": {"a": 1}}) + "\n")
    with pytest.raises(UserError, match="outlet is not text"):
        list(read_sources(tmp_path))
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.txt", "title": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    with pytest.raises(UserError, match="nested too deeply"):
        list(read_sources(tmp_path))
