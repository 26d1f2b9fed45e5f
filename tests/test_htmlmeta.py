from __future__ import annotations

from pipeline.htmlmeta import printed_date, printed_line, published_meta, url_date


def test_printed_date_finds_the_known_date_in_its_written_forms() -> None:
    for text in ("July 24, 2024", "Posted on Jul. 24th 2024", "24 July 2024", "EditorialJuly 24, 2024",
                 ". 2024 Jul 24;15(1)", "2024-07-24", "24.07.2024", "7/24/2024"):
        assert printed_date("2024-07-24").search(text), text
    for text in ("July 25, 2024", "June 24, 2024", "2024-07-240", "124.07.2024"):
        assert not printed_date("2024-07-24").search(text), text


def test_printed_date_ignores_numeric_forms_whose_order_is_ambiguous() -> None:
    assert not printed_date("2025-04-03").search("3/4/2025")  # March 4 or April 3
    assert printed_date("2025-04-03").search("April 3, 2025")
    assert printed_line(["Home", "By Jane", "12/03/2025"], "2025-12-03") is None
    assert printed_line(["Home", "By Jane", "24/12/2025"], "2025-12-24") == 2


def test_published_meta_names_publication_not_revision_or_publisher() -> None:
    for key in ("published", "og:publish_date", "cxenseparse:publishtime", "w-published-date", "date-pub"):
        assert published_meta(key), key
    for key in ("publisher", "article:publisher", "last-published", "modified-date", "og:updated_time", "public"):
        assert not published_meta(key), key


def test_json_ld_web_page_gives_only_its_publication_date() -> None:
    from pipeline.htmlmeta import json_ld_values, parse

    html = """<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage",
    "name": "Budget | Gazette", "datePublished": "2024-07-24T08:00:00+00:00"}, {"@type": "Organization",
    "name": "Gazette", "datePublished": "2001-01-01"}]}</script></head><body></body></html>"""
    found = list(json_ld_values(parse(html)))
    assert [(f.field, f.value, f.source) for f in found] == [
        ("date", "2024-07-24T08:00:00+00:00", "json-ld-page:webpage.datePublished")]


def test_links_to_one_authors_page_name_the_author() -> None:
    from pipeline.htmlmeta import author_link_values, parse

    def authors(body: str) -> list[tuple[str, str]]:
        return [(f.value, f.source) for f in author_link_values(parse(f"<html><body>{body}</body></html>"))]

    byline = ('<p>By <a href="/author/jane-doe/">Jane Doe</a></p>'
              '<a href="https://x.example/author/jane-doe">Jane Doe</a>')
    assert authors(byline) == [("Jane Doe", "a[href=author-page]")]
    # Related posts by different people name nobody; a link that is not a name is not an author.
    assert authors(byline + '<a href="/authors/john-roe">John Roe</a>') == []
    assert authors('<a href="/author/jane-doe/">View all posts</a>') == []
    assert authors('<a href="/authority/jane-doe/">Jane Doe</a>') == []


def test_visible_lines_keep_side_by_side_elements_apart_but_words_whole() -> None:
    from pipeline.htmlmeta import parse, visible_lines

    def lines(body: str) -> list[str]:
        return visible_lines(parse(f"<html><body>{body}</body></html>"))

    assert lines("<p><span>By</span><a href='/a'>Jane Doe</a></p>") == ["By Jane Doe"]
    assert lines("<p><span>Senior Analyst</span><span>Updated Sep 17, 2025</span></p>") == [
        "Senior Analyst Updated Sep 17, 2025"]
    assert lines("<p><b>T</b>he 12<sup>th</sup> of May, <i>said</i> Jane</p>") == ["The 12th of May, said Jane"]


def test_h1_linking_to_the_home_page_is_the_site_logo() -> None:
    from pipeline.htmlmeta import H1_LOGO, parse, title_values

    def h1s(body: str) -> list[tuple[str, str]]:
        tree = parse(f"<html><body>{body}</body></html>")
        return [(f.value, f.source) for f in title_values(tree)]

    assert h1s('<header><h1><a href="/">Jan\'s Blog</a></h1></header>') == [("Jan's Blog", H1_LOGO)]
    assert h1s('<a href="https://blog.example/"><h1>Playful Tones</h1></a>') == [("Playful Tones", H1_LOGO)]
    # A link to a post, a query to the root (WordPress "/?p=12") or an anchor is no logo.
    for href in ("/2024/07/budget-vote", "/?p=12", "#top", "http://[x/"):  # the last one urlsplit raises on
        assert h1s(f'<h1><a href="{href}">Council Agrees New Budget</a></h1>') == [
            ("Council Agrees New Budget", "h1")], href


def test_url_dates_with_the_month_spelled_out() -> None:
    assert url_date("https://news.example/2023/october/03/council-budget") == "2023-10-03"
    assert url_date("https://news.example/2025/dec/05/council-budget/") == "2025-12-05"
    assert url_date("https://news.example/2025/feb/31/council-budget/") is None  # no such day


def test_a_number_opening_the_slug_is_no_day() -> None:
    assert url_date("https://news.example/travel/2024/may/10-reasons-to-visit-lisbon") is None
    assert url_date("https://news.example/2023/07/12-best-beaches") is None
    assert url_date("https://news.example/2024-07-24-council-budget") == "2024-07-24"
    assert url_date("https://news.example/2024/07/24.html") == "2024-07-24"
