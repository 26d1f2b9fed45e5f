"""Command line: ``python -m pipeline <command>`` (also installed as ``presscorpus``).

Commands live in ``pipeline/commands/``, one module each; add a new one to COMMANDS.
Errors the user can fix are printed as one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
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
