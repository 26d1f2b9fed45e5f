from __future__ import annotations

from pipeline.config import Config
from pipeline.doc import Doc
from pipeline.stages.clean import Clean
from pipeline.stages.metadata import Metadata, leads_with
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


def test_inferred_values_have_plain_spaces() -> None:
    text = seed_text("003").replace("Hamas–Fatah Reconciliation Meeting", "Hamas–Fatah\xa0Reconciliation Meeting")
    doc = Doc(source_path="003.txt", text=text, id="0" * 16)
    Clean(Config()).process_doc(doc)
    Metadata(Config()).process_doc(doc)
    assert doc.title == "Hamas–Fatah Reconciliation Meeting Under Chinese Sponsorship"


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


def test_h1_with_a_label_or_date_set_off_gives_the_meta_title_part() -> None:
    # The meta title is "Budget Vote Explained: What It Means"; the <h1> adds a section label or a date.
    for h1 in ("Budget Vote Explained: What It Means | Opinion", "Blog: Budget Vote Explained: What It Means",
               "Dec 18 2025 Budget Vote Explained: What It Means"):
        doc = infer_html(h1_page(h1))
        assert doc.title == "Budget Vote Explained: What It Means", h1
        assert selected(doc)["title"][1] == "html:h1:meta-title-part"
    # Extra words not set off by a separator are part of the headline.
    doc = infer_html(h1_page("Budget Vote Explained: What It Means For You"))
    assert doc.title == "Budget Vote Explained: What It Means For You"


def test_one_meta_tag_per_author_gives_them_all() -> None:
    head = ('<meta name="citation_author" content="Doe, Jane">'
            '<meta name="citation_author" content="John Roe">'
            '<meta name="citation_author" content="Mary Major">')
    html = f"<html><head>{head}</head><body><h1>A Study Of Budgets In Schools</h1><p>{BODY}</p></body></html>"
    doc = infer_html(html)
    assert doc.authors == ["Jane Doe", "John Roe", "Mary Major"]
    assert selected(doc)["authors"][1] == "html:meta[citation_author]:all"


def dated_page(dateline: str, markup: str = "2023-05-30", meta: bool = True) -> str:
    tag = f'<meta property="article:published_time" content="{markup}T08:00:00+00:00">' if meta else ""
    return f"""<html><head><title>Council Agrees New Budget For Schools</title>
{tag}
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Council Agrees New Budget For Schools",
 "datePublished": "{markup}"}}</script></head><body><article>
<h1>Council Agrees New Budget For Schools</h1><p>By Jane Doe</p>{dateline}<p>{BODY}</p><p>{BODY}</p>
</article></body></html>"""


def test_updated_label_on_the_line_above_marks_a_revision_date() -> None:
    doc = infer_html(dated_page("<p>Updated</p><p>October 17, 2025</p>"))
    assert doc.date_published == "2023-05-30"
    (shown,) = [e for e in doc.evidence if e.method.startswith("html:visible:dateline")]
    assert ":updated" in shown.method and shown.confidence <= 0.84 and "Updated" in shown.snippet
    # Without the label the printed date is the one a reader sees, and it wins.
    assert infer_html(dated_page("<p>October 17, 2025</p>")).date_published == "2025-10-17"


def test_updated_dateline_yields_to_the_markup_publication_date() -> None:
    # JSON-LD alone (htmldate agreeing) outranks a dateline that says it is an update.
    doc = infer_html(dated_page("<p>Last updated: October 17, 2025</p>", meta=False))
    assert doc.date_published == "2023-05-30"


def test_updated_dateline_marked_up_as_a_time_still_yields_to_the_markup() -> None:
    # The <time datetime> of the printed "Updated" date is the same date, not a second source.
    dateline = '<p>Updated <time datetime="2025-10-17T09:00:00Z">October 17, 2025</time></p>'
    doc = infer_html(dated_page(dateline))
    assert doc.date_published == "2023-05-30"
    (shown,) = [e for e in doc.evidence if e.method.startswith("html:visible:dateline")]
    assert shown.method.endswith(":updated:after-markup-date") and shown.confidence <= 0.6
    # An "Updated" date that the markup also gives is the markup's date: nothing to yield to.
    doc = infer_html(dated_page("<p>Updated October 17, 2025</p>", markup="2025-10-17"))
    assert doc.date_published == "2025-10-17"


