"""Which ASCII characters can open a match of a regular expression, and an index of
anchored alternatives by the character a line opens with.

The pattern rules' anchored alternatives (``^share|^follow us|^©…``) are tried at the
start of every line. Tried as one expression, most of them fail at the first character,
but each still takes its turn: 4 µs a line. ``FirstCharIndex`` tries only those that could
match a line opening with that character. The sets read from the expression's parse tree
are supersets (a lookahead is skipped, a negated class is read as anything), so the index
answers as the whole expression would, only sooner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The parser behind ``re`` (stdlib, private; ``sre_parse`` before 3.11). Its tree's opcodes are
# read by name. A Python without it gets no index: every alternative is always tried.
try:
    import re._parser as sre_parse
except ImportError:  # every Python the project supports has it; the fallback is tested by unsetting it
    sre_parse = None

ASCII = tuple(map(chr, range(128)))
# Under re.I these non-ASCII letters match an ASCII one (ſ: s, K: k, İ and ı: i).
ASCII_TWINS = {"s": "\u017f", "k": "\u212a", "i": "\u0130\u0131"}
CATEGORIES = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_",
    "CATEGORY_LINEBREAK": lambda ch: ch == "\n",
}
REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")

Opening = tuple[frozenset[str] | None, bool]  # (characters, or None for any; may match nothing)


def opening_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """A superset of the ASCII characters a match of ``pattern`` can start with; None when a
    match may start with anything this reading does not follow, or be empty."""
    if sre_parse is None:
        return None
    tree = sre_parse.parse(pattern, flags)
    chars, nullable = sequence(list(tree), bool(tree.state.flags & re.I))
    return None if chars is None or nullable else chars


def spellings(ch: str, ignore_case: bool) -> set[str]:
    """The pattern characters that may match the text character ``ch``."""
    if not ignore_case:
        return {ch}
    lower = ch.lower()
    return {ch, lower, ch.upper(), *ASCII_TWINS.get(lower, "")}


def sequence(nodes: Iterable[tuple], ignore_case: bool) -> Opening:
    found: set[str] = set()
    for node in nodes:
        chars, nullable = opening(node, ignore_case)
        if chars is None:
            return None, True
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def opening(node: tuple, ignore_case: bool) -> Opening:
    op, arg = str(node[0]), node[1]
    if op in ZERO_WIDTH:  # skipping a lookahead only widens the set
        return frozenset(), True
    if op in ("LITERAL", "IN"):
        items = [node] if op == "LITERAL" else arg
        return frozenset(ch for ch in ASCII if in_class(ch, items, ignore_case)), False
    if op == "BRANCH":
        branches = [sequence(b, ignore_case) for b in arg[1]]
        if any(chars is None for chars, _ in branches):
            return None, True
        return frozenset().union(*(chars for chars, _ in branches)), any(n for _, n in branches)
    if op == "SUBPATTERN":
        _, add, remove, body = arg
        return sequence(body, (ignore_case or bool(add & re.I)) and not remove & re.I)
    if op == "ATOMIC_GROUP":
        return sequence(arg, ignore_case)
    if op in REPEATS:
        low, high, body = arg
        chars, nullable = sequence(body, ignore_case)
        return (frozenset(), True) if high == 0 else (chars, nullable or low == 0)
    return None, True  # any character, a back-reference, a conditional: anything may follow


def in_class(ch: str, items: list[tuple], ignore_case: bool) -> bool:
    """Whether some spelling of ``ch`` is in the class (a negated class holds everything: see ``item_holds``)."""
    return any(item_holds(item, spelt) for spelt in spellings(ch, ignore_case) for item in items)


def item_holds(item: tuple, ch: str) -> bool:
    op, arg = str(item[0]), item[1]
    if op == "LITERAL":
        return ch == chr(arg)
    if op == "RANGE":
        return arg[0] <= ord(ch) <= arg[1]
    if op == "CATEGORY":
        name = str(arg)
        if name.startswith("CATEGORY_NOT_"):
            return not CATEGORIES.get(name.replace("_NOT", "", 1), lambda _: False)(ch)
        return CATEGORIES.get(name, lambda _: True)(ch)
    return True  # NEGATE, or an item this reading does not know: may hold anything


class FirstCharIndex:
    """Alternatives (each to be tried with ``match`` at a line's start) indexed by the ASCII
    character a line opens with; a line opening with any other character tries them all."""

    def __init__(self, alternatives: list[str], flags: int = 0) -> None:
        opens = [opening_chars(a, flags) for a in alternatives]
        compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

        def union(chosen: tuple[int, ...]) -> re.Pattern[str]:
            if chosen not in compiled:
                compiled[chosen] = re.compile("|".join(f"(?:{alternatives[i]})" for i in chosen) or "(?!)", flags)
            return compiled[chosen]

        self.everything = union(tuple(range(len(alternatives))))
        self.by_char = {ch: union(tuple(i for i, chars in enumerate(opens) if chars is None or ch in chars))
                        for ch in ASCII}

    def match(self, text: str) -> re.Match[str] | None:
        return self.by_char.get(text[:1], self.everything).match(text)
