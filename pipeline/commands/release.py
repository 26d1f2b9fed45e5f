"""``presscorpus release``: verify a release and write its reproducible tarball."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.config import load_config
from pipeline.release import make_release, release_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("release", help="verify a release and write dist/<name>-<version>.tar.gz",
                       description="Verify the release folder, then write a reproducible tarball of it "
                       "(sorted names, fixed mtimes and owners) and print its sha256.")
    p.add_argument("release", type=Path, nargs="?", metavar="DIR",
                   help="release folder (default: dist/<name>/<version> from --config)")
    p.add_argument("--config", type=Path, default=Path("dataset.toml"), help="dataset.toml (default: dataset.toml)")
    p.add_argument("--dist", type=Path, default=Path("dist"), help="release root (default: dist)")
    p.add_argument("--force", action="store_true",
                   help="replace a tarball of the same name and version that holds other bytes")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.release is None:
        config = load_config(args.config)
        folder = release_dir(args.dist, config.name, config.version)
    else:
        folder = args.release
    target, digest = make_release(folder, args.dist, args.force)
    print(f"{digest}  {target}")
    return 0
