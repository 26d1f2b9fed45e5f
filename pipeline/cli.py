"""Command line: ``python -m pipeline <command>`` (also installed as ``presscorpus``).

Commands live in ``pipeline/commands/``, one module each; add a new one to COMMANDS.
Errors the user can fix are printed as one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from pipeline.errors import UserError

COMMANDS = ["build", "verify", "diff", "release", "push", "inspect"]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="presscorpus",
        description="Scraped news pages in, a versioned Hugging Face dataset with a datasheet out.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"pipeline.commands.{name}").register(sub)
    return p


def terminate(signum: int, frame: object) -> None:
    """SIGTERM (``kill``, a job scheduler's time limit) unwinds like Ctrl-C, so a build removes
    its work folder (page texts) instead of leaving it on disk."""
    raise KeyboardInterrupt


def check_path_arguments(args: argparse.Namespace) -> None:
    """A path Python could only decode with escapes (non-ASCII names under a C locale with UTF-8
    mode off) cannot be handed to Arrow, which needs UTF-8: one line, before any work."""
    for value in vars(args).values():
        if isinstance(value, Path):
            try:
                str(value).encode("utf-8")
            except UnicodeEncodeError:
                raise UserError(f"{value!s:.200}: this path is not UTF-8 in the current locale; "
                                "run with PYTHONUTF8=1 or a UTF-8 locale (LANG=C.UTF-8)") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # A terminal or pipe that cannot show a character (PYTHONIOENCODING=ascii, a C locale)
    # gets an escape, not a traceback after the work is done.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if threading.current_thread() is threading.main_thread():  # only there can a handler be set
        signal.signal(signal.SIGTERM, terminate)
    try:
        check_path_arguments(args)
        return args.run(args)
    except UserError as exc:
        print(f"presscorpus: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("presscorpus: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit would raise again
        return 141
    except OSError as exc:  # the disk is full, a folder read-only: the environment, not the input
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"presscorpus: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
