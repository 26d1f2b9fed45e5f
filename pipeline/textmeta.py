"""Title, byline and dateline lines of a text dump.

The clean stage calls ``mark_metadata_lines``: the lines found here get a ``role``
(they leave the body) and their text is handed to the metadata stage, which turns it
into values with evidence.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from pipeline import dates, names
from pipeline.lines import WORD, Line, make_line, normalise, split_lines, stopwords

if TYPE_CHECKING:
    from pipeline.textclean import CleanedText

TITLE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
METADATA_WINDOW = 3  # how many non-blank lines from the title a byline or dateline may stand


def mark_metadata_lines(result: CleanedText, first_body: int) -> None:
    lines = result.lines
    result.title = find_title(lines, first_body)
    if result.title:
        result.title.role = "title"
        title_text, result.title_site = split_title(result.title.text)
        result.title_site = mark_repeated_title(lines, title_text) or result.title_site
    find_byline_and_dateline(result)


def split_title(text: str) -> tuple[str, str | None]:
    m = TITLE_SUFFIX.match(text)
    if m and len(m["site"].split()) <= 4:
        return m["title"].strip(), m["site"].strip()
    return text, None


def title_like(line: Line) -> bool:
    return line.kept and 3 <= line.words <= 30 and not line.bullet and not line.text.endswith(".")


def find_title(lines: list[Line], first_body: int) -> Line | None:
    """The head line nearest the body that is followed by a byline or dateline and is neither
    itself ("By Jane Doe" above "March 3, 2024" is no headline), else the first."""
    above_body = [ln for ln in lines[:first_body] if ln.kept and not ln.blank]  # every head line is one of them
    said: dict[int, bool] = {}  # memo: a line stands in the windows of several head lines
    for k in range(len(above_body) - 1, -1, -1):
        after = above_body[k + 1 : k + 1 + METADATA_WINDOW]
        if title_like(above_body[k]) and any(names_or_dates(ln, said) for ln in after) \
                and not names_or_dates(above_body[k], said):
            return above_body[k]
    first = next((ln for ln in lines if not ln.blank), None)
    return first if first is not None and first.no <= first_body and title_like(first) else None


def names_or_dates(line: Line, said: dict[int, bool]) -> bool:
    """Whether the line is a dateline or a byline naming someone (memoised in ``said``)."""
    if line.no not in said:
        said[line.no] = bool(dates.dateline(line.text) or names.parse_byline(line.text))
    return said[line.no]


def near(lines: list[Line], anchor: Line, window: int = METADATA_WINDOW) -> list[Line]:
    """Non-blank lines within ``window`` positions after ``anchor``, removed or not."""
    following = [ln for ln in lines[anchor.no :] if not ln.blank]
    return following[:window]


def find_byline_and_dateline(result: CleanedText) -> None:
    """A byline and dateline right after the title (or after the standfirst and date widgets),
    and a dateline right after the byline."""
    anchors = [result.title] if result.title else []
    anchors += [ln for ln in result.lines if ln.rule == "updated-on-widget"][:1]
    for anchor in anchors:
        take_byline_and_dateline(result, near(result.lines, anchor, METADATA_WINDOW + 2))
    if result.byline is not None and result.dateline is None:
        take_byline_and_dateline(result, near(result.lines, result.byline, METADATA_WINDOW + 2))


def take_byline_and_dateline(result: CleanedText, candidates: list[Line]) -> None:
    for line in candidates:
        if not line.kept or line.prose:
            continue
        found = dates.dateline(line.text)
        if found and result.dateline is None:
            line.role, result.dateline = "dateline", line
            result.datelines.append(found)
        elif result.byline is None and (names.parse_byline(line.text) or bylike(line)):
            line.role, result.byline = "byline", line


def bylike(line: Line) -> bool:
    """A short capitalised line next to a date widget: a byline, even if it names no person."""
    return 2 <= line.words <= 4 and line.title_case == 1.0 and not line.terminal


def mark_repeated_title(lines: list[Line], title: str) -> str | None:
    """Remove copies of the title; return a site name found as a suffix on one of them."""
    key, site = normalise(title), None
    for line in lines:
        if not line.text or line.rule or line.role:  # not kept, or blank
            continue
        # A line's key holds the title's key only if its own does: it is a copy or a
        # breadcrumb ending in the title only then (split_title cuts at a space).
        if key and key not in line.key:
            continue
        text, suffix = split_title(line.text)
        text_key = normalise(text)
        if text_key == key:
            line.rule = "repeated-title"
            site = site or suffix
        elif text_key.endswith(key) and line.words <= len(key.split()) + 4 and not line.terminal:
            line.rule = "breadcrumb"
    return site




# --- Metadata of a whole page's lines (text dumps, and the visible lines of an HTML page) ---
#
# A page's head reads: (menus…) title, then within a few lines a byline of 2–4 capitalised
# words or "By …", and a dateline. ``find_head`` looks for that shape and returns the lines
# with what they say. The date taken is the one nearest the title, so the dates of a
# "Recent Posts" list further down never compete with it.

HEAD_PARAGRAPH_WORDS = 10  # a shorter sentence under a headline is a caption or an image's alt text
HEAD_WINDOW = 8  # non-blank lines after the title where a byline or dateline may stand
BEFORE_WINDOW = 4  # ... and before it (some pages print the date above the headline)
DATELINE_MAX_WORDS = 16
BREADCRUMB = re.compile(r"\s[>»›/]\s|^(home|main)\s*[>»›/]", re.I)
# "Written byby Jane Doe", "Written byJane Doe": a renderer glued the link's own "by" or the name.
BY_PREFIX = re.compile(
    r"^(?:(?:written|words|story|reporting|posted)\s+by(?:by\b|\b|(?=[A-Z]))|by\b|By(?=[A-Z]))[\s:]*", re.I)
INNER_BY = re.compile(r"(?<=\s)by\s+(?=[A-Z])", re.I)
# Before an inner "by": a date ("On May 2, 2025 By …") or no words at all ("0 · by …": a comment count).
NO_WORDS = re.compile(r"^[\W\d_]*$")
# "By Jane Doe In Budget Travel" (or glued: "Jane DoeIn Budget Travel"): the section follows.
IN_SECTION = re.compile(r"(?:\s+|(?<=[a-z]))In\s+(?=[A-Z])")
DATE_WORDS = re.compile(r"^(?:published|updated|posted|last updated|modified)\b", re.I)
BARE_NAME_TO_DATE = 2  # a byline without "By" must stand this close to the dateline
UI_SHARE = 0.75  # above this share of widget words, a short line is a button or menu, not a headline
# Where a byline's names end: a date keyword (also glued: "MillerPublished"), a separator.
BYLINE_END = re.compile(
    r"(?:(?<=[a-z])(?=(?:Published|Updated|Posted|Last|Modified|Reviewed|Fact)\b))|"
    # a date glued to the name: "Kathryn GiuffridaMar 5, 2025"
    r"(?:(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d))|"
    # a date keyword glued to its date: "By Rhonda Krause UpdatedJanuary 25, 2026"
    r"\s*(?:\||•|·|⋅|—|–\s|\bon\s+(?=[A-Z0-9])|"
    r"\b(?i:published|updated|posted|last updated|modified)(?:\b|(?=[A-Z0-9]))|"
    # "By Erin Spain 4 Comments", "By Kyle Howells 15 min read": a count after the names.
    r"\s\d+\s+(?i:comments?|min|mins|minutes?)\b|"
    # "By Matt Eland avatar", "Written by Christian Eilers [2393b4]": the author's picture after the name.
    r"\s+(?i:avatar|profile pic(?:ture)?)\b|\s+\[|"
    # "by Ahiza Garcia @ahiza_garcia February 1, 2016": the author's social handle after the name.
    r"\s+@\w).*$",
)


@dataclass
class HeadMeta:
    title: Line | None = None
    title_text: str | None = None
    title_site: str | None = None
    byline: Line | None = None
    authors: list[str] = field(default_factory=list)
    byline_prefixed: bool = False
    dateline: Line | None = None
    date: dates.FoundDate | None = None
    relative: Line | None = None  # a date without a year ("April 30"), near the title
    loose_byline: bool = False  # the byline stands above the article's text, not beside the headline
    loose_date: bool = False  # the date stands above the article's text, not beside the headline
    credit: list[str] = field(default_factory=list)  # a "By" line naming no person: its credit as printed


BARE_BY = re.compile(r"^(?:(?:written|words|story|posted)\s+)?by:?$", re.I)
# A date's label on a line of its own ("Published" above "Feb 2, 2023"): a renderer's line break.
BARE_DATE_LABEL = re.compile(
    r"^(?:(?:date\s+)?published|publish(?:ed)?\s+date|posted|(?:last\s+)?updated|date)(?:\s+on)?\s*:?$", re.I)


def content_lines(text: str) -> list[Line]:
    """Non-blank lines; a lone "By" (a renderer's line break) is joined to the name after it,
    a lone "Published" to the date after it."""
    lines = [ln for ln in split_lines(text) if not ln.blank]
    for i in range(len(lines) - 2, -1, -1):
        if BARE_BY.match(lines[i].text) or label_above_date(lines[i], lines[i + 1]):
            lines[i : i + 2] = [make_line(lines[i].no, f"{lines[i].text} {lines[i + 1].text}")]
    return lines


def label_above_date(label: Line, following: Line) -> bool:
    return label.words <= 3 and bool(BARE_DATE_LABEL.match(label.text)) and \
        leading_date(following.text) is not None


def date_line(line: Line) -> dates.FoundDate | None:
    """A complete date on a short line (a dateline, maybe with a byline glued to it), or at the
    start of a longer one ("Posted on May 2, 2025 by Jane Doe - 5 Comments on …"). A sentence
    ("Preprints are available, first published 04.Apr.2019.") dates the page only if it leads with the date."""
    if line.words > DATELINE_MAX_WORDS or line.prose:
        return leading_date(line.text)
    found = dates.find_dates(line.text)
    return published_first(line.text, found) if found else None


PUBLISHED_WORD = re.compile(r"\b(?:published|posted)\b[^0-9]{0,12}$", re.I)


def published_first(text: str, found: list[dates.FoundDate]) -> dates.FoundDate:
    """Of several dates on a line ("Updated Nov 11, 2022 … Originally published Nov 9, 2022"),
    the one a "published" or "posted" stands before; else the first."""
    if len(found) > 1:
        for date in found:
            if PUBLISHED_WORD.search(text[: text.find(date.snippet)]):
                return date
    return found[0]


# "Published on", "Posted:", "Date published": the words that say a date is the page's own.
PUBLISHED = re.compile(
    r"^\W*(?:(?:originally|first)\s+)?(?:published|posted|released|publish(?=\s+date))(?:\s+date)?(?:\s+on)?\s*:?\s*|"
    r"^\W*date(?:\s+published)?\s*:\s*", re.I)
STARTS = re.compile(r"^\W*(?:(?:published|posted|updated|last updated|modified)\b\s*(?:on)?\s*:?\s*)?", re.I)
LEAD_CHARS = 12  # how far after its keyword (or the line's start) a leading date may begin


def leading_date(text: str, keyword: re.Pattern[str] = STARTS) -> dates.FoundDate | None:
    """The date a line begins with, after an optional keyword ("Updated: 3 May 2025 …")."""
    m = keyword.match(text)
    found = dates.find_dates(text[: 80]) if m else []
    if not found or text.find(found[0].snippet) > m.end() + LEAD_CHARS:
        return None
    return published_first(text, dates.find_dates(text))


def page_dateline(lines: list[Line]) -> tuple[Line, dates.FoundDate] | None:
    """No date near the headline: a "Published …" / "Posted on …" line anywhere on the page,
    if every such line gives the same date (a list of posts, each with its own, gives none)."""
    found: dict[str, tuple[Line, dates.FoundDate]] = {}
    for line in lines:
        if PUBLISHED.match(line.text) and (date := leading_date(line.text, PUBLISHED)):
            found.setdefault(date.iso, (line, date))
    return next(iter(found.values())) if len(found) == 1 else None


def byline_dateline(lines: list[Line]) -> tuple[Line, dates.FoundDate] | None:
    """No date beside the headline: the date printed on or right under a "By" line naming someone
    ("By Sara Brown" over "Apr 21, 2021"), wherever the headline finder stood, if every such pair on
    the page gives the same date (a list of posts, each with its author and date, gives none)."""
    found: dict[str, tuple[Line, dates.FoundDate]] = {}
    for i, line in enumerate(lines):
        if line.words > DATELINE_MAX_WORDS or not line.text[:1].isalpha():
            continue
        people, prefixed = byline_names(line.text)
        if not (people and prefixed):
            continue
        below = lines[i + 1 : i + 2]
        for dated in [line, *(ln for ln in below if ln.words <= DATELINE_MAX_WORDS // 2)]:
            if date := date_line(dated):
                found.setdefault(date.iso, (dated, date))
                break
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def image_alt() -> re.Pattern[str]:
    """Image markers before a name: lynx's "[headshot-96x96.jpg]", alt text ("Picture of")."""
    return re.compile(rf"^(?:\[[^\]\s]*\]\s*)+|^(?:{image_alt_phrases()})\b\s*", re.I)


@cache
def image_alt_inside() -> re.Pattern[str]:
    """An image's alt phrase inside a line, before a capitalised name ("… Picture of Jane Doe")."""
    return re.compile(rf"\s(?i:{image_alt_phrases()})\s+(?=[A-Z])")


@cache
def image_alt_phrases() -> str:
    """The alt-text phrases of ``bylines.toml`` as one alternation, longest first."""
    return "|".join(re.escape(a) for a in sorted(names.vocabulary()["image_alts"], key=len, reverse=True))


def byline_body(text: str) -> tuple[str, bool]:
    """(the names' part of a byline-shaped line, had a "By" prefix): image alt text, the "By",
    and what follows the names (a date, a section, a comment count) cut off."""
    if text[:1] == "[" or text[:1].lower() in "pahi":  # cheap gate: most lines start otherwise
        text = image_alt().sub("", text, count=1)
        # "Picture of Jane Doe Picture of Jane Doe Jane Doe": the alt text again before each copy.
        text = image_alt_inside().sub(" ", text) if image_alt_inside().search(text) else text
    prefix = BY_PREFIX.match(text)
    inner = None if prefix else INNER_BY.search(text)
    if inner and (NO_WORDS.match(text[: inner.start()]) or dates.find_dates(text[: inner.start()])):
        prefix = inner  # "On January 12, 2025 By Gabby Boucher In Travel": the byline follows the date
    body = BYLINE_END.split(text[prefix.end():], maxsplit=1)[0] if prefix else text
    body = IN_SECTION.split(body, maxsplit=1)[0]
    for found in dates.find_dates(body):
        body = body.split(found.snippet, 1)[0]
    return body.strip(" ,;:-–—|•·⋅"), bool(prefix)


def byline_names(text: str, single: bool = False) -> tuple[list[str], bool]:
    """(names, had a "By" prefix) read from a byline-shaped line; with ``single``, a "By" line may
    name one word ("By Lauren": the caller vouches for it, a date standing beside it)."""
    body, prefixed = byline_body(text)
    if not body:
        return [], prefixed
    people = names.parse_byline(body)
    if not people and prefixed and (trimmed := trailing_widget_words(body)) != body:
        people = names.parse_byline(trimmed)  # "By A. J. Neal View …": a link's words after the name
    if not people and single and prefixed and len(body.split()) == 1:
        people = names.parse_byline(body, single=True)  # "By Lauren": a one-word name, said to be one
    # A heading word voids a bare line, unless it stands in the role after the names.
    if not prefixed and (not people or names.heading_words(body) and not names_with_role(body, people)):
        return [], False
    return people, prefixed


CREDIT_MAX_WORDS = 5  # a credit part longer than this is a sentence or a menu, not a name
CREDIT_MAX_PARTS = 3  # more parts than this: names run into roles and captions, not a credit
NOT_CREDIT = re.compile(r"[@/\d]|https?:|www\.")  # an e-mail address, a link, a count


def byline_credit(text: str, single: bool = False) -> list[str]:
    """A "By" line that names no person ("By Great Day Editorial Team", "by whova"): the credit
    as printed, split where a byline lists several. One word ("By State" in a filter menu) is a
    credit only with ``single``: the caller vouches for it, a date standing beside it."""
    body, prefixed = byline_body(text)
    if not prefixed or not body or names.names_nobody(body.lower()):
        return []
    parts = [p.strip() for p in names.SEPARATORS.split(body) if p.strip()]
    if not 0 < len(parts) <= CREDIT_MAX_PARTS or (len(parts) == 1 and len(parts[0].split()) == 1 and not single):
        return []
    if any(not credit_part(p) for p in parts):
        return []
    return list(dict.fromkeys(" ".join(names.unrepeated(p.split())) for p in parts))


def team_credit(text: str) -> list[str]:
    """ "Everfit Team", "Podium Staff": a site's team credited by name beside the headline (no "By");
    the other words must be a name's, not a heading's or a role's ("Our Recruiting Team", "Senior Staff")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or not all(t[:1].isupper() or t[:1].isdigit() for t in tokens):
        return []
    lowered = [t.lower().strip(".,") for t in tokens]
    team = names.word_set("team_words")
    if lowered[0] not in team and lowered[-1] not in team:
        return []
    others = [t for t in lowered if t not in team]
    not_name = names.word_set("heading_words") | names.word_set("roles") | names.word_set("collectives")
    return [text.strip()] if others and not any(t in not_name for t in others) else []


def credit_part(part: str) -> bool:
    return (len(part.split()) <= CREDIT_MAX_WORDS and part[:1].isalnum() and (part[-1:].isalnum() or part[-1:] == ")")
            and not NOT_CREDIT.search(part)
            and not GLUED_WORDS.search(part))


def trailing_widget_words(body: str) -> str:
    """ "Jane Doe View", "Jane Doe Follow": a link's words after a name (``after_name``), cut."""
    tokens = body.split()
    while len(tokens) > 2 and tokens[-1].lower().strip(".,:;»›") in names.word_set("after_name"):
        tokens.pop()
    return " ".join(tokens)


def widget_label(text: str) -> bool:
    """ "Reading Time: 2 minutes", "Category: News": a label and a short value, not a title."""
    label, sep, value = text.partition(":")
    return bool(sep) and len(label.split()) <= 2 and len(value.split()) <= 3


def question_title(line: Line) -> bool:
    """ "Why Hasn't Tutoring Been More Effective?": a sentence by its mark, a headline by its shape."""
    return line.words <= 20 and line.text.rstrip("’'\"”‘ )]").endswith(("?", "!", "’", "'"))


def title_candidate(line: Line) -> bool:
    # A short "Label: value" line ("Category: News", or "Teaching Online: Effective Practices") stays
    # a candidate: the model weighs its shape (feature ``widget_label``) against the rest.
    return (3 <= line.words <= 30 and not ui_phrase(line)
            and not BY_PREFIX.match(line.text)
            and not DATE_WORDS.match(line.text) and len(line.text) <= 250 and not line.bullet
            and (not line.prose or question_title(line))
            and not line.text.endswith((".", ":", ",")) and not BREADCRUMB.search(line.text)
            and not dates.find_dates(line.text) and starts_upper(line.text) and not widget_text(line))


# Pattern-rule families whose lines are page furniture, never a headline (a "navigation" line may be a
# breadcrumb trail ending in the headline, which ``trail_end`` reads).
FURNITURE_FAMILIES = ("widget", "legal", "contact")


def widget_text(line: Line) -> bool:
    """A line a widget, legal or contact rule names: "Scroll to top", a government site's banner."""
    from pipeline.textclean import matching_rule, rule_families  # textclean imports this module

    rule = matching_rule(line.text, line.prose)
    return bool(rule) and rule_families()[rule] in FURNITURE_FAMILIES


def starts_upper(text: str) -> bool:
    """Capitalised, or a number first ("7 weight loss tips to …": a list headline)."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def byline_near_date(lines: list[Line], j: int, window: list[int], d_date: int | None) -> bool:
    people, prefixed = byline_names(lines[j].text)
    if prefixed or names.collective_byline(lines[j].text):
        return True
    return bool(people) and (d_date is not None and abs(window.index(j) - d_date) <= BARE_NAME_TO_DATE
                             or followed_by_role(lines, j) or names_with_role(lines[j].text, people))


def names_with_role(text: str, people: list[str]) -> bool:
    """ "Audrey Huang, Print Managing Editor", "Brian Truitt USA TODAY": names, then a role or an
    outlet in capitals on the same line: a byline, wherever it stands."""
    end = text.rfind(people[-1]) if people else -1
    if end < 0:
        return False
    if people[-1].isupper():
        return False  # "LOCKSMITH LEDGER INTERNATIONAL": a banner in capitals, not a name and its outlet
    tokens = [t for t in re.split(r"[\s,|•·—–]+", text[end + len(people[-1]):]) if t]
    return 0 < len(tokens) <= 6 and (any(t.lower().strip(".") in job_words() for t in tokens)
                                     or all(names.outlet_caps(t) for t in tokens))


@cache
def job_words() -> frozenset[str]:
    """Job words only: "Technology" or "Business" after a name is a section, as often as a desk."""
    return names.word_set("roles") - names.word_set("heading_words")


def byline_with_role(text: str) -> bool:
    """A name and its role ("Audrey Huang, Print Managing Editor"): a byline, never a headline."""
    people, _ = byline_names(text)
    return names_with_role(text, people)


def followed_by_role(lines: list[Line], j: int) -> bool:
    """ "Joe Kindness" then "Founder & CEO": a name with its role below it is a byline."""
    return j + 1 < len(lines) and names.role_line(lines[j + 1].text)


def ui_phrase(line: Line) -> bool:
    """ "Skip to content", "Book a Demo": a short line of widget words, not a headline."""
    tokens = line.text.split()
    return len(tokens) <= 7 and names.heading_words_share(line.text) > UI_SHARE


FALLBACK_GAP = 3  # without byline or dateline, the headline stands this close above the first paragraphs
BODY_WINDOW = 12  # lines over which prose is summed to find where the article's text is densest
NEXT_PARAGRAPHS = 3  # paragraphs after a candidate whose words a headline's come back in


def body_start(lines: list[Line]) -> int | None:
    """The first paragraph of the densest run of prose: the article, not a cookie banner."""
    weights = [ln.words if ln.prose else 0 for ln in lines]
    if not any(weights):
        return None
    sums = [sum(weights[i : i + BODY_WINDOW]) for i in range(len(lines))]
    best = max(range(len(lines)), key=lambda i: (sums[i], -i))
    return next(i for i in range(best, len(lines)) if weights[i])


def printed_twice(lines: list[Line]) -> set[int]:
    """Lines whose text stands again on the page (a repeated headline, a <title> copy)."""
    keys = [ln.key for ln in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return {i for i, key in enumerate(keys) if counts[key] > 1}


def choose_title(lines: list[Line], hint: str | None) -> int | None:
    if hint:
        key = normalise(hint)
        keys = [normalise(split_title(line.text)[0]) for line in lines]
        exact = next((i for i, k in enumerate(keys) if key and k == key), None)
        if exact is not None:
            return exact
        # The headline may carry more than the meta title ("… – Top Local Movers"): a prefix will do.
        return next((i for i, k in enumerate(keys) if len(key) >= 20 and k.startswith(key)), None)
    scored = title_scores(lines)
    if not scored:
        return None
    best = max(scored, key=lambda i: (scored[i], -i))
    if scored[best] >= title_model()["threshold"]:
        return trail_end(lines, best, scored)
    # A plain article: its title right above its first paragraphs (a standfirst or widget between).
    start = next((i for i in range(len(lines) - 1) if lines[i].prose and lines[i + 1].prose), None)
    near_start = [i for i in scored if start is not None and start - FALLBACK_GAP <= i < start]
    return near_start[-1] if near_start else None  # else better no title than a menu item


def trail_end(lines: list[Line], best: int, scored: dict[int, float]) -> int:
    """A breadcrumb trail ending in the headline ("Home Posts <headline>") right above the headline
    itself: the headline, not the trail."""
    after = best + 1
    if after not in scored or not lines[best].key.endswith(" " + lines[after].key):
        return best
    # The trail's items ("Home Posts") are fewer words than the headline: else the line above is
    # a longer headline whose last words happen to stand below it.
    crumbs = len(lines[best].key.split()) - len(lines[after].key.split())
    return after if crumbs < len(lines[after].key.split()) else best


@cache
def title_model() -> dict[str, Any]:
    """Weights of the headline features (``data/title_model.toml``, fitted on the dev split)."""
    text = resources.files("pipeline").joinpath("data", "title_model.toml").read_text("utf-8")
    return tomllib.loads(text)


def title_scores(lines: list[Line]) -> dict[int, float]:
    """Each candidate line's log-odds of being the headline, from its features."""
    weights = title_model()["weights"]
    return {i: weights["bias"] + sum(weights.get(k, 0.0) * v for k, v in feats.items())
            for i, feats in title_features(lines).items()}


def title_features(lines: list[Line]) -> dict[int, dict[str, float]]:
    """Features of every headline candidate before the article's densest prose."""
    body = body_start(lines)
    end = body if body is not None else len(lines)
    # The body's first line is a candidate too: a question headline reads as prose.
    candidates = [i for i in range(min(end + 1, len(lines))) if title_candidate(lines[i])
                  and not byline_with_role(lines[i].text)]
    repeated = printed_twice(lines)
    suffixed = {normalise(split_title(ln.text)[0]) for ln in lines if split_title(ln.text)[1]}
    prose_at = [i for i, ln in enumerate(lines) if ln.prose]
    quoted = quoted_elsewhere(lines, candidates)
    crumbs = ends_with_candidate(lines, candidates, quoted)
    paragraph_words = {j: content_words(lines[j].text) for j in prose_at}
    last_seen = {w: j for j in prose_at for w in paragraph_words[j]}  # a word's last paragraph
    # The article's opening: the paragraphs of the densest prose, where a headline's words come back first.
    opening = {w for j in prose_at if end <= j < end + BODY_WINDOW for w in paragraph_words[j]}
    # Lynx prints headings flush left and paragraphs indented: a line left of the page's usual
    # paragraph indent is a heading (renderers without indents give every line the same).
    indents = Counter(lines[j].indent for j in prose_at)
    prose_indent = indents.most_common(1)[0][0] if indents else 0
    out = {}
    for rank, i in enumerate(candidates):
        line = lines[i]
        words = content_words(line.text)
        k = bisect.bisect_right(prose_at, i)
        next_paragraphs = set().union(*(paragraph_words[j] for j in prose_at[k : k + NEXT_PARAGRAPHS]))
        window = head_window(lines, i)
        d_date = next((d for d, j in enumerate(window) if date_line(lines[j])), None)
        d_by = next((d for d, j in enumerate(window) if byline_near_date(lines, j, window, d_date)), None)
        next_prose = next((j for j in prose_at if j > i), len(lines))
        following = lines[i + 1 : i + 3]
        after = lines[i + 1] if i + 1 < len(lines) else None
        out[i] = {
            "date_near": 1 - d_date / HEAD_WINDOW if d_date is not None else 0.0,
            "byline_near": 1 - d_by / HEAD_WINDOW if d_by is not None else 0.0,
            "prose_next": float(bool(following) and (following[0].prose or len(following) == 2 and following[1].prose)),
            "words_3": float(line.words == 3),
            "words_21_plus": float(line.words > 20),
            "heading": float(line.heading),
            "linked": float(line.link_share > 0.5),
            "repeated": float(i in repeated),
            "suffixed_copy": float(line.key in suffixed and not split_title(line.text)[1]),
            "has_suffix": float(bool(split_title(line.text)[1])),
            "menu_run": float(in_menu_run(lines, i)),
            "after_headline": float(standfirst_of(lines, i)),
            "before_standfirst": float(after is not None and i + 1 in candidates and after.words >= 4),
            "title_case": float(line.title_case >= 0.8),
            "prose": float(line.prose),
            "last_before_prose": float(not any(i < j < next_prose for j in candidates[rank + 1 :])),
            "lines_to_prose": math.log1p(next_prose - i),
            "lines_to_body": math.log1p(end - i),
            "candidates_after": math.log1p(len(candidates) - rank - 1),
            "first_line": float(i == 0),
            "glued": float(bool(GLUED_WORDS.search(line.text))),
            "quoted": float(i in quoted),
            "shouting": float(shouting(line.text)),
            "widget_words": names.heading_words_share(line.text),
            "words_4_6": float(4 <= line.words <= 6),
            "widget_label": float(widget_label(line.text)),
            "body_overlap": overlap_after(words, last_seen, i),
            "prose_above": math.log1p(bisect.bisect_left(prose_at, i)),
            "names_someone": float(bool(names.parse_byline(line.text))),
            "date_before": float(any(date_line(lines[j]) for j in range(max(0, i - 2), i))),
            # A paragraph right above: a subheading inside the article, not its headline.
            "paragraph_above": float(i > 0 and lines[i - 1].prose),
            "opening_overlap": share_in(words, opening),
            "next_overlap": share_in(words, next_paragraphs),
            "outdented": float(line.indent < prose_indent),
            "ends_with_other": float(i in crumbs),
            # A heading is a block of its own; menu items follow each other without a blank line.
            "blank_above": float(i > 0 and line.no - lines[i - 1].no > 1),
            "blank_below": float(i + 1 < len(lines) and lines[i + 1].no - line.no > 1),
        }
    return out


# "LoginGet StartedPricing": menu items a renderer glued together, never a headline's words.
GLUED_WORDS = re.compile(r"[a-z]{3,}[A-Z][a-z]")


def share_in(words: set[str], found: set[str]) -> float:
    """Share of a line's content words that also stand in ``found``."""
    return len(words & found) / len(words) if words else 0.0


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more that are not function words."""
    return {w for w in WORD.findall(text.lower()) if len(w) >= 4 and w not in stopwords()}


def overlap_after(words: set[str], last_seen: dict[str, int], i: int) -> float:
    """Share of ``words`` found in a paragraph below line ``i``: a headline's words come back
    in its article (``last_seen``: each word's last paragraph)."""
    return sum(last_seen.get(w, -1) > i for w in words) / len(words) if words else 0.0


def shouting(text: str) -> bool:
    """A line in capitals ("SUBSCRIBE TO OUR NEWSLETTER"): a banner, rarely the headline."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and all(ch.isupper() for ch in letters)


def quoted_elsewhere(lines: list[Line], candidates: list[int]) -> set[int]:
    """Candidates whose text stands inside a longer line of the page (a breadcrumb ending in
    the headline, "Share: <headline>", a <title> copy with the site's name)."""
    keys = [ln.key for ln in lines]
    out = set()
    for i in candidates:
        key = keys[i]
        if len(key.split()) >= 3 and any(j != i and len(k) > len(key) and key in k for j, k in enumerate(keys)):
            out.add(i)
    return out


def ends_with_candidate(lines: list[Line], candidates: list[int], quoted: set[int]) -> set[int]:
    """Candidates ending with another candidate's text ("Home Posts <headline>"): a breadcrumb
    trail whose last item is the headline printed again."""
    keys = [lines[i].key for i in quoted]
    return {i for i in candidates if any(k != lines[i].key and lines[i].key.endswith(k) for k in keys)}


def short_line(line: Line) -> bool:
    return line.words <= 3 and not line.prose


def in_menu_run(lines: list[Line], i: int) -> bool:
    """Two short lines above and one below: an item of a menu, not a headline."""
    before = lines[max(0, i - 2) : i]
    after = lines[i + 1 : i + 2]
    return len(before) == 2 and all(map(short_line, before)) and bool(after) and short_line(after[0]) \
        and not date_line(after[0])


def standfirst_of(lines: list[Line], i: int) -> bool:
    """Line ``i`` directly follows a headline-shaped line of at least four words (a standfirst)."""
    return i > 0 and lines[i - 1].words >= 4 and lines[i].words >= 4 and title_candidate(lines[i - 1])


def head_window(lines: list[Line], t: int) -> list[int]:
    """Lines after the title where its byline and dateline may stand: up to the body's second
    paragraph (the first may be a standfirst), so a list of dates below the article never counts."""
    window, paragraphs = [], 0
    for i in range(t + 1, min(len(lines), t + 1 + HEAD_WINDOW)):
        paragraphs += lines[i].prose and lines[i].words >= HEAD_PARAGRAPH_WORDS
        if paragraphs >= 2:
            break
        window.append(i)
    return window


def find_head(text: str, title_hint: str | None = None) -> HeadMeta:
    lines = content_lines(text)
    head = HeadMeta()
    t = choose_title(lines, title_hint)
    if t is None:
        return loose_date(lines, head)
    head.title = lines[t]
    head.title_text, head.title_site = split_title(lines[t].text)
    date_at: int | None = None
    after = head_window(lines, t)
    near = after + list(range(t - 1, max(-1, t - 1 - BEFORE_WINDOW), -1))
    for i in near:
        if head.date is None and (found := date_line(lines[i])):
            head.dateline, head.date, date_at = lines[i], found, i
        elif head.date is None and head.relative is None and dates.relative_date(lines[i].text):
            head.relative, date_at = lines[i], i
    for i in near:
        line = lines[i]
        far = date_at is None or abs(i - date_at) > BARE_NAME_TO_DATE
        # "By Lauren" beside the dateline: a one-word name ("By Industry" in a filter menu has no date).
        people, prefixed = byline_names(line.text, single=not far)
        if people and not prefixed and far and not followed_by_role(lines, i) and i != t + 1 \
                and not names_with_role(line.text, people):
            continue  # a bare capitalised line far from any date is a heading, not a byline
        if people and (head.byline is None or (prefixed and not head.byline_prefixed)):
            head.byline, head.authors, head.byline_prefixed = line, people, prefixed
        elif head.byline is None and (prefixed or names.collective_byline(line.text)):
            head.byline, head.byline_prefixed = line, prefixed  # "Staff Correspondents": names nobody
            head.credit = byline_credit(line.text, single=not far) or team_credit(line.text)
    # A name in the dateline's meta line outranks a heading word taken for a desk ("Business").
    if not head.authors and not head.credit and head.dateline is not None \
            and (people := dateline_names(head.dateline.text)):
        head.byline, head.authors, head.byline_prefixed = head.dateline, people, False
    if head.byline is None:
        loose_byline(lines, head)
    return head if head.date or head.relative else loose_date(lines, head)


# Between the parts of a meta line: "December 15, 2025 · 30 min · Ash Vardanian", "109 Comments | Jill Winger | …".
META_SEPARATOR = re.compile(r"\s*[·•|⋅]\s*")


# A time or a comment count beside a dateline's name ("Sep 01, 2023 10:01 am Katie Liguori").
TIME_OR_COUNT = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b\d+\s+comments?\b", re.I)


def dateline_names(text: str) -> list[str]:
    """The one part of a dateline that is a bare name once its date is cut ("December 15, 2025 · 30 min
    · Ash Vardanian", "Dec 17, 2025Julian K. Arni"): the author, printed in the meta line without "By"."""
    found = []
    for part in META_SEPARATOR.split(text):
        for date in dates.find_dates(part):
            part = part.replace(date.snippet, " ")
        part = TIME_OR_COUNT.sub(" ", part).strip(" ,;:-–—")
        if part and (people := byline_names(part)[0]):
            found.append(people)
    return found[0] if len(found) == 1 else []


def loose_byline(lines: list[Line], head: HeadMeta) -> None:
    """No byline beside the headline: a "By …" line just above the article's first paragraph."""
    start = body_start(lines)
    if start is None:
        return
    for i in range(start - 1, max(-1, start - 1 - LOOSE_DATE_WINDOW), -1):
        people, prefixed = byline_names(lines[i].text)
        if people and prefixed and lines[i].words <= DATELINE_MAX_WORDS:
            head.byline, head.authors, head.byline_prefixed, head.loose_byline = lines[i], people, True, True
            return


def page_byline(lines: list[Line]) -> tuple[Line, list[str]] | None:
    """No byline near the headline or above the text: the "By …" lines anywhere on the page
    (an author box below the article), if they all name the same people. Lines naming others
    (a list of related posts, each by someone) make it no byline at all."""
    found: dict[tuple[str, ...], Line] = {}
    for line in lines:
        if line.words <= DATELINE_MAX_WORDS and not line.bullet:
            people, prefixed = byline_names(line.text)
            if people and prefixed:
                found.setdefault(tuple(people), line)
    if len(found) != 1:
        return None
    people, line = next(iter(found.items()))
    return line, list(people)


LOOSE_DATE_WINDOW = 12  # lines above the article's first paragraph where a dateline may stand alone


def loose_date(lines: list[Line], head: HeadMeta) -> HeadMeta:
    """No date beside the headline: a dateline just above the article's first paragraph (where
    pages print "Last updated …" over the text) is a weaker voice; one inside the body is none."""
    start = body_start(lines)
    if start is None:
        return head
    for i in range(start - 1, max(-1, start - 1 - LOOSE_DATE_WINDOW), -1):
        if lines[i].words <= DATELINE_MAX_WORDS // 2 and (found := date_line(lines[i])):
            head.dateline, head.date, head.loose_date = lines[i], found, True
            break
    return head


def site_suffix(text: str, title: str | None) -> str | None:
    """The " | Site" of another copy of the title on the page (a dump's first line, often)."""
    if not title:
        return None
    key = normalise(title)
    for line in content_lines(text):
        head, site = split_title(line.text)
        if site and normalise(head) == key:
            return site
    return None
