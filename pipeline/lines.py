"""Line features for text dumps: the measurements every cleaning rule is written in.

A dump may come from any renderer (inscriptis, html2text's Markdown, lynx, w3m, a
browser's "save as text"). ``visible_text`` folds each renderer's markup (bullets,
Markdown links and emphasis, form-field boxes) so features and metadata see the words
a reader saw; the text kept in the output is still the user's original line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

BULLET = re.compile(r"^\s*([•·▪◦‣∙□■○●▫▸►*+–-]|\d{1,2}[.)])\s+")
BULLET_MARKS = "•·▪◦‣∙□■○●▫▸►*+–-"
# Possessive throughout: a run of word characters is followed only by one of ’'.- or the end,
# and nothing follows the group, so giving anything back could never help a match.
WORD = re.compile(r"\w++(?:[’'.-]\w++)*+")
# Closing quotes and brackets may follow the sentence's last mark: .” ?' !) ."
TERMINAL = re.compile(r"""[.!?…:;][\"'”’»)\]*_]*$|[\"”’»][.!?]?$""")
TERMINAL_MARKS = ".!?…:;"
CLOSERS = "\"'”’»)]*_"
QUOTE_ENDS = "\"”’»"
PROSE_MIN_WORDS = 6
PROSE_LONG_WORDS = 20

