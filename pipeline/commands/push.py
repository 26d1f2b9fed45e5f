"""``presscorpus push DIR --repo-id ORG/NAME``: upload a verified release to the Hugging Face Hub.

Needs only a token with write access in ``HF_TOKEN``. The folder goes up as is: the card's
``configs:`` make the Hub (and ``load_dataset("ORG/NAME")``) read its Parquet copy; the
commit is tagged with the version.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pipeline.config import load_config
from pipeline.release import TOKEN_ENV, push, release_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="upload a release folder to the Hugging Face Hub (token in HF_TOKEN)",
                       description="Verify the release folder, create the dataset repo if needed, upload the "
                       f"folder and tag the commit with the version. The token is read from {TOKEN_ENV}.")
    p.add_argument("release", type=Path, nargs="?", metavar="DIR",
                   help="release folder (default: dist/<name>/<version> from --config)")
    p.add_argument("--config", type=Path, default=Path("dataset.toml"), help="dataset.toml (default: dataset.toml)")
    p.add_argument("--dist", type=Path, default=Path("dist"), help="release root (default: dist)")
    p.add_argument("--repo-id", required=True, help="the Hub dataset repo, ORG/NAME")
    p.add_argument("--private", action="store_true", help="create the repo as private")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = args.release
    if folder is None:
        config = load_config(args.config)
        folder = release_dir(args.dist, config.name, config.version)
    commit = push(folder, args.repo_id, os.environ.get(TOKEN_ENV), private=args.private)
    print(f"pushed {folder} to {args.repo_id} ({commit})")
    return 0