def test_published_line_away_from_the_headline_is_a_weak_html_date() -> None:
    html = f"""<html><body><article><h1>Council Agrees New Budget For Schools</h1><p>{BODY}</p>
<p>{BODY}</p><p>{BODY}</p></article><footer><p>Tags: budget</p><p>Published on 15 August 2025</p></footer>
</body></html>"""
    doc = infer_html(html)
    assert doc.date_published == "2025-08-15"
    chosen = selected_evidence(doc, "date_published")
    assert chosen.method.endswith(":elsewhere") and chosen.confidence < 0.6
    # Two such lines with different dates (a list of posts) give no such candidate.
    listing = infer_html(html.replace("<p>Tags: budget</p>", "<p>Posted on 2 May 2025</p>"))
    assert not [e for e in listing.evidence if e.method.endswith(":elsewhere")]


def test_meta_tag_named_after_publication_in_a_site_vocabulary() -> None:
    html = f"""<html><head><meta name="published-date" content="2021-02-16">
<meta name="modified-date" content="2024-07-30"></head><body><h1>Council Agrees New Budget For Schools</h1>
<p>{BODY}</p><p>{BODY}</p></body></html>"""
    doc = infer_html(html)
    assert doc.date_published == "2021-02-16"
    assert selected(doc)["date_published"][1] == "html:meta[published-date]"


def test_web_page_date_is_a_weak_voice_beside_the_article_date() -> None:
    graph = """<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "datePublished": "%s"},
{"@type": "Article", "headline": "Council Agrees New Budget For Schools", "datePublished": "2023-05-30"}]}</script>"""
    page = f"""<html><head>{graph}</head><body><h1>Council Agrees New Budget For Schools</h1><p>{BODY}</p>
<p>{BODY}</p></body></html>"""
    doc = infer_html(page % "2021-01-01")
    assert doc.date_published == "2023-05-30"  # the article's own date outranks the page's
    (weak,) = [e for e in doc.evidence if e.method.startswith("html:json-ld-page")]
    assert weak.value == "2021-01-01" and weak.confidence < 0.5
    # Alone, it is no publication date an "Updated" dateline must yield to.
    only_page = f"""<html><head><script type="application/ld+json">{{"@type": "WebPage",
"datePublished": "2021-01-01"}}</script></head><body><h1>Council Agrees New Budget For Schools</h1>
<p>Updated October 17, 2025</p><p>{BODY}</p><p>{BODY}</p></body></html>"""
    doc = infer_html(only_page)
    (shown,) = [e for e in doc.evidence if e.method.startswith("html:visible:dateline")]
    assert shown.method.endswith(":updated") and shown.value == "2025-10-17"


def test_machine_dates_written_year_first_are_read() -> None:
    from pipeline.stages.metadata import iso_date

    for value in ("2024 Jun 30", "2024/6/30", "2024.06.30", "20240630", "2024-06-30T23:00:00-05:00"):
        assert iso_date(value) == "2024-06-30", value
    for value in ("2024 Foo 30", "20241330", "12345678", "2024/06"):
        assert iso_date(value) is None, value
    head = '<meta name="citation_publication_date" content="2024 Jun 30">'
    doc = infer_html(f"<html><head>{head}</head><body><h1>A Study Of Budgets</h1><p>{BODY}</p></body></html>")
    assert doc.date_published == "2024-06-30"


def test_link_to_the_authors_page_names_the_author() -> None:
    html = f"""<html><body><article><h1>Council Agrees New Budget For Schools</h1><p>{BODY}</p><p>{BODY}</p>
<div class="meta"><a href="/people/desk">Schools desk</a> <a href="/writers/jane-doe">Jane Doe</a></div>
</article></body></html>"""
    doc = infer_html(html)
    assert doc.authors == ["Jane Doe"]
    assert selected(doc)["authors"][1] == "html:byline-element:a[href=author-page]"


