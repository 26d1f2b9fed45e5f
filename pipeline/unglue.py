"""Unglue: split the blocks a text extractor glued into one line.

``soup.get_text()`` and lxml's ``text_content()`` join a page's text nodes with nothing
between them, so on minified HTML (no whitespace between tags) the whole page comes out
as a few lines of thousands of characters: "…Top Online MBAsTop Online College
RankingsBest Affordable…", "…so focus on fewer subjects at once.The curriculum…". A
line-based cleaner must then keep or drop menu, article and footer at once, and every
junction glues two words into one token no reader saw.

Such a line is cut where one block's text runs into the next's: a lower-case letter, a
digit or a sentence mark directly followed by a capitalised word. Names and code written
in camel case ("JumpCloud", "ThreatConnect’s", ``repo.UpsertIdentity(db)``) have the same
shape, so a line is cut only when it is long, such junctions are dense in it and one of them
is a sentence or a lower-case word running into the next block (``run_in``); never inside a
token holding code punctuation, and never before a possessive ("JumpCloud’s"). Inside a line that
is cut, a name the page repeats and also writes in mid-sentence ("… and TurboTax, which …") stays
whole (``in_names``): two blocks meet by chance once, and not between lower-case words. On the dev
pages rendered as ``lxml-text``, 198 of 578 dumps hold such lines; the other renderers print
a block per line, and 1–5 of their dumps have one (a menu of inline links).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from pipeline.lines import stopwords

MIN_CHARS = 1000  # shorter lines are a renderer's ordinary lines (a paragraph), glued or not
MIN_JUNCTIONS = 3  # a paragraph naming a camel-case brand twice is not a glued page
MIN_DENSITY = 5 / 1000  # junctions per character: menus glued into one line hold dozens
SEPARATOR = "\n\n"  # each block its own paragraph, as the page laid it out

JUNCTION = re.compile(r"(?<=[a-z\d.!?%):])(?=[A-Z][a-z])")
CODE_MARKS = frozenset('_(){}[]<>=/\\";')  # identifiers and addresses: "TestUserRepo_RoundTrip(t"
POSSESSIVE = ("’s", "'s")
# A camel-case name in a glued line: a run of letters and digits that opens with a capital, is
# written at least twice, once between lower-case words, and holds no capitalised function word
# ("…the MarathonHow to…" is a heading that ran into the next one, printed again in a contents list).
NAME_MIN_TIMES = 2
ALNUM_RUN = re.compile(r"[^\W_]+")
CAPITALISED_PART = re.compile(r"[A-Z][a-z]*")


@dataclass(frozen=True)
class Unglued:
    text: str
    lines: int  # how many lines were split


def may_join_blocks(token: str) -> bool:
    """Whether a junction inside ``token`` may join two blocks, not the halves of a camel-case
    word, code or an address."""
    return CODE_MARKS.isdisjoint(token) and not token.endswith(POSSESSIVE)


def junctions(line: str) -> list[int]:
    """Where blocks run into each other in ``line``. The token around a junction is read once
    for all the junctions in it: a data: address of 100,000 characters holds thousands, and
    reading it again at each took seconds a line."""
    found: list[int] = []
    token_end, joins = -1, False
    for m in JUNCTION.finditer(line):
        at = m.start()
        if at > token_end:  # the first junction in this token
            start, end = line.rfind(" ", 0, at) + 1, line.find(" ", at)
            token_end = len(line) if end < 0 else end
            joins = may_join_blocks(line[start:token_end])
        if joins:
            found.append(at)
    return found


def glued(line: str, found: list[int]) -> bool:
    dense = len(line) >= MIN_CHARS and len(found) >= MIN_JUNCTIONS and len(found) >= MIN_DENSITY * len(line)
    return dense and any(run_in(line, at) for at in found)


def run_in(line: str, at: int) -> bool:
    """A junction no camel-case name has: a sentence or a lower-case word running into the next
    block ("…by twelve percent.The measure", "…library budgetBy Jane Doe"). Names ("JumpCloud",
    "YouTube") and glued menus of capitalised items ("HomeNewsSport") start with a capital; a
    line is split only if it holds one run-in, so a paragraph dense with names is left whole."""
    return not line[line.rfind(" ", 0, at) + 1].isupper()


def in_names(line: str, found: list[int]) -> set[int]:
    """The junctions of ``found`` inside camel-case names ("TurboTax", "FreeTaxUSA"): the
    line repeats them and writes one in mid-sentence ("… and TurboTax, which …")."""
    runs = [m.span() for m in ALNUM_RUN.finditer(line)]
    starts = [start for start, _ in runs]
    times = Counter(line[start:end] for start, end in runs)
    names: dict[str, bool] = {}
    inside: set[int] = set()
    for at in found:
        start, end = runs[bisect_right(starts, at) - 1]
        if not (line[start].isupper() and line[at - 1].isalpha()) or function_word_at(line, at, end):
            continue  # a sentence mark or number ran into the block, or a block opens at ``at``
        word = line[start:end]
        if word not in names:
            names[word] = times[word] >= NAME_MIN_TIMES and written_in_sentence(word, line)
        if names[word]:
            inside.add(at)
    return inside


def function_word_at(line: str, at: int, end: int) -> bool:
    part = CAPITALISED_PART.match(line, at, end)  # a junction opens a capital, so it always matches
    return part is not None and part.group().lower() in stopwords()


def written_in_sentence(word: str, line: str) -> bool:
    return re.search(rf"(?<![^\W\d_])[a-z]+ {re.escape(word)}[,;:]? [a-z]", line) is not None


def split_line(line: str, at: list[int]) -> str:
    cuts = [0, *at, len(line)]
    return SEPARATOR.join(part for a, b in pairwise(cuts) if (part := line[a:b].strip()))


def unglue(text: str) -> Unglued:
    """``text`` with every glued line split into its blocks (other lines untouched)."""
    out, split = [], 0
    for line in text.split("\n"):
        if len(line) >= MIN_CHARS and glued(line, found := junctions(line)):
            names = in_names(line, found)
            line, split = split_line(line, [at for at in found if at not in names]), split + 1
        out.append(line)
    return Unglued("\n".join(out), split) if split else Unglued(text, 0)
