"""A small statistical line classifier: how likely a dump line is article body.

Two scorers over named features (``feature_names()`` and ``CONTEXT``), shipped as
``data/linemodel.json`` (scaling, weights of a one-hidden-layer network, thresholds;
trained on the dev split of the benchmark, on dumps of every renderer, by
``python -m pipeline.bench.train_linemodel``). The first scores each line from its own
features, its neighbours, its position and the rules that fired on it; the second
re-scores it from the first's scores around it (a line among body lines is body, and
the densest run of body lines is the article). The rules stay the evidence: a removal
is named after the rule that fired or, when only the model removes a line, after the
feature that weighed most against it (``line-model:<feature>``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from threadpoolctl import ThreadpoolController

from pipeline.lines import Line

# Structural rule names whose decisions the model may overrule (pattern rules and
# metadata roles are final: they match known widget text or the page's own title).
STRUCTURAL = ("menu-bullet", "related-list", "before-body", "after-body", "short-line-run")
PATTERN_FAMILIES = ("widget", "navigation", "legal", "contact", "caption", "template")
WORD_BINS = (1, 3, 6, 11, 21, 41)


OWN = ["log_words", "log_chars", "terminal", "prose", "stop_share", "title_case", "bullet", "indent",
       "link_share", "digit_share", "heading", "form", "has_date", "ends_colon", "ends_question",
       "starts_lower", "all_caps", "has_pipe", "commas"]


def own_features(ln: Line) -> tuple[float, ...]:
    """The line's own features, in the order of ``OWN`` (one call per line, not one per feature:
    this runs on every line of every page)."""
    text = ln.text
    return (
        math.log1p(ln.words), math.log1p(len(text)), float(ln.terminal), float(ln.prose), ln.stop_share,
        ln.title_case, float(ln.bullet), min(ln.indent, 24) / 24, ln.link_share, ln.digit_share,
        float(ln.heading), float(ln.form), float(ln.has_date), float(text.endswith(":")),
        float(text.endswith("?")), float(text[:1].islower()), float(text.isupper() and ln.words >= 1),
        float(" | " in text or " · " in text or " • " in text), min(text.count(","), 6) / 6,
    )


def own_matrix(seq: list[Line]) -> np.ndarray:
    """``own_features`` of every line as a (lines, ``OWN``) matrix, built a column at a time
    (the same arithmetic, value for value, without a tuple of 19 per line)."""
    texts = [ln.text for ln in seq]
    words = [ln.words for ln in seq]
    columns = [
        list(map(math.log1p, words)), list(map(math.log1p, map(len, texts))), [ln.terminal for ln in seq],
        [ln.prose for ln in seq], [ln.stop_share for ln in seq], [ln.title_case for ln in seq],
        [ln.bullet for ln in seq], [min(ln.indent, 24) / 24 for ln in seq], [ln.link_share for ln in seq],
        [ln.digit_share for ln in seq], [ln.heading for ln in seq], [ln.form for ln in seq],
        [ln.has_date for ln in seq], [t.endswith(":") for t in texts], [t.endswith("?") for t in texts],
        [t[:1].islower() for t in texts], [t.isupper() and w >= 1 for t, w in zip(texts, words, strict=True)],
        [" | " in t or " · " in t or " • " in t for t in texts], [min(t.count(","), 6) / 6 for t in texts],
    ]
    return np.array(columns, dtype=float).T


BIN_NAMES = [f"words_{lo}" for lo in WORD_BINS]


def feature_names() -> list[str]:
    own = OWN + BIN_NAMES
    ctx = [
        "prev_log_words", "next_log_words", "prev_prose", "next_prose", "prev_bullet", "next_bullet",
        "prev_link", "next_link", "blank_before", "blank_after", "win3_prose", "win10_prose",
        "win3_words", "win10_link", "run_short", "position", "mass_before", "before_body", "after_body",
        "dup_in_page", "same_indent_run", "indent_off_body", "after_title", "win3_stop", "win3_title_case",
        "block_words",
    ]
    rules = [f"rule_{r}" for r in STRUCTURAL] + [f"pattern_{f}" for f in PATTERN_FAMILIES] + ["metadata_role"]
    return own + ctx + rules


CONTEXT = ["p_self", "p_prev", "p_next", "p_win2", "p_win5", "p_win12", "p_before", "p_after",
           "log_words", "prose", "bullet", "link_share", "terminal",
           "in_main_span", "span_distance", "p_self_x_win5", "p_self_sq"]


def window_mean(values: np.ndarray, k: int) -> np.ndarray:
    """Mean of ``values`` over the k positions either side, the position itself left out."""
    m = len(values)
    prefix = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(m)
    lo, hi = np.maximum(0, idx - k), np.minimum(m, idx + k + 1)
    n = hi - lo - 1
    total = prefix[hi] - prefix[lo] - values
    return np.divide(total, n, out=np.zeros(m), where=n > 0)


def run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each position, the length of the run of True flags it belongs to (0 if False)."""
    flags = np.asarray(flags, dtype=bool)
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    run_of = np.cumsum(edges[:-1] == 1) - 1  # the run each position belongs to, counted from 0
    out = np.zeros(len(flags))
    out[flags] = (ends - starts)[run_of[flags]]
    return out