# Renderer markup, folded for measuring (never for output).
# One capturing group each (the words shown), so "".join(pattern.split(text)) folds every
# match to its words in C. The possessive ``++``/``*+`` never change what matches (nothing
# after a URL's characters could use one given back) but spare the engine from trying.
# A pattern whose alternatives may start anywhere opens with a lookahead for the characters
# they start with: the engine then skips ahead to those (3 times faster on long lines).
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]++|\([^)]*\))*+(?:\s+\"[^\"]*\")?\)")
LINK_TARGET = re.compile(r"\((?<=\]\()(?:[^()\s]++|\([^)]*\))*+(?:\s+\"[^\"]*\")?\)")
# A Markdown reference link ("[wide aperture][51]", html2text's --reference-links), the words
# any but a number alone: lynx's "[13][3]" is a link number before a citation.
MD_REF_LINK = re.compile(r"\[([^\][]*[^\][\d\s][^\][]*)\]\[\d{1,5}\]")
MD_REF_LABEL = re.compile(r"(?<=[^\][\d\s]\])\[\d{1,5}\]")  # its "[51]", for the output
AUTOLINK = re.compile(r"<(?:https?|mailto|tel):[^>\s]+>")
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_EMPHASIS = re.compile(r"(?=[*_])(?:\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w))")
# lynx's link numbers ("[12]Read the report", "[13][IMG]", "[14]►", "[15]( 596061 )"), printed
# unless it is run with -nolist: glued to the link's first character. A citation is followed
# by a space, punctuation or emphasis ("claim.[3] Next", "studies[4].", "as:[21]**") and a
# Markdown link by its target ("[2](https://…)"); those are left.
LINK_NUMBER = re.compile(r"\[\d{1,4}\](?=[^\s.,;:!?*\])(]|\(\s)")
# A box glued to a word or bracket with nothing inside but a mark is code, not a field:
# ``nextMatch()``, ``arr[]``, ``f(x)``; renderers print a field's box apart from its label.
FORM_BOX = re.compile(
    r"(?=[\[(_])(?!(?<=[\w)\]])[\[(][xX*]?[)\]])(?:\[\s*[xX]?\s*\]|\(\s*[xX*]?\s*\)|_{3,}|\((?:BUTTON|IMG|FORM|submit|reset)\))",
    re.I,
)
# What a text browser prints in place of what it cannot show: elinks's and links's "[IMG]" for an
# image without alt text, lynx's "(BUTTON)" before a button's label (a box ``FORM_BOX`` reads).
PLACEHOLDER = re.compile(r" ?(?:\[IMG\]|\(BUTTON\))")
# lynx's "IFRAME: <url>" is left in: the line is an embedded frame, never text (rule "embedded-frame")
RENDERER_TAG = re.compile(r"^(Image|Video|Embedded|Figure):\s*", re.I)
DATE = re.compile(
    r"(?=[\djfmasond])(?:"  # what every alternative starts with: a digit or a month's initial
    r"\b(19|20)\d\d\b.*\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d+\s+(minutes?|hours?|days?|weeks?|months?)\s+ago\b)",
    re.I,
)
# Every DATE alternative needs a month name, "ago" or a date separator: on ASCII lines
# (where re.I folds case as str.lower does) a line with none of them skips the search.
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("pipeline").joinpath("data", "stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


# Rules for lines a renderer adds around the page rather than lays out in it: lynx's titles
# of the page's <link> elements above it, its list of link addresses below (the list's
# headings are also a rule in boilerplate.toml). Neither the line model nor the title
# search reads them: they would stand as the page's first or last block and move every
# position and neighbour feature (the address list made the menus above it look as if they
# stood in the article, and the <link> titles were taken for the page's title).
HEAD_LINKS = "head-links"
LINK_REFERENCES = "link-references"
OUTSIDE_PAGE = frozenset({HEAD_LINKS, LINK_REFERENCES})


def in_page(lines: list[Line]) -> list[Line]:
    """The page as laid out: ``lines`` without those of ``OUTSIDE_PAGE`` rules."""
    return [ln for ln in lines if ln.rule not in OUTSIDE_PAGE]


@dataclass(slots=True)  # slots: millions of these are built and read per corpus
class Line:
    no: int  # 1-based line number in the page
    raw: str
    text: str  # what a reader saw: stripped, bullet marker and renderer markup folded
    indent: int
    bullet: bool
    words: int
    terminal: bool
    title_case: float  # share of words (of 4+ letters) that start upper-case
    stop_share: float = 0.0  # share of words that are function words
    link_share: float = 0.0  # share of visible characters inside Markdown links
    digit_share: float = 0.0  # share of visible characters that are digits
    heading: bool = False  # a Markdown "# " heading
    form: bool = False  # shows a form field or button box
    has_date: bool = False
    prose: bool = False  # reads as body text: ``reads_as_prose`` of the measurements above
    key: str = ""  # ``normalise(text)``: the comparison key for repeated lines
    rule: str = ""  # name of the rule that removed this line; "" keeps it
    role: str = ""  # title | byline | dateline: removed from body, value kept as metadata

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def kept(self) -> bool:
        return not self.rule and not self.role

    @property
    def output(self) -> str:
        """The user's original line for the cleaned text, renderer markup (``OUTPUT_MARKUP``) taken out."""
        return strip_markup(self.raw.strip())[0]

    @property
    def markup(self) -> list[tuple[str, str]]:
        """(rule, removed pieces) for the markup ``output`` drops (audited as named removals)."""
        return list(strip_markup(self.raw.strip())[1])


# Renderer markup the cleaned text leaves out, in order, each under its rule's name: lynx's link
# numbers ("[12]report" keeps "report"), Markdown link targets ("[report](https://…)" keeps
# "[report]") and emphasis markers ("_word_", "**word**"), and browsers' placeholders ("[IMG]");
# all split the words a reader saw into tokens no reader saw.
OUTPUT_MARKUP: tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...] = (
    ("link-number", LINK_NUMBER, lambda t: "[" in t),
    ("markdown-link-target", LINK_TARGET, lambda t: "](" in t),
    ("markdown-link-reference", MD_REF_LABEL, lambda t: "][" in t),
    ("markdown-emphasis", MD_EMPHASIS, lambda t: "*" in t or "_" in t),
    ("renderer-placeholder", PLACEHOLDER, lambda t: "[IMG]" in t or "(BUTTON)" in t),
)


REPEATED_TEXT = "repeated-text"
OUTPUT_RULES = (*(rule for rule, _, _ in OUTPUT_MARKUP), REPEATED_TEXT)  # what ``strip_markup`` may take out
REPEAT_MIN_CHARS = 15
REPEAT_MIN_WORDS = 3  # "Bora Bora", "very very": doubled words are language, a doubled phrase is not


