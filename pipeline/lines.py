"""Line features for text dumps: the measurements every cleaning rule is written in."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^\s*([•·▪◦‣∙*+–-]|\d{1,2}[.)])\s+")
WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
# Closing quotes and brackets may follow the sentence's last mark: .” ?' !) ."
TERMINAL = re.compile(r"""[.!?…:;][\"'”’»)\]]*$|[\"”’»][.!?]?$""")
PROSE_MIN_WORDS = 6
PROSE_LONG_WORDS = 20


@dataclass
class Line:
    no: int  # 1-based line number in the page
    raw: str
    text: str  # stripped, bullet marker removed
    indent: int
    bullet: bool
    words: int
    terminal: bool
    title_case: float  # share of words (of 4+ letters) that start upper-case
    rule: str = ""  # name of the rule that removed this line; "" keeps it
    role: str = ""  # title | byline | dateline: removed from body, value kept as metadata

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def kept(self) -> bool:
        return not self.rule and not self.role

    @property
    def prose(self) -> bool:
        """Reads as body text: a sentence, or long enough to be a paragraph."""
        if self.words >= PROSE_LONG_WORDS:
            return self.title_case < 0.8
        return self.words >= PROSE_MIN_WORDS and self.terminal


def title_case_share(words: list[str]) -> float:
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(w[0].isupper() for w in long_words) / len(long_words)


def make_line(no: int, raw: str) -> Line:
    stripped = raw.strip()
    bullet = BULLET.match(stripped)
    text = stripped[bullet.end() :].strip() if bullet else stripped
    words = WORD.findall(text)
    return Line(
        no=no,
        raw=raw,
        text=text,
        indent=len(raw) - len(raw.lstrip()),
        bullet=bool(bullet),
        words=len(words),
        terminal=bool(TERMINAL.search(text)),
        title_case=title_case_share(words),
    )


def split_lines(text: str) -> list[Line]:
    return [make_line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]


def normalise(text: str) -> str:
    """Comparison key: case, punctuation and spacing folded."""
    return " ".join(WORD.findall(text.lower()))