def shifted(values: np.ndarray, by: int) -> np.ndarray:
    """values[i - by] at i (0 where that falls off the page)."""
    out = np.zeros(len(values))
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def line_features(lines: list[Line], families: dict[str, str]) -> np.ndarray:
    """Feature rows for the page's non-blank lines, in order (names: ``feature_names()``)."""
    seq = [ln for ln in lines if ln.text]  # not Line.blank, spelt out: this runs on every line
    m = len(seq)
    if not m:
        return np.zeros((0, len(feature_names())))
    own = own_matrix(seq)
    words = np.array([ln.words for ln in seq], dtype=float)
    bins = np.stack([(words >= lo) & (words < hi) for lo, hi in
                     zip(WORD_BINS, (*WORD_BINS[1:], 10**9), strict=True)], axis=1).astype(float)
    logw, prose = own[:, 0], own[:, 3]
    bullet, link = own[:, 6], own[:, 8]
    prose_words = np.concatenate([[0.0], np.cumsum(words * prose)])
    total = prose_words[-1] or 1.0
    indents = np.array([ln.indent for ln in seq])
    same_indent = np.concatenate([[False], indents[1:] == indents[:-1]]) & (prose == 0)
    keys = [ln.key for ln in seq]
    counts = Counter(keys)
    blank_before, blank_after, block = blank_neighbours(lines)
    context = np.stack([
        shifted(logw, 1), shifted(logw, -1), shifted(prose, 1), shifted(prose, -1),
        shifted(bullet, 1), shifted(bullet, -1), shifted(link, 1), shifted(link, -1),
        blank_before, blank_after,
        window_mean(prose, 3), window_mean(prose, 10), window_mean(logw, 3), window_mean(link, 10),
        np.log1p(run_lengths(prose == 0)), np.arange(m) / m, prose_words[:-1] / total,
        (prose_words[:-1] == 0).astype(float), ((prose_words[1:] >= total) & (prose == 0)).astype(float),
        np.array([counts[k] > 1 for k in keys], dtype=float), np.log1p(run_lengths(same_indent)),
        indent_off_body(indents, prose), after_title(seq), window_mean(own[:, 4], 3), window_mean(own[:, 5], 3),
        np.log1p(block_words(block, words)),
    ], axis=1)
    return np.hstack([own, bins, context, rule_rows(seq, families)])


