"""``presscorpus build``: pages in, a release folder out, a one-screen summary printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.build import BuildSummary, build
from pipeline.config import load_config

TOP_RULES = 8


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build a dataset release from a folder of pages",
                       description="Read every page below --input (nested folders too), clean it, infer its "
                       "metadata, and write dist/<name>/<version>/.")
    p.add_argument("--config", type=Path, help="dataset.toml (default: built-in defaults, every language kept)")
    p.add_argument("--input", type=Path, default=Path("seeds"), help="folder of pages (default: seeds)")
    p.add_argument("--output", type=Path, default=Path("dist"), help="release root (default: dist)")
    p.add_argument("--force", action="store_true", help="replace an existing release that differs")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    summary = build(config, args.input, args.output, force=args.force, progress=not args.quiet)
    print(format_summary(summary))
    return 0


def accounted(files: int, entries: int) -> str:
    """Where a WARC or JSONL file holds many pages (or a manifest names a missing file), the
    records and quarantine entries below do not add up to the files read: say what they add up to."""
    return "" if entries == files else f", {entries} pages and entries (records + quarantine)"


def format_summary(s: BuildSummary) -> str:
    quarantined = sum(s.quarantined.values())
    top_rules = s.removal_rules.most_common(TOP_RULES)
    lines = [
        f"release     {s.release} ({s.status})",
        f"inputs      {s.inputs} files read" + accounted(s.inputs, s.records + quarantined),
        f"records     {s.records} written",
        f"quarantine  {quarantined}" + "".join(f"\n  {n:5d}  {r}" for r, n in sorted(s.quarantined.items())),
        "removed     top rules (lines)" + "".join(f"\n  {n:5d}  {r}" for r, n in top_rules),
    ]
    lines += [f"warning     {w}" for w in s.warnings]
    return "\n".join(lines)
