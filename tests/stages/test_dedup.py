from __future__ import annotations

from pipeline.doc import Doc
from pipeline.stages.dedup import Dedup


def test_exact_duplicates_point_at_the_kept_record() -> None:
    docs = [Doc(source_path="a.txt", id="a", text="Same  text."), Doc(source_path="b.txt", id="b", text="Other."),
            Doc(source_path="c.txt", id="c", text="Same text.")]
    result = Dedup().process(docs)
    assert [d.id for d in result.docs] == ["a", "b"]
    (dup,) = result.quarantined
    assert (dup.source_path, dup.reason, dup.duplicate_of) == ("c.txt", "duplicate", "a")


def test_duplicates_are_found_across_batches() -> None:
    stage = Dedup()
    stage.process([Doc(source_path="a.txt", id="a", text="Same text.")])
    assert stage.process([Doc(source_path="b.txt", id="b", text="Same text.")]).quarantined


def test_the_same_input_bytes_read_two_ways_are_one_record() -> None:
    # page.html and page.txt with one content: two cleaned texts, one id (the hash of the bytes)
    docs = [Doc(source_path="page.html", id="x", text="Cleaned from HTML."),
            Doc(source_path="page.txt", id="x", text="<p>Cleaned from HTML.</p>")]
    result = Dedup().process(docs)
    (dup,) = result.quarantined
    assert [d.source_path for d in result.docs] == ["page.html"]
    assert (dup.source_path, dup.detail) == ("page.txt", "same input bytes as page.html")
