"""Metadata: title, authors, publication date, outlet and URL, each with its evidence.

Every source of a value is a *candidate* (value, method, confidence, snippet). Candidates
with the same value pool their support: the value whose best candidate has the highest
confidence, plus a small bonus for each other method that agrees, wins. All candidates
are kept as ``Evidence`` (the winner marked ``selected``), so a reader can see what else
was considered. A field with no candidate stays null: nothing is invented.

Sources, strongest first:

- ``provided:*`` — values the user gave (manifest sidecar, JSONL fields, a WARC record's
  target URI and date): confidence 1.0, they always win;
- ``html:*`` — the page's markup (JSON-LD, OpenGraph/meta tags, <h1>, byline elements,
  the dateline printed beside the headline, htmldate, the URL's path);
- ``text:*`` — the head of a text dump (title line, byline, dateline near the title);
- ``registry:*`` — the outlet registry (domain, textual signature, title suffix).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from pipeline import dates, names, textmeta, urls
from pipeline.config import Config
from pipeline.doc import Doc, Evidence
from pipeline.htmlmeta import H1_LOGO, Found, printed_date, printed_line, url_date
from pipeline.lines import normalise
from pipeline.outlets import Registry
from pipeline.stage import Stage

FIELDS = ("title", "authors", "date_published", "outlet", "url")
PROVIDED_ONLY = ("crawl_date", "license")  # never inferred: set by readers, shown as evidence
AGREEMENT_BONUS = 0.05  # per further method giving the same value
MIN_SUPPORT = 0.5  # a value below this (a lone weak guess) is kept as evidence, not selected
# A dateline or "By" line above the text but away from the headline: selected only when alone.
LOOSE_DATE_CONFIDENCE = 0.55
UPDATED = re.compile(r"\b(updated?|modified|revised|edited)\b", re.I)
# How far each kind of markup is trusted (before agreement).
# The page's one <h1> is the headline a reader sees; meta titles are often an SEO variant of it,
# so it outranks them even when several agree (dev: the labels follow the visible headline).
H1_CONFIDENCE = 0.99
TITLE_SOURCES = {"json-ld": 0.8, "meta[og:title]": 0.75, "meta[twitter:title]": 0.7, "title": 0.65}
AUTHOR_SOURCES = {"json-ld": 0.75, "meta[byl]": 0.75, "meta": 0.7, "byline-element": 0.6}
# The first <time> of a page may date a comment or a sidebar item: alone it is not enough.
# htmldate reads that same <time> and the same WebPage markup, so its agreement with one of them
# is one voice counted twice: such a pair (0.44 + 0.05) stays below MIN_SUPPORT; a third voice,
# or a stronger one, carries it.
WEAK_DATE_CONFIDENCE = 0.44
DATE_SOURCES = {"json-ld-page": WEAK_DATE_CONFIDENCE, "json-ld": 0.8, "meta": 0.8, "time": WEAK_DATE_CONFIDENCE}
SITE_SOURCES = {"meta[og:site_name]": 0.75, "json-ld": 0.7}


PROVIDED = "provided:"  # the method prefix of values the user gave


# Inferred values past these lengths are page text in a metadata slot (a 100 KB <title>, a
# paragraph as og:site_name), and dates outside these years are placeholders ("9999-12-31",
# "0001-01-01") or typos: kept as evidence with confidence 0, never selected.
MAX_CHARS = {"title": 300, "outlet": 120}
YEARS = range(1900, 2100)  # as ``dates.YEAR`` reads them in text


def valid_day(value: str) -> bool:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) == 10


def candidate(field: str, value: str | None, method: str, confidence: float, snippet: str) -> Evidence:
    if value and not method.startswith(PROVIDED):  # a user's value is kept exactly as given
        value = " ".join(value.split())  # a renderer's no-break or doubled spaces are not the value's
        if len(value) > MAX_CHARS.get(field, len(value)):
            method, confidence = f"{method}:too-long", 0.0
        elif field == "date_published" and not valid_day(value):
            method, confidence = f"{method}:not-a-date", 0.0
        elif field == "date_published" and int(value[:4]) not in YEARS:
            method, confidence = f"{method}:implausible-year", 0.0
        elif field == "outlet" and not any(ch.isalpha() for ch in value):
            method, confidence = f"{method}:not-a-name", 0.0  # "2019": a copyright year read as the site
    return Evidence(field=field, value=value, method=method, confidence=round(confidence, 4),
                    snippet=(snippet or "")[:300])


def provided_candidates(provided: dict[str, dict[str, str]]) -> list[Evidence]:
    """Values the user supplied: ``{field: {"value": …, "source": "manifest", "snippet": …}}``."""
    found = []
    for field, p in sorted(provided.items()):
        if field not in (*FIELDS, *PROVIDED_ONLY):
            continue
        # A value the user gave that could not be read (a malformed date) stays as evidence for a null.
        found.append(candidate(field, p["value"], f"{PROVIDED}{p['source']}", 1.0 if p["value"] else 0.0,
                               p.get("snippet") or p["value"] or ""))
    return found


# --- text dumps -----------------------------------------------------------------------


def head_candidates(head: textmeta.HeadMeta, prefix: str, reference: str | None) -> list[Evidence]:
    """Title, byline and dateline found near each other at the head of a page's lines."""
    found: list[Evidence] = []
    anchored = head.byline is not None or head.date is not None
    if head.title and head.title_text:
        found.append(candidate("title", head.title_text, f"{prefix}:title-line", 0.8 if anchored else 0.5,
                               head.title.text))
    if head.byline:
        people = head.authors
        conf = (0.8 if head.byline_prefixed else 0.7) if people else 0.0
        method = f"{prefix}:byline-line" + (":above-text" if head.loose_byline else "")
        conf = min(conf, LOOSE_DATE_CONFIDENCE) if head.loose_byline else conf
        found.append(candidate("authors", "; ".join(people) or None, method, conf, head.byline.text))
    if head.date and head.dateline:
        # The date printed beside the headline is the one a reader sees: it outranks one markup
        # source, not two that agree. An "Updated …" line dates a revision, not the publication.
        updated = bool(UPDATED.search(head.dateline.text))
        method = f"{prefix}:dateline:{head.date.pattern}" + (":updated" if updated else "")
        confidence = 0.88 if updated else 0.92
        if head.loose_date:
            method, confidence = method + ":above-text", LOOSE_DATE_CONFIDENCE
        found.append(candidate("date_published", head.date.iso, method, confidence, head.dateline.text))
    elif head.relative:
        found.append(relative_candidate(head.relative.text, prefix, reference))
    return found


