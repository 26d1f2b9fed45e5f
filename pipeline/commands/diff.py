"""``presscorpus diff OLD NEW``: records added, removed and changed between two releases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.changes import compare, render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="what changed between two release folders",
                       description="Records added, removed and changed (matched by id, then by source "
                       "path; compared by content hash), schema changes, per-field counts, and the version "
                       "bump those changes need (schema → major, records added/removed → minor, values → patch).")
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier release folder")
    p.add_argument("new", type=Path, metavar="NEW", help="the later release folder")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    diff = compare(args.old, args.new)
    if args.json:
        print(json.dumps(diff.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render(diff), end="")
        warning = diff.bump_warning()
        if warning:
            print(f"\nwarning     {warning}")
    return 0
