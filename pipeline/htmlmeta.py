"""Metadata a page declares in its markup: JSON-LD, OpenGraph and meta tags, <title>,
<h1>, byline elements, and the page's visible lines (for the dateline beside the headline).

Everything here only *reads* candidates out of the tree; the metadata stage weighs them.
Each candidate names the tag it came from, so the record's evidence says where a value
was found ("meta[property=article:published_time]", "json-ld:NewsArticle.author").
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lxml import html as lxml_html
from lxml.etree import ParserError

from pipeline import dates, names, urls

# Which meta tags say what; the name is matched case-insensitively on name/property/itemprop.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title", "parsely-title", "sailthru.title"),
    "site": ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site"),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "citation_author",
               "byl", "byline", "dcterms.creator", "cxenseparse:author"),
    "date": ("article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
             "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
             "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
             "article.published", "published_time", "og:published_time", "article:published"),
}
# Meta tags named after publication in a vocabulary not listed above ("cxenseparse:publishtime",
# "og:publish_date", "published-date", "date-pub"); never one naming a revision or an expiry.
PUBLISHED_META = re.compile(r"publish(?!er)|(?:^|[\W_])pub(?:date)?(?:$|[\W_])")
NOT_PUBLISHED_META = re.compile(r"modif|updat|last|expir|revis")
ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting",
                 "backgroundnewsarticle", "review", "posting", "socialmediaposting")
# A page object (Yoast and others put the post's dates on it): its datePublished dates the
# article on the page, but its name is often the <title> with a site suffix, so only the date is read.
PAGE_TYPES = ("webpage", "itempage")
BYLINE_HINT = re.compile(r"\b(byline|by-line|author|writer|contributor)s?\b", re.I)
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "button", "select", "form",
             "nav"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "tr", "td", "th",
              "section", "article", "header", "footer", "aside", "main", "blockquote", "figure", "figcaption",
              "dd", "dt", "dl", "table", "hr", "pre", "address", "time"}
# A link to an author's page ("/author/jane-doe/", "/authors/jane-doe", "/contributors/jane-doe").
AUTHOR_PAGE = re.compile(r"/(?:author|authors|writers?|contributors?)/[^/?#]+/?(?:[?#].*)?$", re.I)
# A date in the path: "/2024/07/24/", "/2024-07-24-budget". After "/2024/07/" a number opening
# the slug ("/2024/07/10-reasons-to-visit") is a count, not a day: there the day must end a segment.
URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:/([01]?\d)/([0-3]?\d)(?=[/.]|$)|-([01]?\d)-([0-3]?\d)(?=[/_.-]|$))")
# The month spelled in the path: "/2025/dec/05/", "/2023/october/03/".
URL_NAMED_DATE = re.compile(rf"/((?:19|20)\d\d)/({'|'.join(dates.MONTHS)})/([0-3]?\d)(?=[/.]|$)", re.I)
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Found:
    """One value read from the markup, and the tag it came from."""

    field: str  # title | site | author | date | url | time (a <time> and the text it shows)
    value: str
    source: str  # e.g. "meta[og:title]", "json-ld:NewsArticle.headline", "h1"
    shown: str = ""  # for a time: the text the page shows for it


# huge_tree: libxml2 otherwise stops at 256 nested elements, and a page nested deeper (page
# builders wrap articles in hundreds of <div>s) parses as an empty body.
DEEP_PARSER = lxml_html.HTMLParser(huge_tree=True)


def parse(html: str) -> Any | None:
    try:
        return lxml_html.document_fromstring(html, parser=DEEP_PARSER)
    except (ParserError, ValueError):
        return None


def squash(text: str | None) -> str:
    """Spacing folded, and entities left escaped in attributes and JSON-LD ("&#8217;") decoded."""
    return SPACE.sub(" ", html.unescape(text or "")).strip()


def meta_values(tree: Any) -> Iterator[Found]:
    wanted = {name: f for f, names in META_FIELDS.items() for name in names}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = squash(meta.get("content"))
        if not content:
            continue
        if key in wanted:
            yield Found(wanted[key], content, f"meta[{key}]")
        elif published_meta(key):
            yield Found("date", content, f"meta[{key}]")


def published_meta(key: str) -> bool:
    """A meta tag's name that says "publication date" in a site's own vocabulary."""
    return bool(PUBLISHED_META.search(key)) and not NOT_PUBLISHED_META.search(key)


def json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except (json.JSONDecodeError, RecursionError):
            continue
        yield from flatten_ld(data)


def flatten_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from flatten_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from flatten_ld(data[key], depth + 1)


def ld_types(obj: dict[str, Any]) -> list[str]:
    kinds = obj.get("@type") or []
    return [str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds])]


def ld_names(value: Any) -> list[str]:
    """Names of people in a JSON-LD author value (a string, a Person, a list of them)."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict) and "organization" not in ld_types(item) and isinstance(item.get("name"), str):
            found.append(item["name"])
    return [squash(n) for n in found if squash(n)]


