"""``presscorpus verify DIR``: recompute every checksum, load and validate every record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import one_line
from pipeline.verify import verify


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="check a release folder: checksums, tables, every record",
                       description="Recompute every sha256 in manifest-sha256.txt (and croissant.json), load "
                       "each table, validate every record against its JSON Schema and compare the Parquet "
                       "copy with the Arrow one. Exits 1 and lists what differs.")
    p.add_argument("release", type=Path, metavar="DIR", help="a release folder, e.g. dist/<name>/<version>")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = verify(args.release)
    if report.ok:
        rows = ", ".join(f"{n} {split}" for split, n in report.rows.items())
        print(f"OK  {args.release}: {report.files} files match the manifest; rows: {rows}; every record valid")
        return 0
    print(f"FAILED  {args.release}: {len(report.problems)} problems", file=sys.stderr)
    for problem in report.problems:
        print(f"  {one_line(problem)}", file=sys.stderr)  # a library's message may hold line breaks
    return 1
