"""Shared fixtures: the seed pages, small pages written here, and one seed build per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.config import load_config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_CONFIG = ROOT / "dataset.toml"


def seed_text(prefix: str) -> str:
    """A seed page's text, by the first characters of its file name ("003")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once with dataset.toml into a temporary dist/."""
    out = tmp_path_factory.mktemp("dist")
    summary = build(load_config(SEED_CONFIG), SEEDS, out, progress=False)
    return summary.release


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ to add awkward files to."""
    target = tmp_path / "pages"
    shutil.copytree(SEEDS, target)
    return target
