from __future__ import annotations

from pipeline.config import Config
from pipeline.doc import Doc
from pipeline.stages.clean import Clean
from pipeline.stages.metadata import Metadata
from tests.conftest import seed_text


def infer(prefix: str, config: Config | None = None) -> Doc:
    config = config or Config()
    doc = Doc(source_path=f"{prefix}.txt", text=seed_text(prefix), id="0" * 16)
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    return doc


def selected(doc: Doc) -> dict[str, tuple[str | None, str]]:
    return {e.field: (e.value, e.method) for e in doc.evidence if e.selected}


def test_seed_003_metadata_with_evidence() -> None:
    doc = infer("003")
    assert doc.title == "Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship"
    assert doc.authors == ["Galia Lavi"]
    assert doc.date_published == "2024-07-24"  # not the 2025 dates of "Recent Posts"
    assert doc.outlet == "INSS"
    chosen = selected(doc)
    assert chosen["date_published"][1].startswith("text:dateline")
    assert all(0 < e.confidence <= 1 for e in doc.evidence if e.selected)


def test_no_evidence_means_null() -> None:
    doc = infer("002")
    assert doc.date_published is None and doc.authors == [] and doc.outlet is None and doc.url is None
    assert "date_published" not in selected(doc)


def test_collective_byline_names_nobody() -> None:
    doc = infer("004")
    assert doc.authors == []
    rejected = [e for e in doc.evidence if e.field == "authors"]
    assert rejected and rejected[0].value is None and rejected[0].snippet == "Trim Correspondents"


def test_user_registry_entries_extend_the_outlets() -> None:
    config = Config(outlets=[{"name": "Gazette", "signatures": ["Tel Aviv University logo"]}])
    assert infer("003", config).outlet in {"INSS", "Gazette"}
    doc = infer("002", Config(outlets=[{"name": "Example Post", "signatures": ["Reading Time:"]}]))
    assert doc.outlet == "Example Post"


HTML_PAGE = """<html><head><title>Council Agrees New Budget | Gazette</title>
<meta property="og:title" content="Council Agrees New Budget | Gazette">
<meta property="og:site_name" content="Gazette">
<meta property="article:published_time" content="2024-07-24T08:00:00+02:00">
<meta name="author" content="View more posts">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council Agrees New Budget", "datePublished": "2024-07-24",
 "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Gazette"}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
<h1>Council Agrees New Budget</h1><p class="byline">By Jane Doe, Senior Reporter</p><p>July 24, 2024</p>
<p>{body}</p><p>{body}</p></article>
<aside><h3>Recent Posts</h3><p>Another story</p><p>May 21, 2025</p></aside></body></html>"""
BODY = "The council met on Monday to discuss the new budget for schools and roads in the district, and agreed."


def infer_html(html: str, url: str | None = None, provided: dict | None = None,
               crawl_date: str | None = None) -> Doc:
    config = Config(min_words=5)
    doc = Doc(source_path="a.html", source_format="html", html=html, url=url, id="1" * 16, crawl_date=crawl_date)
    if provided:
        doc.hints["provided"] = provided
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    return doc


def test_html_metadata_from_markup_with_evidence() -> None:
    doc = infer_html(HTML_PAGE.replace("{body}", BODY), url="https://www.gazette.example/2024/07/24/budget")
    assert doc.title == "Council Agrees New Budget"  # no " | Gazette"
    assert doc.authors == ["Jane Doe"]  # not the organisation, not "View more posts", no role
    assert doc.date_published == "2024-07-24"  # not the sidebar's 2025
    assert doc.outlet == "Gazette"
    chosen = selected(doc)
    assert chosen["title"][1].startswith("html:h1")
    assert all(e.snippet for e in doc.evidence if e.selected)
    widget = [e for e in doc.evidence if e.snippet == "View more posts"]
    assert widget and widget[0].value is None and not widget[0].selected


def test_provided_values_win_and_are_marked() -> None:
    provided = {"date_published": {"value": "2024-08-01", "source": "manifest", "snippet": "manifest.csv row 2"},
                "license": {"value": "CC-BY-4.0", "source": "manifest", "snippet": "manifest.csv row 2"}}
    doc = infer_html(HTML_PAGE.replace("{body}", BODY), provided=provided)
    assert doc.date_published == "2024-08-01"
    chosen = selected(doc)
    assert chosen["date_published"] == ("2024-08-01", "provided:manifest")
    assert chosen["license"] == ("CC-BY-4.0", "provided:manifest")
    assert [e.confidence for e in doc.evidence if e.method == "provided:manifest"] == [1.0, 1.0]