def test_markup_date_printed_near_the_headline_is_confirmed() -> None:
    from pipeline import textmeta
    from pipeline.stages.metadata import candidate, printed_candidates

    visible = "\n".join(["Home", "Council Agrees New Budget For Schools", BODY, "Filed under Budget: 24 July 2024",
                         "Updated on August 2, 2024"])
    head = textmeta.find_head(visible)
    found = [candidate("date_published", "2024-07-24", "html:htmldate-original", 0.45, "2024-07-24"),
             candidate("date_published", "2024-08-02", "html:json-ld:article.datePublished", 0.8, "2024-08-02"),
             candidate("date_published", "2024-07-01", "html:time[datetime]", 0.45, "2024-07-01")]
    printed = printed_candidates(found, visible, head)
    # The "Updated on" line confirms no publication date; July 1 is printed nowhere.
    assert [(e.value, e.method, e.snippet) for e in printed] == [
        ("2024-07-24", "html:visible:printed", "Filed under Budget: 24 July 2024")]

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


def test_by_line_crediting_a_desk_names_the_desk() -> None:
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", "By Marketing Team",
                      "24 July, 2024", BODY, BODY, BODY])
    doc = infer_dump(text)
    assert doc.authors == ["Marketing Team"]
    assert selected_evidence(doc, "authors").method == "text:byline-line:credit"


def test_date_under_a_by_line_away_from_the_headline_dates_the_page() -> None:
    # The headline finder takes a menu line; the "By" line and its date stand further down.
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", BODY, BODY, BODY,
                      "By Jane Doe", "Apr 21, 2021", BODY, BODY])
    doc = infer_dump(text)
    assert doc.date_published == "2021-04-21"
    assert selected_evidence(doc, "date_published").method.endswith(":beside-byline")


def test_by_lines_with_different_dates_date_nothing() -> None:
    text = "\n".join(["Home", "News", "Council Agrees New Budget For Schools", BODY, BODY, BODY,
                      "Related Posts", "By Jane Doe", "Apr 21, 2021", "By John Roe", "May 2, 2022"])
    assert infer_dump(text).date_published is None


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


def test_site_logo_and_paragraph_h1s_are_no_headline() -> None:
    logo = h1_page('<a href="/">Gazette Blog</a>').replace("<article>", "<header>").replace(
        "</h1>", "</h1></header><article>", 1)
    doc = infer_html(logo)
    assert doc.title == "Budget Vote Explained: What It Means"
    assert [e.confidence for e in doc.evidence if e.method == "html:h1:site-logo"] == [0.0]
    teaser = " ".join(["Learn which budget lines matter most and how to read them"] * 4)
    doc = infer_html(h1_page(teaser))
    assert doc.title == "Budget Vote Explained: What It Means"
    assert [e.method for e in doc.evidence if e.value == teaser] == ["html:h1:too-long"]


def test_site_suffix_written_as_a_domain_name_is_cut() -> None:
    # A two-word headline is too short to cut an unknown suffix from; the page's own domain is cut.
    html = f"<html><head><title>Game Changer | Newegg.example</title></head><body><p>{BODY}</p></body></html>"
    assert infer_html(html, url="https://shop.other.example/x").title == "Game Changer | Newegg.example"
    doc = infer_html(html, url="https://promotions.newegg.example/deals/index.html")
    assert doc.title == "Game Changer"
    assert selected(doc)["title"][1] == "html:title:site-removed"


def test_dateline_read_as_the_markup_publication_date() -> None:
    # "09.10.2024" is 9 October day first, September 10 month first: the markup says which.
    doc = infer_html(dated_page("<p>09.10.2024</p>", markup="2024-09-10"))
    assert doc.date_published == "2024-09-10"
    assert selected(doc)["date_published"][1].endswith(":as-markup-date")
    # A revision date printed beside the publication date: the markup's one is the publication.
    both = '<p><time>May 21, 2025</time><time>April 24, 2025</time></p>'
    doc = infer_html(dated_page(both, markup="2025-04-24"))
    assert doc.date_published == "2025-04-24"
    assert selected_evidence(doc, "date_published").snippet == "April 24, 2025"  # the line printing it
    # An unambiguous dateline the markup disagrees with stays the printed date.
    assert infer_html(dated_page("<p>24.10.2024</p>", markup="2024-09-10")).date_published == "2024-10-24"


