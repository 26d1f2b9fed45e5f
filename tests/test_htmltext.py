"""HTML main text: trafilatura, and the fallbacks when its answer is implausible."""

from __future__ import annotations

import pytest

from pipeline.htmltext import main_text

BODY = "".join(f"<p>The council voted on Tuesday to approve budget number {n} for the libraries of the region.</p>"
               for n in range(6))


@pytest.mark.parametrize("depth", [300, 1000])
def test_an_article_nested_past_the_parsers_limit_is_still_found(depth: int) -> None:
    # libxml2 stops at 256 nested elements: without huge_tree the body parses empty
    html = f"<html><body>{'<div>' * depth}<article>{BODY}</article>{'</div>' * depth}</body></html>"
    extracted = main_text(html)
    assert extracted.method == "trafilatura-deep-parse"
    assert "budget number 5" in extracted.text


def test_a_shallow_page_uses_trafilatura_itself() -> None:
    extracted = main_text(f"<html><body><article>{BODY}</article></body></html>")
    assert extracted.method == "trafilatura" and "budget number 0" in extracted.text
