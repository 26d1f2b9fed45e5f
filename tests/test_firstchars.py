import re

import pytest

from pipeline import firstchars
from pipeline.firstchars import ASCII, FirstCharIndex, opening_chars

PATTERNS = [
    r"^share\b", r"^(estimated\s+)?(reading|read)\s*time", r"^\W*(back|scroll) to top",
    r"^[←«‹<]?\s*(previous|next) post",
    r"^(\d+\s+)?comments?$", r"^\d+\s*min read$", r"^(©|\(c\)|copyright\b)", r"^[\W_]{1,3}$", r"^(?=tag)tags?:",
    r"^ſkip to", r"^(?-i:NULL)$", r"^(?:a|b)*+c", r"^x{0}y", r"^[^a-z]+$", r"^(?>ab|cd)",
]
# Texts opening with every ASCII character, and with the words the patterns above expect.
OPENINGS = [*ASCII, "Share", "share this", "Estimated reading time 4 min", "  Back to top", "↑ Back to top",
            "« Previous post", "12 comments", "3 min read", "© 2024", "(c) Gazette", "...", "--", "tags: x",
            "Tag: y", "Skip to content", "NULL", "null", "aabc", "c", "y", "12", "abab", "aa", "KKK"]
TEXTS = [first + rest for first in OPENINGS for rest in ("", "hare", "ack to top", " comments", "ags:", "ULL")]


@pytest.mark.parametrize("pattern", [*PATTERNS, r"^(a)\1"])  # a back-reference: not combined below
@pytest.mark.parametrize("flags", [0, re.I])
def test_every_match_opens_with_a_character_of_the_set(pattern: str, flags: int) -> None:
    chars = opening_chars(pattern, flags)
    for text in TEXTS:
        if re.match(pattern, text, flags) and text[0].isascii() and chars is not None:
            assert text[0] in chars, (pattern, text)


def test_the_sets_are_narrow_where_the_expression_says_so() -> None:
    assert opening_chars(r"^share\b") == {"s"}
    assert opening_chars(r"^share\b", re.I) == {"s", "S"}
    assert opening_chars(r"^\d+ min", re.I) == set("0123456789")
    assert opening_chars(r"^(?=tag)tags?:", re.I) == {"t", "T"}
    assert {"b", "B", " ", "(", "-"} <= opening_chars(r"^\W*back", re.I) and "a" not in opening_chars(r"^\W*back", re.I)
    assert opening_chars(r"^(?-i:NULL)$", re.I) == {"N"}


def test_an_expression_that_may_match_nothing_opens_with_anything() -> None:
    assert opening_chars(r"^(share)?") is None
    assert opening_chars(r"^x{0}") is None
    assert opening_chars(r"^(a)\1") is not None  # the group comes first
    assert opening_chars(r"^.x") is None


def test_a_non_ascii_letter_that_matches_an_ascii_one_counts() -> None:
    assert "s" in opening_chars(r"^ſkip", re.I) and "k" in opening_chars(r"^\u212aey", re.I)
    assert opening_chars(r"^ſkip") == frozenset()  # without re.I it opens only with "ſ", not ASCII


def test_the_index_answers_as_the_whole_expression() -> None:
    index = FirstCharIndex(PATTERNS, re.I)
    whole = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)
    for text in [*TEXTS, "", "Ünder", "ſkip to", "Éditorial"]:
        assert (index.match(text) is None) == (whole.match(text) is None), text


def test_the_index_tries_only_what_can_open_with_the_character() -> None:
    index = FirstCharIndex([r"^share", r"^tags?:", r"^\W+$"], re.I)
    assert index.by_char["T"].pattern == r"(?:^tags?:)"
    assert index.by_char["q"].pattern == "(?!)"
    assert index.by_char["-"].pattern == r"(?:^\W+$)"


def test_without_the_parser_every_alternative_is_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(firstchars, "sre_parse", None)
    index = FirstCharIndex([r"^share", r"^tags?:"], re.I)
    assert opening_chars(r"^share") is None and index.by_char["q"].pattern == index.everything.pattern
    assert index.match("Tags: x") and index.match("share") and not index.match("quiet")
