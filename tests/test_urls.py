"""URLs are read without raising: a malformed one is no URL."""

from __future__ import annotations

import pytest

from pipeline import urls


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1/news/2024/07/24/a", None, "", "not a url"])
def test_a_malformed_or_missing_url_has_no_host(url: str | None) -> None:
    assert urls.host(url) == ""


def test_a_url_gives_its_lower_cased_host_and_parts() -> None:
    assert urls.host(" https://WWW.Example.org:8080/a?b=1 ") == "www.example.org"
    parts = urls.split("https://example.org/2024/07/24/story?x=1")
    assert parts is not None and parts.path == "/2024/07/24/story" and parts.query == "x=1"
    assert urls.split("http://[::1") is None