def relative_candidate(text: str, prefix: str, reference: str | None) -> Evidence:
    """A dateline without a year: resolved against a real reference date, or kept as a null."""
    if reference and (resolved := dates.resolve_relative(text, reference)):
        return candidate("date_published", resolved.iso, f"{prefix}:dateline:{resolved.pattern}", 0.6,
                         f"{text} (resolved against crawl date {reference})")
    return candidate("date_published", None, f"{prefix}:dateline:relative-unresolved", 0.0,
                     f"{text} (no reference date to resolve it against)")


# A "By" or "Published" line away from the head (an author box, a dateline under the article):
# selected only when alone.
ELSEWHERE_CONFIDENCE = 0.55
BESIDE_BYLINE_CONFIDENCE = 0.6  # a date on or under a "By" line away from the head (above LOOSE_DATE_CONFIDENCE)
# A "By" line beside the headline that names no person: its credit (a desk, a pen name) as printed.
CREDIT_CONFIDENCE = 0.6


def text_candidates(doc: Doc, registry: Registry) -> list[Evidence]:
    page_text = doc.hints.get("page_text", "")
    head = textmeta.find_head(page_text)
    found = head_candidates(head, "text", doc.crawl_date)
    # A byline crediting a desk ("Staff Correspondents") says the page names nobody: no search further;
    # a "By" line or a team named beside the headline ("Everfit Team") is the page's credit, as printed.
    credited = head.byline is not None and names.collective_byline(head.byline.text)
    if head.credit and head.byline is not None:  # find_head sets a credit only for a byline naming nobody
        found.append(candidate("authors", "; ".join(head.credit), "text:byline-line:credit", CREDIT_CONFIDENCE,
                               head.byline.text))
        credited = True
    lines = textmeta.content_lines(page_text)
    if not head.authors and not credited and (elsewhere := textmeta.page_byline(lines)):
        line, people = elsewhere
        found.append(candidate("authors", "; ".join(people), "text:byline-line:elsewhere", ELSEWHERE_CONFIDENCE,
                               line.text))
    published = textmeta.page_dateline(lines) if head.date is None and head.relative is None else None
    if published:
        line, date = published
        found.append(candidate("date_published", date.iso, f"text:dateline:{date.pattern}:elsewhere",
                               ELSEWHERE_CONFIDENCE, line.text))
    elif (head.date is None or head.loose_date) and head.relative is None \
            and (beside := textmeta.byline_dateline(lines)):
        # A dateline beside a "By" line is the article's, wherever the headline was taken: it outranks
        # a lone date above the text.
        line, date = beside
        found.append(candidate("date_published", date.iso, f"text:dateline:{date.pattern}:beside-byline",
                               BESIDE_BYLINE_CONFIDENCE, line.text))
    site = head.title_site or textmeta.site_suffix(page_text, head.title_text)
    return found + suffix_candidates(registry, site)


