"""Errors the CLI reports as one line (``presscorpus: error: …``) instead of a traceback, and
the helpers that put a message on one line."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UserError(Exception):
    """Something the user can fix: a path, a config value, a version number."""


def one_line(text: object, limit: int | None = None) -> str:
    """``text`` with its line breaks and runs of white space made single spaces (a library's
    message, metadata printed inside Markdown), cut at ``limit`` characters."""
    return " ".join(str(text).split())[:limit]


def first_line(exc: BaseException, limit: int = 200) -> str:
    """An exception's first line (libraries follow it with context, or quote the damaged bytes),
    control characters written as escapes."""
    line = (str(exc).splitlines() or [""])[0][:limit]
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line)