def test_date_in_a_list_of_dated_posts_is_no_dateline() -> None:
    posts = "".join(f"<p>Post number {n} about budgets</p><p>{d}</p>" for n, d in
                    ((1, "12/17/2025"), (2, "12/16/2025"), (3, "12/04/2025"), (4, "11/20/2025")))
    html = f"""<html><body><h3>Recent News</h3>{posts}<article><h1>Council Agrees New Budget For Schools</h1>
<p>{BODY}</p><p>{BODY}</p></article></body></html>"""
    doc = infer_html(html)
    assert doc.date_published is None
    assert all(e.confidence == 0 for e in doc.evidence if e.method.startswith("html:visible:dateline"))


def test_todays_date_printed_on_the_page_confirms_nothing() -> None:
    from pipeline import textmeta
    from pipeline.stages.metadata import candidate, printed_candidates

    visible = "\n".join(["Home", "Council Agrees New Budget For Schools", BODY, "Open today, March 14, 2026"])
    found = [candidate("date_published", "2026-03-14", "html:htmldate-original", 0.45, "2026-03-14")]
    assert printed_candidates(found, visible, textmeta.find_head(visible)) == []


def test_markup_title_printed_as_a_line_outranks_a_differing_h1() -> None:
    # The <h1> is a section name; the markup title is printed as the post's heading.
    body = "<h1>Toddler Sleep Training</h1><h2>How To Get Toddlers To Sleep In Their Own Bed</h2>"
    html = f"""<html><head><title>How To Get Toddlers To Sleep In Their Own Bed | Gazette</title>
<meta property="og:title" content="How To Get Toddlers To Sleep In Their Own Bed"></head><body><article>
{body}<p>{BODY}</p><p>{BODY}</p></article></body></html>"""
    doc = infer_html(html)
    assert doc.title == "How To Get Toddlers To Sleep In Their Own Bed"
    assert selected(doc)["title"][1] == "html:visible:meta-title-line"
    # Not printed: the <h1> keeps the title.
    doc = infer_html(html.replace("<h2>How To Get Toddlers To Sleep In Their Own Bed</h2>", ""))
    assert doc.title == "Toddler Sleep Training"


def test_htmldate_agreeing_with_one_weak_machine_date_is_no_publication_date() -> None:
    from pipeline.stages.metadata import WEAK_DATE_CONFIDENCE, candidate, select

    def pair(method: str) -> list:
        return [candidate("date_published", "2025-04-14", method, WEAK_DATE_CONFIDENCE, "2025-04-14T12:00:00Z"),
                candidate("date_published", "2025-04-14", "html:htmldate-original", WEAK_DATE_CONFIDENCE,
                          "2025-04-14")]

    # htmldate reads the same <time> / WebPage markup: the pair is one voice, and stays null.
    assert select(pair("html:time[datetime]"), "date_published") is None
    assert select(pair("html:json-ld-page:webpage.datePublished"), "date_published") is None
    # A third, independent voice carries it.
    third = candidate("date_published", "2025-04-14", "html:url-path", 0.65, "https://x.example/2025/04/14/a")
    assert select([*pair("html:time[datetime]"), third], "date_published").value == "2025-04-14"


def test_trafilatura_title_echoes_the_markup_and_adds_no_agreement() -> None:
    from pipeline.stages.metadata import H1_CONFIDENCE, candidate, select

    seo = "Top 11 Gaming Console Companies & Manufacturers"
    h1 = "Top 11 Gaming Console Companies Driving Innovation Globally"
    found = [candidate("title", seo, "html:json-ld:blogposting.headline", 0.8, seo),
             candidate("title", seo, "html:meta[og:title]", 0.75, seo),
             candidate("title", seo, "html:meta[twitter:title]", 0.7, seo),
             candidate("title", seo, "html:title", 0.65, seo),
             candidate("title", h1, "html:h1:like-meta-title", H1_CONFIDENCE, h1),
             candidate("title", seo, "html:trafilatura-title", 0.6, seo)]
    # Four markup copies of the SEO title do not outvote the <h1>; trafilatura's copy is no fifth voice.
    assert select(found, "title").method == "html:h1:like-meta-title"


def test_h1_with_characters_lost_to_question_marks_is_the_markup_title() -> None:
    # The markup says "Budget Vote Explained: What It Means"; the <h1> lost its colon to a "?".
    doc = infer_html(h1_page("Budget Vote Explained? What It Means"))
    assert doc.title == "Budget Vote Explained: What It Means"
    assert selected(doc)["title"][1] == "html:h1:charset-restored"
    # A real question, not the markup title garbled, is the headline.
    doc = infer_html(h1_page("Will the Council Agree a New Budget for Schools?"))
    assert doc.title == "Will the Council Agree a New Budget for Schools?"