def json_ld_values(tree: Any) -> Iterator[Found]:
    for obj in json_ld_objects(tree):
        kinds = ld_types(obj)
        article = next((k for k in kinds if k in ARTICLE_TYPES), None)
        if article is None:
            yield from page_date(obj, kinds)
            continue
        label = f"json-ld:{article}"
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str) and squash(obj[key]):
                yield Found("title", squash(obj[key]), f"{label}.{key}")
                break
        for name in ld_names(obj.get("author")):
            yield Found("author", name, f"{label}.author")
        for key in ("datePublished", "dateCreated"):
            if isinstance(obj.get(key), str) and obj[key].strip():
                yield Found("date", obj[key].strip(), f"{label}.{key}")
                break
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and publisher["name"].strip():
            yield Found("site", squash(publisher["name"]), f"{label}.publisher")


def page_date(obj: dict[str, Any], kinds: list[str]) -> Iterator[Found]:
    page = next((k for k in kinds if k in PAGE_TYPES), None)
    if page and isinstance(obj.get("datePublished"), str) and obj["datePublished"].strip():
        yield Found("date", obj["datePublished"].strip(), f"json-ld-page:{page}.datePublished")


def time_values(tree: Any) -> Iterator[Found]:
    """Machine-readable dates in the page body: itemprop=datePublished, then the first <time>."""
    for el in tree.iter():
        if isinstance(el.tag, str) and (el.get("itemprop") or "").lower() == "datepublished" and el.tag != "meta":
            value = el.get("datetime") or el.get("content") or el.text_content()
            if squash(value):
                yield Found("date", squash(value), f"{el.tag}[itemprop=datePublished]")
                break
    stamped = (el for el in tree.iter("time") if squash(el.get("datetime")))
    for n, el in enumerate(islice(stamped, TIMES_SHOWN)):
        if n == 0:
            yield Found("date", squash(el.get("datetime")), "time[datetime]")
        # Every <time> with the text it shows ("03/01/2017", "12/19 — 2025"): its datetime says which
        # date a dateline the text parser cannot read (or reads both ways) is.
        if shown := squash(el.text_content()):
            yield Found("time", squash(el.get("datetime")), "time[datetime]", shown)


TIMES_SHOWN = 30  # a page's first <time> elements: past these, a listing's


# An <h1> that links to a site's home page ("<h1><a href="/">Jan's Blog</a></h1>") is the site's
# logo in the page header, not the article's headline.
H1_LOGO = "h1[home-link]"


def title_values(tree: Any) -> Iterator[Found]:
    title = tree.find(".//title")
    if title is not None and squash(title.text_content()):
        yield Found("title", squash(title.text_content()), "title")
    for h1 in tree.iter("h1"):
        text = squash(h1.text_content())
        if text:
            yield Found("title", text, H1_LOGO if links_home(h1) else "h1")


def links_home(h1: Any) -> bool:
    """The element holds, or sits in, a link to a site's root ("/", "https://example.com/")."""
    parent = h1.getparent()
    links = [*h1.iter("a"), *([parent] if parent is not None and parent.tag == "a" else [])]
    return any(home_page(a.get("href") or "") for a in links)


def home_page(href: str) -> bool:
    """A link to a site's root: no path, no query ("/?p=12" is a WordPress post), not an anchor."""
    href = href.strip()
    parts = urls.split(href)
    return parts is not None and not href.startswith("#") and parts.path in ("", "/") and not parts.query


def byline_values(tree: Any) -> Iterator[Found]:
    """Text of elements marked as author or byline (rel, itemprop, class or id)."""
    seen = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        marks = " ".join(el.get(a) or "" for a in ("rel", "itemprop", "class", "id"))
        if not BYLINE_HINT.search(marks):
            continue
        text = squash(el.text_content())
        if 0 < len(text) <= 120:
            yield Found("author", text, f"{el.tag}[{BYLINE_HINT.search(marks).group(0).lower()}]")
            seen += 1
            if seen >= 6:
                return


