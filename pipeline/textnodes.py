"""Text nodes: rejoin the sentences a scraper printed one text node per line.

``soup.get_text("\\n", strip=True)``, and scrapers built on lxml's ``itertext()``, print
every text node on a line of its own: a paragraph holding two links comes out as five
lines ("Read the", "full report", "from the agency", "and the", "minutes."). A line-based
cleaner reads them as a run of short lines, a menu. On the dev pages rendered so, it lost
more than 10% of the body of 338 of 578 pages before this step.

Such a dump has no blank lines: nothing in it separates one block from the next, as every
renderer of a page's layout does. Only there, a line is joined to the one above when it
carries on the sentence that line left open (``carries_on``): the line above does not end
a sentence, and this one opens with a lower-case letter or a closing mark, or it is a
link's short text between two such lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dump prints a text node per line when it has (almost) no blank lines and some of its lines
# carry on a sentence. On dev: 555 of the 577 ``lxml-lines`` dumps of 10 lines or more, and 4 of
# the 6,900 dumps of other layouts (lynx's of a page that sets its text in ``<pre>``).
MAX_BLANK_SHARE = 0.02  # of a dump's lines: a renderer puts a blank line between blocks (dev: 0.3-0.45 of lines)
MIN_CARRIED_SHARE = 0.01  # of its other lines
MIN_LINES = 10  # a snippet of a few lines tells nothing of its layout
# Each line its own block: which lines were paragraphs and which list items is lost, and a
# dump read as one block of hundreds of lines looks like no page any renderer lays out.
BLOCK_SEPARATOR = "\n\n"
LINK_MAX_WORDS = 6  # a link's text set between two pieces of one sentence ("full report")

CONTINUATION = re.compile(r"[a-z,.;:!?)\]}%’”»]")  # opens a piece of a sentence already begun
SENTENCE_END = (".", "!", "?", "…", ".”", ".\"", "?”", "!”")
NO_SPACE_BEFORE = re.compile(r"[,.;:!?)\]}%’”»]")
NO_SPACE_AFTER = ("(", "[", "{", "“", "‘", "«", "/", "$", "#", "@")


@dataclass(frozen=True)
class Rejoined:
    text: str
    applied: bool  # the dump prints a text node per line (``node_per_line``)
    joined: int  # how many lines were joined to the line above


def node_per_line(stripped: list[str], carried: list[bool]) -> bool:
    """A dump with (almost) no blank lines whose line breaks cut sentences: its line breaks
    are where text nodes end."""
    blank = stripped.count("")
    text = len(stripped) - blank
    return (len(stripped) >= MIN_LINES and blank <= MAX_BLANK_SHARE * len(stripped)
            and sum(carried) >= MIN_CARRIED_SHARE * text)


def open_sentence(line: str) -> bool:
    return bool(line) and not line.endswith(SENTENCE_END)


def opens_as_continuation(line: str) -> bool:
    return bool(CONTINUATION.match(line))


def carries_on(previous: str, line: str, following: str) -> bool:
    """Whether ``line`` goes on with the sentence ``previous`` left open: it opens as a
    continuation, or it is a link's short text and ``following`` opens as one."""
    if not open_sentence(previous) or not line:
        return False
    if opens_as_continuation(line):
        return True
    return len(line.split()) <= LINK_MAX_WORDS and open_sentence(line) and opens_as_continuation(following)


def glue(left: str, right: str) -> str:
    if NO_SPACE_BEFORE.match(right) or left.endswith(NO_SPACE_AFTER):
        return left + right
    return f"{left} {right}"


def rejoin_text_nodes(text: str) -> Rejoined:
    """``text`` with the pieces of each sentence on one line, each line a block of its own,
    when the dump prints a text node per line; any other dump is returned as it is."""
    lines = text.rstrip("\n").split("\n")
    stripped = [line.strip() for line in lines]
    following = [*stripped[1:], ""]
    carried = [i > 0 and carries_on(stripped[i - 1], line, following[i]) for i, line in enumerate(stripped)]
    if not node_per_line(stripped, carried):
        return Rejoined(text, False, 0)
    out: list[str] = []
    for i, line in enumerate(stripped):
        if out and carried[i]:  # a sentence cut at two links comes together piece by piece
            out[-1] = glue(out[-1].rstrip(), line)
        elif line:
            out.append(lines[i])
    return Rejoined(BLOCK_SEPARATOR.join(out), True, len(lines) - stripped.count("") - len(out))
