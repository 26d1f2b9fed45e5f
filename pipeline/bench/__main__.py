"""``python -m pipeline.bench <benchmark> --pages PATH``: one module per benchmark.

Each module in BENCHMARKS defines ``register(subparsers)`` like the CLI commands.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from pipeline.errors import UserError

BENCHMARKS: list[str] = ["cleaning", "metadata"]


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m pipeline.bench",
                                description="Measure presscorpus against baselines on benchmark pages.")
    sub = p.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for name in BENCHMARKS:
        importlib.import_module(f"pipeline.bench.{name}").register(sub)
    args = p.parse_args()
    try:
        return args.run(args)
    except UserError as exc:
        print(f"presscorpus bench: error: {exc}", file=sys.stderr)
        return 2


sys.exit(main())