def author_link_values(tree: Any) -> Iterator[Found]:
    """The text of links to an author's page, when they all name one person: a byline's link, or
    an author box's. Links naming several people (a list of related posts, each by someone) name nobody."""
    texts = [squash(a.text_content()) for a in tree.iter("a") if AUTHOR_PAGE.search(a.get("href") or "")]
    named = {normalise_name(t): t for t in texts if 0 < len(t) <= 60 and names.parse_byline(t)}
    if len(named) == 1:
        yield Found("author", next(iter(named.values())), "a[href=author-page]")


def normalise_name(text: str) -> str:
    return " ".join(text.casefold().split())


def canonical_url(tree: Any) -> Iterator[Found]:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            yield Found("url", link.get("href").strip(), "link[rel=canonical]")
            return
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and (meta.get("content") or "").startswith("http"):
            yield Found("url", meta.get("content").strip(), "meta[og:url]")
            return


def url_date(url: str | None) -> str | None:
    """A date written in the URL's path (/2024/07/24/), as YYYY-MM-DD."""
    parts = urls.split(url)
    m = (URL_DATE.search(parts.path) or URL_NAMED_DATE.search(parts.path)) if parts else None
    if not m:
        return None
    year, month, day = (g for g in m.groups() if g is not None)
    return dates.to_iso(int(year), dates.month_number(month), int(day))  # None for /2024/02/31/: no such day


def page_values(tree: Any) -> list[Found]:
    return [*json_ld_values(tree), *meta_values(tree), *time_values(tree), *title_values(tree),
            *byline_values(tree), *author_link_values(tree), *canonical_url(tree)]


def visible_lines(tree: Any) -> list[str]:
    """The page's text as a browser would lay it out, one block per line (no scripts, menus)."""
    chunks: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or not tag:
            return
        block = tag in BLOCK_TAGS
        chunks.append("\n" if block else EDGE)
        if el.text:
            chunks.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                chunks.append(child.tail)
        chunks.append("\n" if block else EDGE)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    text = GLUED_EDGE.sub(" ", "".join(chunks)).replace(EDGE, "")
    return [squash(line) for line in text.split("\n") if squash(line)]


# Where an inline element starts or ends (a character no page text holds). Two elements set side
# by side ("<span>By</span><a>Jane Doe</a>", "<span>Analyst</span><span>Updated Sep 17</span>")
# are apart on screen (styling spaces them) though their texts touch: a capital or a digit after a
# letter at an element's edge starts a new word. Text going on in lower case ("<b>T</b>he",
# "12<sup>th</sup>") is one word.
EDGE = "\x00"
GLUED_EDGE = re.compile(r"(?<=[^\W_])\x00+(?=[A-ZÀ-Þ0-9])")


MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")


def printed_date(iso: str) -> re.Pattern[str]:
    """How a known date (YYYY-MM-DD) may be printed: "July 24, 2024", "24 Jul 2024", "2024 Jul 24",
    "24.07.2024", "7/24/2024", "24-07-2024" … Numeric forms are accepted in either order, since
    the date is known and only its printing is looked for, unless day and month could be swapped
    ("03/04/2024"). A left edge may be glued ("EditorialJuly 24, 2024")."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    name = MONTH_NAMES[month - 1]
    sept = r"|sept\.?" if month == 9 else ""
    mon = rf"(?:{name}|{name[:3]}\.?{sept})"
    d = rf"0?{day}(?:st|nd|rd|th)?"
    forms = [
        rf"{mon}\s+{d},?\s+{year}",
        rf"\b{d}\s+(?:of\s+)?{mon},?\s+{year}",
        rf"\b{year},?\s+{mon}\.?\s+0?{day}\b",
        rf"\b{year}[-/.]0?{month}[-/.]0?{day}(?:\b|(?=T\d\d:\d\d))",
    ]
    if day > 12 or day == month:  # 03/04/2024 could be either date: only an unambiguous order counts
        forms += [rf"(?<!\d)0?{month}\s*[/.-]\s*0?{day}\s*[/.-]\s*{year}\b",
                  rf"(?<!\d)0?{day}\s*[/.-]\s*0?{month}\s*[/.-]\s*{year}\b"]
    return re.compile("|".join(forms), re.I)


def printed_line(lines: list[str], iso: str) -> int | None:
    """Index of the first of ``lines`` that prints the date ``iso``, or None."""
    pattern = printed_date(iso)
    return next((i for i, line in enumerate(lines) if pattern.search(line)), None)