@lru_cache(maxsize=1 << 14)  # a kept line's text is asked for twice: for the output, for the audit
def strip_markup(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The line without ``OUTPUT_MARKUP`` and its second copy (``second_copy_at``), and per
    rule that removed something, the pieces it removed."""
    removed: list[tuple[str, str]] = []
    for rule, pattern, may_hold in OUTPUT_MARKUP:
        found = pattern.findall(text) if may_hold(text) else []
        if found:
            removed.append((rule, " ".join(piece.strip() for piece in found)))
            text = pattern.sub("", text).strip()  # "[IMG] Menu" keeps "Menu"
    cut = second_copy_at(text)
    if cut:
        removed.append((REPEATED_TEXT, text[cut:]))
        text = text[:cut].rstrip()
    return text, tuple(removed)


def second_copy_at(text: str) -> int:
    """Where the second copy starts when the line is one phrase written twice, else 0.
    Renderers print an image's alt text beside its caption, and a card's link title
    beside its heading: "Hikers on the glacier. Hikers on the glacier." """
    if len(text) < 2 * REPEAT_MIN_CHARS:
        return 0
    # The second copy is as long as the first, so it starts past the middle, with nothing but
    # spacing between the middle and it: only that stretch is searched (a line repeating one
    # word thousands of times would otherwise compare the line at each of them).
    head, end = text[:REPEAT_MIN_CHARS], len(text)
    at = text.find(head, (end + 1) // 2)
    while at > 0 and not text[end - at : at].strip():
        first = text[:at].rstrip()
        if first == text[at:] and len(first.split()) >= REPEAT_MIN_WORDS:
            return at
        at = text.find(head, at + 1)
    return 0


def reads_as_prose(words: int, terminal: bool, title_case: float) -> bool:
    """Body text: a sentence, or long enough to be a paragraph (and not a headline row)."""
    if words >= PROSE_LONG_WORDS:
        return title_case < 0.8
    return words >= PROSE_MIN_WORDS and terminal


# A word's tally packs three counts into one int, so a line's tallies add up in one C ``sum``:
# whether the word counts for title case (4+ characters, opening with a letter), whether it
# then opens upper-case, whether it is a function word. Each field holds up to 2**21 - 1 (a
# line of more words is counted word by word), and all three together fit a machine word.
FIELD_BITS = 21
FIELD_MASK = (1 << FIELD_BITS) - 1
COUNTED, CAPITAL, STOPWORD = 1, 1 << FIELD_BITS, 1 << 2 * FIELD_BITS
TALLIES_MAX_WORDS = 100_000  # the memo is emptied when it reaches this (about 10 MB): memory stays flat


class WordTallies(dict[str, int]):
    """Word -> tally, worked out on first sight (a corpus repeats its words: looking one up
    costs a third of counting it again)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= TALLIES_MAX_WORDS:
            self.clear()
        tally = tally_of(word)
        self[word] = tally
        return tally


def tally_of(word: str) -> int:
    counted = len(word) >= 4 and word[0].isalpha()
    return counted * COUNTED + (counted and word[0].isupper()) * CAPITAL + (word.lower() in stopwords()) * STOPWORD


WORD_TALLIES = WordTallies()


def word_counts(words: list[str]) -> tuple[int, int, int]:
    """(words counted for title case, those opening upper-case, function words)."""
    if len(words) > FIELD_MASK:  # a field could overflow into the next
        tallies = list(map(tally_of, words))
        return (sum(t & FIELD_MASK for t in tallies), sum(t >> FIELD_BITS & FIELD_MASK for t in tallies),
                sum(t >> 2 * FIELD_BITS for t in tallies))
    total = sum(map(WORD_TALLIES.__getitem__, words))
    return total & FIELD_MASK, total >> FIELD_BITS & FIELD_MASK, total >> 2 * FIELD_BITS


def ends_sentence(text: str) -> bool:
    """``TERMINAL.search(text)`` without scanning the line: a sentence mark followed only by
    closing quotes and brackets, or a closing quote at the very end."""
    if not text:
        return False
    if text[-1] in QUOTE_ENDS:
        return True
    body = text.rstrip(CLOSERS)
    return bool(body) and body[-1] in TERMINAL_MARKS


DIGIT = re.compile("[0-9]")


def digit_count(text: str) -> int:
    # one scan in C (ten ``str.count`` scans after one for any digit took longer on lines with digits)
    return len(DIGIT.findall(text))


def links_folded(link: re.Pattern[str], text: str) -> tuple[str, int]:
    """``text`` with each ``link`` folded to its words, and how many characters those words hold."""
    parts = link.split(text)  # text, link words, text, link words, …, text
    return "".join(parts), sum(map(len, map(str.strip, parts[1::2])))


def visible_text(stripped: str) -> tuple[str, float, bool]:
    """The words a reader saw on the line, the share of them inside links, and form boxes."""
    text, link_chars = stripped, 0
    if "](" in text:
        text = "".join(MD_IMAGE.split(text)) if "![" in text else text
        text, link_chars = links_folded(MD_LINK, text)
    if "][" in text:
        text, ref_chars = links_folded(MD_REF_LINK, text)
        link_chars += ref_chars
    # Each expression only runs on lines holding the character it needs (most lines hold none).
    if "[" in text:
        text = LINK_NUMBER.sub("", text)
    if "<" in text:
        text = AUTOLINK.sub("", text)
    form = ("[" in text or "(" in text or "___" in text) and bool(FORM_BOX.search(text))
    if form:
        text = FORM_BOX.sub(" ", text)
    if "*" in text or "_" in text:
        text = MD_EMPHASIS.sub("", text)
    text = text.strip()
    if text.startswith("#"):
        text = MD_HEADING.sub("", text)
    if ":" in text:
        text = RENDERER_TAG.sub("", text)
    text = text.strip()
    text = " ".join(text.split()) if "  " in text else text
    share = min(1.0, link_chars / len(text)) if text and link_chars else 0.0
    return text, share, form


# Under re.I these four non-ASCII letters match ASCII ones ("ſ" matches "s", "K" matches "k");
# every other character matches an ASCII letter only if it is one.
RE_I_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})  # İ ı ſ K
ASCII_TWIN = re.compile("[" + "".join(map(chr, RE_I_ASCII_TWINS)) + "]")