def blank_neighbours(lines: list[Line]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the page's non-blank lines: a blank line (or the page's edge) right before, right
    after, and the number of the block (lines between blank lines) each belongs to."""
    blank = np.array([not ln.text for ln in lines])
    at = np.flatnonzero(~blank)
    edge_blank = np.concatenate([[True], blank, [True]])  # position i + 1 is line i
    block = np.cumsum(blank)[at]
    return edge_blank[at].astype(float), edge_blank[at + 2].astype(float), block


def rule_rows(seq: list[Line], families: dict[str, str]) -> np.ndarray:
    """One-hot columns of the rule (or metadata role) that fired on each line; a page
    holds few distinct rules, so each distinct one is spelt out once."""
    distinct: dict[tuple[str, bool], int] = {}
    index = [distinct.setdefault((ln.rule, bool(ln.role)), len(distinct)) for ln in seq]
    table = np.array([[rule == r for r in STRUCTURAL] + [families.get(rule) == f for f in PATTERN_FAMILIES] + [role]
                      for rule, role in distinct], dtype=float)
    return table[index]


def indent_off_body(indents: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """How far a line's indent is from the body's (the commonest indent of prose lines):
    lynx and inscriptis indent nested menus deeper than paragraphs."""
    body = indents[prose > 0]
    if not len(body):
        return np.zeros(len(indents))
    values, counts = np.unique(body, return_counts=True)
    return np.minimum(np.abs(indents - values[counts.argmax()]), 24) / 24


def after_title(seq: list[Line]) -> np.ndarray:
    """1 from the line the metadata rules took as the title onwards (0 everywhere if none)."""
    marks = np.array([ln.role == "title" for ln in seq], dtype=float)
    return np.maximum.accumulate(marks) if len(marks) else marks


def block_words(block: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Words in the block each line belongs to (``block``: block numbers, ascending)."""
    return np.bincount(block, weights=words)[block]


def main_span(seq: list[Line], p1: np.ndarray) -> tuple[int, int]:
    """The run of lines with the highest body evidence (max-sum subarray, as in Body Text
    Extraction): each line adds its word weight, positive if scored body, negative if not."""
    best, best_span, run, start = 0.0, (0, -1), 0.0, 0
    gains = ((p1 - 0.5) * np.log1p(np.array([ln.words + 1 for ln in seq], dtype=float))).tolist()
    for i, gain in enumerate(gains):
        if run <= 0:
            run, start = 0.0, i
        run += gain
        if run > best:
            best, best_span = run, (start, i)
    return best_span


# The columns of ``line_features`` the second scorer reads again (log_words, prose, bullet,
# link_share, terminal), in ``CONTEXT``'s order.
OWN_AGAIN = [OWN.index(n) for n in ("log_words", "prose", "bullet", "link_share", "terminal")]


def context_features(seq: list[Line], p1: np.ndarray | list[float], rows: np.ndarray | None = None) -> np.ndarray:
    """``rows``: the page's ``line_features``, when the caller has them (saves working them out again)."""
    p = np.asarray(p1, dtype=float)
    m = len(p)
    if not m:
        return np.zeros((0, len(CONTEXT)))
    best_before = np.concatenate([[0.0], np.maximum.accumulate(p)[:-1]])  # highest score strictly before
    best_after = np.concatenate([np.maximum.accumulate(p[::-1])[::-1][1:], [0.0]])
    lo, hi = main_span(seq, p)
    idx = np.arange(m)
    distance = np.where(idx < lo, lo - idx, np.where(idx > hi, idx - hi, 0))
    win5 = window_mean(p, 5)
    own = rows[:, OWN_AGAIN] if rows is not None else np.array(
        [[math.log1p(ln.words), ln.prose, ln.bullet, ln.link_share, ln.terminal] for ln in seq], dtype=float)
    return np.column_stack([
        p, shifted(p, 1), shifted(p, -1), window_mean(p, 2), win5, window_mean(p, 12), best_before, best_after,
        own, ((idx >= lo) & (idx <= hi)).astype(float), np.log1p(distance), p * win5, p**2,
    ])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass(frozen=True)