def test_a_comment_forms_field_label_is_no_author() -> None:
    from pipeline.stages.metadata import trafilatura_author

    for label in ("Name", "Username", "Name *"):
        e = trafilatura_author(label)
        assert e.value is None and e.confidence == 0.0 and e.method.endswith(":form-label"), label
    assert trafilatura_author("Jane Doe").value == "Jane Doe"


def test_page_text_in_a_metadata_slot_and_placeholder_dates_are_never_selected() -> None:
    long_title = "Council budget " * 40  # 600 characters: a paragraph in <title>
    html = (f"<html><head><title>{long_title}</title><meta property='og:site_name' content='{'Gazette ' * 30}'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "9999-12-31"}</script>'
            f"</head><body><p>{BODY}</p><p>{BODY}</p></body></html>")
    doc = infer_html(html)
    assert (doc.title, doc.outlet, doc.date_published) == (None, None, None)
    kept = {e.method: e for e in doc.evidence if e.confidence == 0.0 and e.value}
    assert "html:title:too-long" in kept and "html:json-ld:newsarticle.datePublished:implausible-year" in kept


def test_a_date_in_the_url_that_no_calendar_has_is_no_date() -> None:
    # "/2024/02/31/" once reached the release and stopped the build in its figures
    doc = infer_html(f"<html><body><p>{BODY}</p><p>{BODY}</p></body></html>",
                     url="https://news.example/2024/02/31/council-budget/")
    assert doc.date_published is None
    doc = infer_html(f"<html><head><meta name='copyright' content='2019'></head><body><p>{BODY}</p></body></html>")
    assert doc.outlet is None  # a copyright year is no outlet


def test_html_date_on_a_byline_below_the_headlines_window() -> None:
    # a standfirst and captions push the "By" line past the headline's window; its date is the article's
    captions = "".join(f"<p>Photo {n}: the council chamber on a busy day</p>" for n in range(9))
    html = f"""<html><body><article><h1>Council Agrees New Budget For Schools</h1>{captions}
<p>By Jane Doe ⋅ Review Editor ⋅ Updated March 4, 2025</p><p>{BODY}</p><p>{BODY}</p></article></body></html>"""
    doc = infer_html(html)
    assert doc.date_published == "2025-03-04"
    assert selected_evidence(doc, "date_published").method.endswith(":beside-byline")


def test_html_printed_iso_timestamp_is_a_date() -> None:
    doc = infer_html(dated_page("<p>2022-11-23T08:10+02:00</p>", meta=False, markup="2022-11-23"))
    (shown,) = [e for e in doc.evidence if e.method.startswith("html:visible:dateline")]
    assert shown.value == "2022-11-23" and shown.selected


def test_a_markup_date_is_not_confirmed_by_the_same_date_inside_a_sentence() -> None:
    assert leads_with("Published: July 9, 2025", "2025-07-09")
    assert not leads_with("Posted on the Association's community forum on 2025-07-09:", "2025-07-09")


def test_a_time_shown_under_the_headline_dates_the_article_by_its_datetime() -> None:
    # "03/01/2017" reads both ways; its <time datetime> says which
    html = f"""<html><body><article><h1>Council Agrees New Budget For Schools</h1>
<p><time datetime="2017-03-01T10:00:00">03/01/2017</time></p>{f"<p>{BODY}</p>" * 8}
<aside><time datetime="2017-05-02">05/02/2017</time></aside></article></body></html>"""
    doc = infer_html(html)
    assert doc.date_published == "2017-03-01"
    assert selected_evidence(doc, "date_published").method == "html:visible:time-under-headline"
    # a byline under the headline changes nothing
    bylined = infer_html(html.replace("</time></p>", "</time></p><p>By Ana Costa</p>"))
    assert bylined.date_published == "2017-03-01" and bylined.authors == ["Ana Costa"]


def test_a_time_showing_only_a_dash_dates_nothing() -> None:
    html = f"""<html><body><article><h1>Council Agrees New Budget For Schools</h1><p>—</p>
{f"<p>{BODY}</p>" * 3}</article><footer><time datetime="2010-10-10">—</time></footer></body></html>"""
    assert infer_html(html).date_published is None