def folded_for_keywords(text: str) -> str:
    """``text`` lowered so that whatever a case-insensitive pattern of ASCII words matches in
    it shows as plain substrings: a line without a pattern's keywords skips its search."""
    lowered = text.lower()
    if lowered.isascii() or not ASCII_TWIN.search(text):  # translate is slow on non-ASCII text
        return lowered
    # "İ".lower() is "i" plus a combining dot, which would split a keyword: map the twins first
    return text.translate(RE_I_ASCII_TWINS).lower()


# What DATE's numeric alternative needs (its others need a month name or "ago"): a digit, a
# date separator, a digit. Most lines with a digit and a full stop hold none.
DIGIT_SEPARATOR_DIGIT = re.compile(r"\d[/.-]\d")


def holds_date(text: str) -> bool:
    """``bool(DATE.search(text))``, the search skipped on lines that cannot match."""
    lowered = folded_for_keywords(text)
    if not ("ago" in lowered or any(map(lowered.__contains__, MONTHS)) or DIGIT_SEPARATOR_DIGIT.search(text)):
        return False
    return bool(DATE.search(text))


def bullet_marker(stripped: str) -> re.Match[str] | None:
    """``BULLET.match`` of a stripped line, tried only where a marker or digit starts it."""
    first = stripped[:1]
    return BULLET.match(stripped) if first and (first in BULLET_MARKS or first.isdecimal()) else None


# Lowering the words found equals finding the words of the lowered text, except where lower()
# adds a non-word mark ("İ" -> "i" + U+0307) or depends on what follows ("Σ" -> "σ" or final "ς").
LOWERS_ODDLY = re.compile("[\u0130\u03a3]")


@lru_cache(maxsize=1 << 14)
def measure(raw: str) -> tuple:
    """Every feature of a line's text (memoised: menus and footers repeat within and
    across the pages of a site; the cache is bounded, so memory stays flat)."""
    stripped = raw.strip()
    if not stripped:
        return ("", len(raw), False, 0, False, 0.0, 0.0, 0.0, 0.0, False, False, False, False, "")
    heading = stripped.startswith("#") and bool(MD_HEADING.match(stripped))
    bullet = bullet_marker(stripped)
    body = stripped[bullet.end() :].strip() if bullet else stripped
    text, link_share, form = visible_text(body)
    bullet_again = bullet_marker(text)  # "* [• Home](/)": a bullet inside a link
    if bullet_again:
        text = text[bullet_again.end() :].strip()
    words = WORD.findall(text)
    digits = digit_count(text)
    counted, capitals, function_words = word_counts(words)
    terminal, title_case = ends_sentence(text), capitals / counted if counted else 0.0
    return (
        text,
        len(raw) - len(raw.lstrip()),
        bool(bullet or bullet_again),
        len(words),
        terminal,
        title_case,
        function_words / len(words) if words else 0.0,
        link_share,
        digits / len(text) if text else 0.0,
        heading,
        form,
        bool(digits) and holds_date(text),
        reads_as_prose(len(words), terminal, title_case),
        " ".join(words).lower() if text.isascii() or not LOWERS_ODDLY.search(text) else normalise(text),
    )


def make_line(no: int, raw: str) -> Line:
    return Line(no, raw, *measure(raw))


def split_lines(text: str) -> list[Line]:
    # make_line, spelt out: one call less per line of every page
    return [Line(i, raw, *measure(raw)) for i, raw in enumerate(text.split("\n"), start=1)]


@lru_cache(maxsize=1 << 14)
def normalise(text: str) -> str:
    """Comparison key: case, punctuation and spacing folded."""
    return " ".join(WORD.findall(text.lower()))