class Scorer:
    """Standardised inputs, one hidden ReLU layer (none for a plain logistic regression), a
    sigmoid output. Weights as trained by ``pipeline.bench.train_linemodel``."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray | None  # (features, units) or None
    hidden_bias: np.ndarray | None
    out: np.ndarray  # (units,) or (features,)
    out_bias: float

    def forward(self, rows: np.ndarray | list[list[float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        # @, not einsum: on a page's few hundred rows BLAS is about 7 times faster, once held
        # to one thread (``one_blas_thread``)
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        h = None
        if self.hidden is not None:
            h = np.maximum(0.0, x @ self.hidden + self.hidden_bias)
        z = (h if h is not None else x) @ self.out + self.out_bias
        return x, z, h

    def scores(self, rows: np.ndarray | list[list[float]]) -> list[float]:
        if len(rows) == 0:
            return []
        _, z, _ = self.forward(rows)
        return sigmoid(z).tolist()

    def strongest_against(self, rows: np.ndarray | list[list[float]]) -> list[str]:
        """Per row, the feature that pushes it furthest towards boilerplate (gradient x input)."""
        if len(rows) == 0:
            return []
        x, _, h = self.forward(rows)
        return self.against(x, h)

    def against(self, x: np.ndarray, h: np.ndarray | None) -> list[str]:
        """``strongest_against`` from a forward pass's standardised inputs and hidden layer."""
        if h is None:
            contrib = x * self.out
        else:
            grad = ((h > 0) * self.out) @ self.hidden.T  # dz/dx per row
            contrib = x * grad
        return [self.names[i] for i in contrib.argmin(axis=1)]

    @classmethod
    def from_dict(cls, d: dict) -> Scorer:
        hidden = np.asarray(d["hidden"], dtype=float) if d.get("hidden") else None
        hidden_bias = np.asarray(d["hidden_bias"], dtype=float) if d.get("hidden") else None
        return cls(tuple(d["names"]), np.asarray(d["mean"], dtype=float), np.asarray(d["scale"], dtype=float),
                   hidden, hidden_bias, np.asarray(d["weights"], dtype=float), float(d["bias"]))


@dataclass(frozen=True)
class LineModel:
    lines: Scorer
    context: Scorer
    threshold: float  # a kept line scored below this is removed
    reinstate: float  # a line a structural rule removed but scored at least this is kept


@cache
def load_model() -> LineModel | None:
    """The shipped model, or None if the package holds none (the rules then decide alone)."""
    path = resources.files("pipeline").joinpath("data", "linemodel.json")
    if not path.is_file():
        return None
    d = json.loads(path.read_text("utf-8"))
    model = LineModel(Scorer.from_dict(d["lines"]), Scorer.from_dict(d["context"]), d["threshold"],
                      d.get("reinstate", d["threshold"]))
    if list(model.lines.names) != feature_names() or list(model.context.names) != CONTEXT:
        return None  # a model trained on other features would score nonsense
    return model


def body_scores(lines: list[Line], families: dict[str, str], model: LineModel) -> list[tuple[Line, float, str]]:
    """(line, probability of body, strongest feature against) for every non-blank line.

    The strongest feature is only worked out for lines scored below the threshold (the
    only ones it can name a removal for); the others get "".
    """
    seq = [ln for ln in lines if ln.text]
    if not seq:
        return []
    rows = line_features(lines, families)
    with one_blas_thread():
        x, z, h = model.lines.forward(rows)  # one pass serves scores and reasons
        p2 = model.context.scores(context_features(seq, sigmoid(z), rows))
        low = [i for i, p in enumerate(p2) if p < model.threshold]
        reasons = model.lines.against(x[low], None if h is None else h[low])
    against = [""] * len(seq)
    for i, name in zip(low, reasons, strict=True):
        against[i] = name
    return list(zip(seq, p2, against, strict=True))


@cache
def blas_threads() -> ThreadpoolController:
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """BLAS held to one thread: on a page's small products, extra threads only spin, and
    on a busy machine that doubles the CPU time of the stage."""
    return blas_threads().limit(limits=1, user_api="blas")
