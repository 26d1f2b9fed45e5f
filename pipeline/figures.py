"""Figures for the card: a length histogram and articles per day, as reproducible PNGs.

matplotlib's Agg backend with fixed settings and no metadata (no software name, no
date) gives the same bytes for the same counts, so the figures can sit in the manifest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402  (the backend must be chosen first)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from pipeline.corpus_stats import CorpusStats  # noqa: E402

FIGURE_DIR = "figures"
MIN_RECORDS = 5  # fewer: the length table says it all
MIN_DAYS = 3
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SIZE = (6.4, 3.2)  # inches
DPI = 100
# Only the PNG keys matplotlib would otherwise fill in; None drops them from the file.
PNG_METADATA = {"Software": None}
STYLE = {"font.family": "DejaVu Sans", "font.size": 9}  # DejaVu ships with matplotlib: same glyphs everywhere


@dataclass(frozen=True)
class FigureFile:
    path: str  # relative to the release
    alt: str  # what the card says the figure shows


def length_histogram(corpus: CorpusStats) -> Figure | None:
    if corpus.records < MIN_RECORDS:
        return None
    fig, ax = plt.subplots(figsize=SIZE)
    words = sorted(corpus.word_counts)
    ax.hist(words, weights=[corpus.word_counts[w] for w in words], bins=min(30, max(5, len(words))),
            color="#4c72b0", edgecolor="white")
    ax.set_xlabel("words per record")
    ax.set_ylabel("records")
    ax.set_title("Text length")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


def as_day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:  # a provided "2024-02-31" the metadata stage should have refused: no bar, no crash
        return None


def articles_per_day(corpus: CorpusStats) -> Figure | None:
    days = {day: n for d, n in corpus.dates.items() if ISO_DAY.match(d) and (day := as_day(d))}
    if len(days) < MIN_DAYS:  # one or two days say more as a sentence than as a chart
        return None
    fig, ax = plt.subplots(figsize=SIZE)
    ordered = sorted(days)
    ax.bar(ordered, [days[d] for d in ordered], width=1.0, color="#55a868")  # days without records stay empty
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_ylabel("records")
    ax.set_title("Records per publication day (records with a date)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


# name → (draw function, alt text). The card shows the ones that could be drawn.
FIGURES: dict[str, tuple[Callable[[CorpusStats], Figure | None], str]] = {
    "length.png": (length_histogram, "Histogram of text length in words"),
    "per_day.png": (articles_per_day, "Number of records per publication day"),
}


def draw_all(corpus: CorpusStats, out: Path) -> list[FigureFile]:
    """Write every figure that has data under ``out/figures``; return them in card order."""
    written = []
    with matplotlib.rc_context(STYLE):
        for name, (draw, alt) in FIGURES.items():
            fig = draw(corpus)
            if fig is None:
                continue
            (out / FIGURE_DIR).mkdir(parents=True, exist_ok=True)
            fig.tight_layout()
            fig.savefig(out / FIGURE_DIR / name, format="png", dpi=DPI, metadata=PNG_METADATA)
            plt.close(fig)
            written.append(FigureFile(f"{FIGURE_DIR}/{name}", alt))
    return written