# --- HTML -----------------------------------------------------------------------------


def trust(table: dict[str, float], source: str, default: float) -> float:
    return next((conf for key, conf in table.items() if source.startswith(key)), default)


def site_names(found: list[Found], registry: Registry, url: str | None) -> list[str]:
    sites = [f.value for f in found if f.field == "site"]
    if outlet := registry.by_domain(url):
        sites += [outlet.name, *outlet.aliases]
    host = urls.host(url)
    labels = [p for p in host.lower().split(".") if p not in ("www", "com", "org", "net", "co", "uk", "io")]
    return sites + labels + domain_names(host)


def domain_names(host: str) -> list[str]:
    """The host and its parent domains ("promotions.newegg.com", "newegg.com"), as a title's
    suffix may name the site ("GAME CHANGER | Newegg.com")."""
    parts = host.lower().removeprefix("www.").split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def strip_site(title: str, sites: list[str]) -> str:
    """The headline without a " | Site" suffix (or "Site | " prefix)."""
    keys = {normalise(s) for s in sites if normalise(s)}
    compact = {k.replace(" ", "") for k in keys}
    for sep in (" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " / ", ": "):
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if tail and (normalise(tail) in keys or normalise(tail).replace(" ", "") in compact):
            return strip_site(head.strip(), sites)
        first, _, rest = title.partition(sep)
        if rest and (normalise(first) in keys or normalise(first).replace(" ", "") in compact):
            return strip_site(rest.strip(), sites)
    text, site = textmeta.split_title(title)
    return text if site and len(site.split()) <= 3 and long_enough(text) else title


def long_enough(text: str) -> bool:
    return len(text.split()) >= 3


def title_candidates(found: list[Found], sites: list[str]) -> list[Evidence]:
    out = []
    meta_keys = set()
    meta_titles = []
    for f in found:
        if f.field != "title" or f.source.startswith("h1"):
            continue
        title = strip_site(f.value, sites)
        meta_keys.add(normalise(title))
        meta_titles.append(title)
        method = f"html:{f.source}" + (":site-removed" if title != f.value else "")
        out.append(candidate("title", title, method, trust(TITLE_SOURCES, f.source, 0.6), f.value))
    out += not_headlines(found)
    h1s = [f.value for f in found if f.field == "title" and f.source == "h1"
           and len(f.value.split()) <= H1_MAX_WORDS]
    matching = [h for h in h1s if normalise(h) in meta_keys]
    parts = [(h, part) for h in h1s if not matching and (part := meta_title_part(h, meta_keys))]
    restored = [(h, title) for h in h1s if (title := restored_title(h, meta_titles))]
    if restored:
        out.append(candidate("title", restored[0][1], "html:h1:charset-restored", H1_CONFIDENCE, restored[0][0]))
    elif parts:
        # "Headline | Opinion", "Blog: Headline", "Dec 18 2025 Headline": the <h1> is the meta
        # title plus a label or a date set off from it; the headline is the meta title's part.
        out.append(candidate("title", parts[0][1], "html:h1:meta-title-part", H1_CONFIDENCE, parts[0][0]))
    elif matching:
        out.append(candidate("title", matching[0], "html:h1:matches-meta-title", 0.9, matching[0]))
    elif h1s:
        # Several <h1> (logo, widgets): the one sharing most words with the meta titles is the headline.
        h1, overlap = max(((h, similarity(h, meta_keys)) for h in h1s), key=lambda p: p[1])
        if overlap >= 0.5:
            out.append(candidate("title", h1, "html:h1:like-meta-title", H1_CONFIDENCE, h1))
        else:
            out.append(candidate("title", h1s[0], "html:h1", h1_confidence(h1s), h1s[0]))
    return out


# Characters a page lost to a charset slip: "Beginner? Guide" for "Beginner's Guide".
LOST_CHARS = re.compile(r"\\\?|\ufffd")


def restored_title(h1: str, titles: list[str]) -> str | None:
    """The markup title that ``h1`` is, with a character or two lost to "?" or "\ufffd" here and there:
    the markup kept the text the <h1> shows garbled."""
    if "?" not in h1 and "\ufffd" not in h1:
        return None
    pattern = re.compile(LOST_CHARS.sub(".{1,3}", re.escape(h1)))
    return next((t for t in titles if t != h1 and "\ufffd" not in t and pattern.fullmatch(t)), None)


# An <h1> longer than this is a teaser paragraph set in headline type, not a headline.
H1_MAX_WORDS = 30


def not_headlines(found: list[Found]) -> list[Evidence]:
    """<h1> elements that are not the headline (the site's logo, a paragraph), kept as evidence only."""
    out = []
    for f in found:
        if f.field == "title" and f.source == H1_LOGO:
            out.append(candidate("title", f.value, "html:h1:site-logo", 0.0, f.value))
        elif f.field == "title" and f.source == "h1" and len(f.value.split()) > H1_MAX_WORDS:
            out.append(candidate("title", f.value, "html:h1:too-long", 0.0, f.value))
    return out


H1_EXTRA = re.compile(r"\s+[|\-–—·•]\s+|:\s+|\s+(?=\()")


def meta_title_part(h1: str, meta_keys: set[str]) -> str | None:
    """The part of ``h1`` that is a meta title, when the rest is set off by a separator ("Headline
    | Opinion", "Blog: Headline", "Headline (example.com) 87") or is a date ("Dec 18 2025 Headline")."""
    cuts = [(m.start(), m.end()) for m in H1_EXTRA.finditer(h1)]
    if (printed := dates.find_dates(h1)) and h1.startswith(printed[0].snippet):
        cuts.append((0, len(printed[0].snippet)))
    if printed and h1.endswith(printed[-1].snippet):
        cuts.append((len(h1) - len(printed[-1].snippet), len(h1)))
    for start, end in cuts:
        for part in (h1[:start], h1[end:]):
            part = part.strip(" |-–—·•:")
            if long_enough(part) and normalise(part) in meta_keys:
                return part
    return None


# A short <h1> ("Gazette Blog") yields to two markup titles that agree (0.75 + 0.05), not to one.
SHORT_H1_CONFIDENCE = 0.79


def h1_confidence(h1s: list[str]) -> float:
    """One <h1> of a headline's length is the headline; a short one is often the site's name."""
    if len(h1s) > 1:
        return 0.6
    return H1_CONFIDENCE if long_enough(h1s[0]) else SHORT_H1_CONFIDENCE


def similarity(text: str, keys: set[str]) -> float:
    """Best word overlap (Jaccard) of ``text`` with any of ``keys``."""
    words = set(normalise(text).split())
    return max((len(words & set(k.split())) / len(words | set(k.split())) for k in keys if k), default=0.0)


def author_candidates(found: list[Found]) -> list[Evidence]:
    out = []
    ld = [f for f in found if f.field == "author" and f.source.startswith("json-ld")]
    if ld:
        people = list(dict.fromkeys(p for f in ld for p in names.parse_byline(f.value, single=True)))
        snippet = "; ".join(f.value for f in ld)
        out.append(candidate("authors", "; ".join(people) or None, f"html:{ld[0].source}",
                             AUTHOR_SOURCES["json-ld"] if people else 0.0, snippet))
    out += meta_author_lists(found)
    for f in found:
        if f.field != "author" or f.source.startswith("json-ld") or f.value.startswith("http"):
            continue
        people, _ = textmeta.byline_names(f.value)
        people = people or names.parse_byline(f.value.replace(";", ","), single=f.source.startswith("meta"))
        source = f.source if f.source.startswith("meta") else "byline-element:" + f.source
        conf = trust(AUTHOR_SOURCES, source, 0.6) if people else 0.0
        out.append(candidate("authors", "; ".join(people) or None, f"html:{source}", conf, f.value))
    return out


def inverted_name(value: str) -> str:
    """ "Roy, Aniruddha" (citation_author's order) as "Aniruddha Roy"; other values unchanged."""
    last, sep, first = value.partition(",")
    if sep and "," not in first and names.parse_byline(f"{first.strip()} {last.strip()}"):
        return f"{first.strip()} {last.strip()}"
    return value


def meta_author_lists(found: list[Found]) -> list[Evidence]:
    """A meta tag given once per author (citation_author, dc.creator …): all of them, as one list."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for f in found:
        meta = f.field == "author" and f.source.startswith("meta") and not f.value.startswith("http")
        if meta and f.value not in by_key[f.source]:
            by_key[f.source].append(f.value)
    out = []
    for source, values in by_key.items():
        if len(values) < 2:
            continue
        people = [names.parse_byline(inverted_name(v), single=True) for v in values]
        if all(len(p) == 1 for p in people):  # one person per tag, or it is not a list of authors
            listed = list(dict.fromkeys(p[0] for p in people))
            out.append(candidate("authors", "; ".join(listed), f"html:{source}:all", 0.75, "; ".join(values)))
    return out


# Machine dates written year first in other ways: "2019/1/22", "2024 Jun 30" (citation_publication_date),
# "20200320". Year first, the order of month and day is not in doubt.
YEAR_FIRST = re.compile(r"^((?:19|20)\d\d)[/. ]([01]?\d|[a-z]{3,9}\.?)[/. ]([0-3]?\d)(?!\d)", re.I)
COMPACT = re.compile(r"^((?:19|20)\d\d)([01]\d)([0-3]\d)$")


def iso_date(value: str) -> str | None:
    """YYYY-MM-DD from a machine date ("2024-07-24T10:00:00+02:00") or a written one."""
    value = value.strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        iso = dates.to_iso(*(int(x) for x in (value[:4], value[5:7], value[8:10]))) if value[:4].isdigit() and \
            value[5:7].isdigit() and value[8:10].isdigit() else None
        if iso:
            return iso
    if m := YEAR_FIRST.match(value) or COMPACT.match(value):
        year, month, day = m.groups()
        if month.isdigit() or month.lower().rstrip(".") in dates.MONTHS:
            return dates.to_iso(int(year), dates.month_number(month), int(day))
    found = dates.find_dates(value)
    return found[0].iso if found else None


def date_candidates(found: list[Found], meta: dict[str, Any], url: str | None) -> list[Evidence]:
    out = []
    for f in found:
        if f.field == "date" and (iso := iso_date(f.value)):
            out.append(candidate("date_published", iso, f"html:{f.source}", trust(DATE_SOURCES, f.source, 0.7),
                                 f.value))
    if meta.get("date"):
        # htmldate alone guesses from page furniture too often; it counts only with a second source.
        out.append(candidate("date_published", meta["date"][:10], "html:htmldate-original", WEAK_DATE_CONFIDENCE,
                             meta["date"]))
    if iso := url_date(url):
        out.append(candidate("date_published", iso, "html:url-path", 0.65, url or ""))
    return out


def site_candidates(found: list[Found], meta: dict[str, Any], registry: Registry) -> list[Evidence]:
    out = []
    for f in found:
        if f.field == "site" and not f.value.startswith("@"):
            outlet = registry.by_alias(f.value)
            name = outlet.name if outlet else f.value
            out.append(candidate("outlet", name, f"html:{f.source}", trust(SITE_SOURCES, f.source, 0.5), f.value))
    return out


def trafilatura_candidates(meta: dict[str, Any], sites: list[str]) -> list[Evidence]:
    """What trafilatura's own metadata extraction read (title, author), as one more voice."""
    out = []
    if meta.get("title"):
        out.append(candidate("title", strip_site(meta["title"], sites), "html:trafilatura-title", 0.6,
                             meta["title"]))
    if meta.get("author"):
        out.append(trafilatura_author(meta["author"]))
    if meta.get("sitename"):
        out.append(candidate("outlet", meta["sitename"], "html:trafilatura-sitename", 0.55, meta["sitename"]))
    return out


# A comment form's field label that trafilatura read as the page's author ("Name", "Username").
FORM_LABELS = frozenset({"name", "username", "user name", "your name", "nickname"})


def trafilatura_author(value: str) -> Evidence:
    if value.strip().rstrip(":*").strip().lower() in FORM_LABELS:
        return candidate("authors", None, "html:trafilatura-author:form-label", 0.0, value)
    people = names.parse_byline(value.replace(";", ","), single=True)
    return candidate("authors", "; ".join(people) or None, "html:trafilatura-author", 0.7 if people else 0.0, value)


def html_candidates(doc: Doc, registry: Registry) -> list[Evidence]:
    found = [Found(*f) for f in doc.hints.get("html_found", [])]
    meta = doc.hints.get("html_meta") or {}
    url = page_url(doc)
    sites = site_names(found, registry, url)
    out = title_candidates(found, sites) + author_candidates(found) + date_candidates(found, meta, url)
    out += site_candidates(found, meta, registry) + trafilatura_candidates(meta, sites)
    page_title = next((f.value for f in found if f.field == "title" and f.source == "title"), "")
    out += suffix_candidates(registry, textmeta.split_title(page_title)[1])
    if meta.get("url"):
        out.append(candidate("url", meta["url"], "html:canonical-url", 0.8, meta["url"]))
    # The headline finder looks for the dateline beside the <h1> (or the best markup title), as before.
    hint = best_value(out, "title")
    visible = doc.hints.get("visible_text", "")
    out += printed_meta_titles(out, visible)
    head = textmeta.find_head(visible, title_hint=hint)
    if head.title is None:
        head = textmeta.find_head(visible)
        # The page's own headline line, found by its byline and dateline: one more voice for the title.
        if head.title_text and (head.byline or head.date):
            out.append(candidate("title", head.title_text, "html:visible:title-line", 0.78, head.title.text))
    visible_dates = [e for e in head_candidates(head, "html:visible", doc.crawl_date) if e.field != "title"]
    published = markup_dates(out)
    shown = [in_dated_list(as_markup_date(revision_date(updated_above(e, visible, head)), head, published, visible),
                           visible, head) for e in visible_dates]
    out += [revised_after_markup(e, published) for e in shown]
    if not any(e.field == "date_published" and e.value and e.confidence > 0 for e in shown):
        out += time_under_headline(found, visible, head)
    if head.date is None and head.relative is None:
        out += published_elsewhere(visible)
    out += printed_candidates(out, visible, head)
    return out


# Markup titles: the SEO <title>, OpenGraph/Twitter cards, JSON-LD headline.
MARKUP_TITLE_METHODS = ("html:title", "html:meta[", "html:json-ld")
# A markup title the page also prints as a line of its own (a heading, the post's title in its
# header) is a headline a reader sees, named twice: it stands level with the <h1>, and the markup
# sources agreeing with it decide (dev: where the <h1> and the markup titles differ, a printed
# markup title was the label every time; an <h1> is often a section name or a teaser).
PRINTED_TITLE_CONFIDENCE = H1_CONFIDENCE


def printed_meta_titles(found: list[Evidence], visible: str) -> list[Evidence]:
    h1s = {normalise(e.value) for e in found if e.field == "title" and e.value and e.method.startswith("html:h1")}
    titles = {normalise(e.value): e.value for e in found if e.field == "title" and e.value and e.confidence > 0
              and e.method.startswith(MARKUP_TITLE_METHODS) and long_enough(e.value)}
    if h1s & titles.keys():
        return []  # the <h1> is one of the markup titles: the headline is settled
    wanted = dict(titles)
    out = []
    for line in visible.split("\n"):
        if (key := normalise(line)) in wanted:
            out.append(candidate("title", wanted.pop(key), "html:visible:meta-title-line", PRINTED_TITLE_CONFIDENCE,
                                 line))
    return out


TIME_UNDER_HEADLINE_CONFIDENCE = 0.6  # as a date beside a "By" line


def time_under_headline(found: list[Found], visible: str, head: textmeta.HeadMeta) -> list[Evidence]:
    """No dateline read beside the headline: a <time> whose shown text is a line right under the
    headline ("03/01/2017", "12/19 — 2025") dates the article by its datetime, if only one does."""
    if head.title is None:
        return []
    lines = visible.split("\n")
    near = {normalise(line) for line in lines[head.title.no : head.title.no + textmeta.HEAD_WINDOW]}
    hits: dict[str, str] = {}
    for f in found:
        # a <time> showing only marks ("—") would match any separator line
        if f.field == "time" and (key := normalise(f.shown)) and key in near and (iso := iso_date(f.value)):
            hits.setdefault(iso, f.shown)
    if len(hits) != 1:
        return []
    iso, shown = next(iter(hits.items()))
    return [candidate("date_published", iso, "html:visible:time-under-headline", TIME_UNDER_HEADLINE_CONFIDENCE,
                      shown)]


def published_elsewhere(visible: str) -> list[Evidence]:
    """No dateline beside the headline: a "Published on …" / "Posted …" line elsewhere on the page
    (an article footer, a meta bar the headline finder did not reach), weak as in a text dump; else
    the date on or right under a "By" line naming someone (a byline below a standfirst and a caption,
    past the headline's window), as in a text dump."""
    lines = textmeta.content_lines(visible)
    if found := textmeta.page_dateline(lines):
        line, date = found
        return [candidate("date_published", date.iso, f"html:visible:dateline:{date.pattern}:elsewhere",
                          ELSEWHERE_CONFIDENCE, line.text)]
    if beside := textmeta.byline_dateline(lines):
        line, date = beside
        return [candidate("date_published", date.iso, f"html:visible:dateline:{date.pattern}:beside-byline",
                          BESIDE_BYLINE_CONFIDENCE, line.text)]
    return []


PRINTED_WINDOW = 40  # lines from the headline (or the page's top) where a date printed confirms one
PRINTED_CONFIDENCE = 0.55
TODAY = re.compile(r"\btoday\b", re.I)


def printed_candidates(found: list[Evidence], visible: str, head: textmeta.HeadMeta) -> list[Evidence]:
    """A date from the markup or htmldate that the page also prints near its headline: one more voice
    (a reader sees it), so htmldate's guess stands once the page shows the same date."""
    lines = visible.split("\n")
    start = max(0, head.title.no - 1) if head.title is not None else 0
    window = lines[start : start + PRINTED_WINDOW]
    shown = {e.value for e in found if e.field == "date_published" and e.method.startswith("html:visible")}
    out = []
    for value in dict.fromkeys(e.value for e in found if e.field == "date_published" and e.value and e.confidence > 0):
        if value in shown:
            continue
        # A date printed as "Updated …" is a revision's, one printed as "Open today, …" the day the
        # page was fetched: neither confirms a publication date.
        if (i := printed_line(window, value)) is not None and not UPDATED.search(window[i]) \
                and not TODAY.search(window[i]) and leads_with(window[i], value):
            out.append(candidate("date_published", value, "html:visible:printed", PRINTED_CONFIDENCE, window[i]))
    return out


# A date printed after more words than a label's ("Published:", "Essay - Posted on") is said in a
# sentence ("Posted on the Association's community forum on 2025-07-09:"): a quoted item's date.
PRINTED_LEAD_WORDS = 4


def leads_with(line: str, value: str) -> bool:
    m = printed_date(value).search(line)
    return m is not None and len(line[: m.start()].split()) <= PRINTED_LEAD_WORDS


# A page's "Updated …" date is a revision's: the markup's publication date outranks it once
# a second source agrees with the markup (json-ld 0.8 + htmldate's agreement > this).
UPDATED_DATELINE_CONFIDENCE = 0.84


def revision_date(e: Evidence) -> Evidence:
    if e.field == "date_published" and ":updated" in e.method and e.confidence > UPDATED_DATELINE_CONFIDENCE:
        return replace(e, confidence=UPDATED_DATELINE_CONFIDENCE)
    return e


# A markup publication date is "json-ld:…datePublished" or a meta tag such as article:published_time.
MARKUP_DATE_METHODS = ("html:json-ld", "html:meta")
# An "Updated …" dateline later than the markup's publication date only says when the page was
# revised: it stays as evidence but yields to the markup even when htmldate or the dateline's own
# <time datetime> (the same printed date, not a second source) agree with it.
REVISED_CONFIDENCE = 0.6


def markup_dates(found: list[Evidence]) -> set[str]:
    """Publication dates the markup states on its own authority (a weak WebPage date is not one)."""
    return {e.value for e in found if e.field == "date_published" and e.value and e.confidence >= MIN_SUPPORT
            and e.method.startswith(MARKUP_DATE_METHODS)}


def revised_after_markup(e: Evidence, published: set[str]) -> Evidence:
    if e.field != "date_published" or ":updated" not in e.method or not e.value or not published:
        return e
    if e.value in published or e.value < min(published):
        return e
    return replace(e, method=e.method + ":after-markup-date", confidence=min(e.confidence, REVISED_CONFIDENCE))


# A numeric date either way round ("09.10.2024": 9 October or September 10).
NUMERIC_DATE = re.compile(r"(?<!\d)([0-3]?\d)[./-]([0-3]?\d)[./-]((?:19|20)\d\d)(?!\d)")


def as_markup_date(e: Evidence, head: textmeta.HeadMeta, published: set[str], visible: str) -> Evidence:
    """A dateline that can be read as the markup's publication date is that date: "09.10.2024" read
    day first is 9 October, but the markup's 2024-09-10 says month first; a dateline printing two dates
    ("May 21, 2025 | April 24, 2025": revision, then publication) prints the markup's one too."""
    if e.field != "date_published" or not e.value or e.value in published or head.dateline is None \
            or ":updated" in e.method:
        return e
    lines = [head.dateline.text, *visible.split("\n")[head.dateline.no : head.dateline.no + 1]]
    lines = [line for line in lines if len(line.split()) <= DATED_LIST_MAX_WORDS]
    readings = {dates.to_iso(int(y), int(m), int(d)) for a, b, y in NUMERIC_DATE.findall(head.dateline.text)
                for m, d in ((a, b), (b, a))}
    for value in sorted(published):
        if value in readings or (i := printed_line(lines, value)) is not None:
            shown = head.dateline.text if value in readings else lines[i]
            return replace(e, value=value, method=e.method + ":as-markup-date", snippet=shown[:300])
    return e


# Other short lines printing dates this near a dateline: it is one entry of a list of dated items
# (recent posts, an archive, events), not the article's dateline.
DATED_LIST_WINDOW = 4
DATED_LIST_MIN_OTHERS = 2
DATED_LIST_MAX_WORDS = 12


def in_dated_list(e: Evidence, visible: str, head: textmeta.HeadMeta) -> Evidence:
    if e.field != "date_published" or not e.value or head.dateline is None:
        return e
    lines = visible.split("\n")
    at = head.dateline.no - 1
    near = lines[max(0, at - DATED_LIST_WINDOW) : at] + lines[at + 1 : at + 1 + DATED_LIST_WINDOW]
    others = {line for line in near if len(line.split()) <= DATED_LIST_MAX_WORDS and prints_date(line)
              and printed_line([line], e.value) is None}
    if len(others) < DATED_LIST_MIN_OTHERS:
        return e
    return replace(e, method=e.method + ":in-dated-list", confidence=0.0)


def prints_date(line: str) -> bool:
    return bool(NUMERIC_DATE.search(line) or dates.find_dates(line))


UPDATED_LABEL = re.compile(r"^(?:last\s+)?(?:updated|modified|revised|edited)(?:\s+on)?\s*:?$", re.I)


def updated_above(e: Evidence, visible: str, head: textmeta.HeadMeta) -> Evidence:
    """A dateline under a bare "Updated on" / "Last updated:" line dates a revision, as one that says it."""
    if e.field != "date_published" or not e.value or head.dateline is None or ":updated" in e.method:
        return e
    lines = visible.split("\n")
    above = lines[head.dateline.no - 2] if head.dateline.no >= 2 else ""
    if not UPDATED_LABEL.match(above.strip()):
        return e
    loose = e.method.endswith(":above-text")
    method = e.method.removesuffix(":above-text") + ":updated" + (":above-text" if loose else "")
    return replace(e, method=method, confidence=min(e.confidence, 0.88), snippet=f"{above} {e.snippet}"[:300])


# --- outlets and selection ------------------------------------------------------------


def suffix_candidates(registry: Registry, site_suffix: str | None) -> list[Evidence]:
    if not site_suffix:
        return []
    outlet = registry.by_alias(site_suffix)
    if outlet:
        return [candidate("outlet", outlet.name, "registry:title-suffix", 0.85, site_suffix)]
    return [candidate("outlet", site_suffix, "text:title-suffix", 0.5, site_suffix)]


def page_url(doc: Doc) -> str | None:
    """The page's address: given by the user or the crawl, else its canonical link."""
    return doc.given_url or (doc.hints.get("html_meta") or {}).get("url")


def outlet_candidates(registry: Registry, doc: Doc) -> list[Evidence]:
    found = []
    url = page_url(doc)
    if outlet := registry.by_domain(url):
        found.append(candidate("outlet", outlet.name, "registry:domain", 0.95, url or ""))
    if hit := registry.by_signature(doc.hints.get("page_text", "")):
        found.append(candidate("outlet", hit[0].name, "registry:signature", 0.9, hit[1]))
    return found


# Sources that copy another one's value: trafilatura's title is the page's og:title, <title> or
# <h1> read again, so its agreement is no further voice (five copies of one SEO title outvoted
# the <h1>).
ECHOES = ("html:trafilatura-title",)


def support(found: list[Evidence], field: str) -> dict[str, float]:
    """Each value's score: its best candidate's confidence plus a bonus per agreeing method."""
    best: dict[str, float] = {}
    methods: dict[str, set[str]] = defaultdict(set)
    for e in found:
        if e.field == field and e.value and e.confidence > 0:
            key = value_key(field, e.value)
            best[key] = max(best.get(key, 0.0), e.confidence)
            if not e.method.startswith(ECHOES):
                methods[key].add(":".join(e.method.split(":")[:2]))
    return {k: best[k] + AGREEMENT_BONUS * (len(methods[k]) - 1) for k in best}


def value_key(field: str, value: str) -> str:
    return value if field in ("date_published", "url") else normalise(value)


def best_value(found: list[Evidence], field: str) -> str | None:
    chosen = select(found, field)
    return chosen.value if chosen else None


def select(found: list[Evidence], field: str) -> Evidence | None:
    given = [e for e in found if e.field == field and e.value and e.method.startswith(PROVIDED)]
    if given:
        return given[0]  # what the user said wins, whatever the page says
    scores = {k: v for k, v in support(found, field).items() if v >= MIN_SUPPORT}
    if not scores:
        return None
    # Highest score; ties go to the value seen first (sources are listed strongest first).
    order = {}
    for i, e in enumerate(found):
        if e.field == field and e.value and e.confidence > 0:
            order.setdefault(value_key(field, e.value), i)
    key = max(scores, key=lambda k: (scores[k], -order[k]))
    return max((e for e in found if e.field == field and e.value and value_key(field, e.value) == key),
               key=lambda e: e.confidence)


def provided_only(e: Evidence) -> bool:
    return e.field in PROVIDED_ONLY and e.value is not None


class Metadata(Stage):
    name = "metadata"

    def __init__(self, config: Config) -> None:
        self.registry = Registry(config.outlets)

    def process_doc(self, doc: Doc) -> None:
        found = provided_candidates(doc.hints.get("provided") or {})
        if "html_found" in doc.hints:
            found += html_candidates(doc, self.registry)
        else:
            found += text_candidates(doc, self.registry)
        found += outlet_candidates(self.registry, doc)
        chosen = {field: select(found, field) for field in FIELDS}
        for field, evidence in chosen.items():
            value = evidence.value if evidence else None
            if field == "authors":
                doc.authors = value.split("; ") if value else []
            else:
                setattr(doc, field, value)
        doc.evidence = [replace(e, selected=True) if e is chosen.get(e.field) or provided_only(e) else e
                        for e in found]
