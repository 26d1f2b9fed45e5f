"""``python -m pipeline.bench.train_titlemodel --pages PATH [--pages PATH …]``: fit
``data/title_model.toml``, the headline model of text dumps.

Dev split only, dumps of every renderer pooled. For each page the candidates are the lines
``textmeta.title_features`` describes; the headline is the candidate equal to the
annotated title (compared as the metadata bench compares titles). A conditional logit
(softmax over one page's candidates) is fitted by gradient descent with an L2 penalty;
pages without a correct candidate carry no signal and are left out. The threshold under
which a page gets no title is a choice made on dev with the metadata bench, given here
with ``--threshold``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from pipeline import textmeta
from pipeline.bench.cleaning import cache_path, render_dumps
from pipeline.bench.metadata import fold
from pipeline.bench.pages import load_pages
from pipeline.stages.repair import relayout

RENDERERS = ("inscriptis", "lynx", "w3m", "html2text")
Group = tuple[list[dict[str, float]], list[bool]]


def page_groups(pages_file: Path, cache: Path | None, jobs: int) -> list[Group]:
    """(candidate features, is-headline) for every dev page and renderer of one benchmark file."""
    pages = list(load_pages(pages_file, "dev"))
    groups = []
    for renderer in RENDERERS:
        dumps = render_dumps(renderer, pages, jobs, cache_path(cache, renderer, pages_file, "dev", None))
        for page, dump in zip(pages, dumps, strict=True):
            lines = textmeta.content_lines(relayout(dump)[0])  # as the repair stage hands it on
            truth = fold(page.get("title"))
            features = textmeta.title_features(lines)
            labels = [fold(textmeta.split_title(lines[i].text)[0]) == truth for i in features]
            groups.append((list(features.values()), labels))
    return groups


def fit(groups: list[Group], l2: float, steps: int = 400, rate: float = 0.5) -> dict[str, float]:
    names = sorted({k for feats, _ in groups for fv in feats for k in fv})
    usable = [(feats, labels) for feats, labels in groups if any(labels)]
    # All pages' candidates stacked: a page's softmax runs over its own slice (``starts``).
    x = np.array([[fv[k] for k in names] for feats, _ in usable for fv in feats])
    sizes = np.array([len(feats) for feats, _ in usable])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    page = np.repeat(np.arange(len(usable)), sizes)
    # The headline's side of the gradient does not depend on the weights: summed once.
    target = sum(x[s : s + n][np.array(labels)].mean(0)
                 for s, n, (_, labels) in zip(starts, sizes, usable, strict=True))
    w = np.zeros(len(names))
    for _ in range(steps):
        s = x @ w
        p = np.exp(s - np.maximum.reduceat(s, starts)[page])
        p /= np.add.reduceat(p, starts)[page]
        w -= rate * ((x.T @ p - target) / len(usable) + l2 * w)
    return dict(zip(names, w, strict=True))


def toml_text(weights: dict[str, float], threshold: float) -> str:
    header = (
        "# Headline model for text dumps: weights of the features of textmeta.title_features, fitted\n"
        "# (conditional logit: one headline among the candidate lines of a page) on the dev split of the\n"
        "# WCXB and readability pages rendered by inscriptis, lynx, w3m and html2text. A page whose best\n"
        "# candidate scores below the threshold gets no title (better none than a menu line).\n"
        "# Made by: python -m pipeline.bench.train_titlemodel (see its docstring).\n"
    )
    rows = "\n".join(f"{k} = {v:.3f}" for k, v in weights.items())
    return f"{header}threshold = {threshold}\n\n[weights]\nbias = 0.0\n{rows}\n"


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m pipeline.bench.train_titlemodel", description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=Path, action="append", required=True, help="benchmark file (repeatable)")
    p.add_argument("--cache", type=Path, help="folder of rendered dumps shared with the benches")
    p.add_argument("--jobs", type=int, default=1, help="processes for rendering")
    p.add_argument("--l2", type=float, default=0.001, help="L2 penalty")
    p.add_argument("--threshold", type=float, default=0.0, help="score under which a page gets no title")
    p.add_argument("--out", type=Path, help="write the model here (default: print it)")
    args = p.parse_args()
    groups = [g for path in args.pages for g in page_groups(path, args.cache, args.jobs)]
    text = toml_text(fit(groups, args.l2), args.threshold)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