def test_page_without_metadata_gets_nulls() -> None:
    doc = infer_html(f"<html><body><p>{BODY}</p><p>{BODY}</p></body></html>")
    assert (doc.title, doc.authors, doc.date_published, doc.outlet) == (None, [], None, None)


def relative_dump(date_line: str) -> str:
    return "\n".join(["Home", "News", "Council Agrees New Budget For Schools", "By Jane Doe", date_line,
                      BODY, BODY, BODY])


def test_relative_date_resolved_only_against_a_crawl_date() -> None:
    config = Config()
    doc = Doc(source_path="a.txt", text=relative_dump("April 30"), id="2" * 16)
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    assert doc.date_published is None
    (kept,) = [e for e in doc.evidence if e.field == "date_published"]
    assert kept.method.endswith("relative-unresolved") and "no reference date" in kept.snippet

    doc = Doc(source_path="a.txt", text=relative_dump("April 30"), id="2" * 16, crawl_date="2024-05-02")
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    assert doc.date_published == "2024-04-30"
    assert "resolved against crawl date 2024-05-02" in selected_evidence(doc, "date_published").snippet


def selected_evidence(doc: Doc, field: str):
    return next(e for e in doc.evidence if e.field == field and e.selected)


def test_seed_001_april_30_stays_unresolved() -> None:
    assert infer("001").date_published is None


def test_crawl_url_names_the_outlet_through_the_registry() -> None:
    provided = {"url": {"value": "https://www.inss.org.il/publication/x/", "source": "warc",
                        "snippet": "WARC-Target-URI: https://www.inss.org.il/publication/x/"}}
    doc = infer_html(f"<html><body><h1>A Title For The Page</h1><p>{BODY}</p></body></html>", provided=provided)
    assert (doc.outlet, doc.url) == ("INSS", "https://www.inss.org.il/publication/x/")
    assert selected(doc)["outlet"][1] == "registry:domain"


def h1_page(h1: str) -> str:
    return (f"""<html><head><title>Budget Vote Explained: What It Means | Gazette</title>
<meta property="og:title" content="Budget Vote Explained: What It Means"></head><body><article>
<h1>{h1}</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>""")


def test_one_headline_length_h1_outranks_agreeing_meta_titles() -> None:
    doc = infer_html(h1_page("Council Agrees New Budget For Schools"))
    assert doc.title == "Council Agrees New Budget For Schools"
    assert selected(doc)["title"][1] == "html:h1"
    # A short <h1> is often the site's name: the meta titles keep the title.
    doc = infer_html(h1_page("Gazette Blog"))
    assert doc.title == "Budget Vote Explained: What It Means"


def infer_dump(text: str) -> Doc:
    config = Config()
    doc = Doc(source_path="a.txt", text=text, id="3" * 16)
    Clean(config).process_doc(doc)
    Metadata(config).process_doc(doc)
    return doc


def test_author_box_below_the_article_names_the_author() -> None:
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", BODY, BODY, BODY,
                      "About the author", "Written by Jane Doe", "Jane writes about schools and roads."])
    doc = infer_dump(text)
    assert doc.authors == ["Jane Doe"]
    assert selected_evidence(doc, "authors").method == "text:byline-line:elsewhere"


def test_by_lines_naming_different_people_name_nobody() -> None:
    # A list of related posts, each by someone: none of them is this page's author.
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", BODY, BODY, BODY,
                      "Related Posts", "Another Story About Roads", "By Jane Doe", "Yet Another Story About Parks",
                      "By John Roe"])
    assert infer_dump(text).authors == []


def test_a_published_line_under_the_article_is_a_weak_date() -> None:
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", BODY, BODY, BODY,
                      "Published On: 15 August 2025", "Share this"])
    doc = infer_dump(text)
    assert doc.date_published == "2025-08-15"
    chosen = selected_evidence(doc, "date_published")
    assert chosen.method.endswith(":elsewhere") and chosen.confidence < 0.6
