"""``python -m pipeline.bench metadata --pages FILE [--pages FILE …]``: title, author, date.

One run scores, on the same pages and in the same process:

- ``trafilatura``: trafilatura alone (``bare_extraction`` with metadata, given the page URL);
- ``presscorpus-html``: the repair, clean and metadata stages on the HTML (given the same URL);
- ``presscorpus-<renderer>``: the same stages on a text dump of the page made by a real
  renderer (lynx, w3m, inscriptis, html2text), without URL: what a text-only corpus holds.

How values are compared (the same for every system):

- title: both sides are folded (NFKC, case, punctuation and spacing: ``\\w+`` tokens
  joined by one space); equal keys count as right;
- author: the truth is split on ``, ; & | and`` into parts; parts of one word (after
  dropping dots) are credentials ("MS", "Ph.D.") and are dropped unless nothing else is left. The prediction
  (a list of names; trafilatura's "A; B" string is split the same way) is right when its
  set of folded names equals the truth's;
- date: the first ten characters (``YYYY-MM-DD``) must be equal;
- site (readability pages only): folded equality, reported for information.

A page whose truth is null is right when the prediction is null too. Accuracy is given two
ways: over all pages, and over the pages whose truth is given (the way peers usually
report it: "trafilatura gets the date right on about 0.88 of pages"). A wrong answer is
counted as *null* (the system said nothing) or *invented* (it gave a value that is not
the truth): for a research corpus the first is far cheaper than the second. Body F1 is the
shingle metric of ``pipeline.bench.metric`` on the HTML systems' main text.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.bench.metric import BodyScore
from pipeline.bench.pages import SPLITS, load_pages
from pipeline.bench.render import available_renderers
from pipeline.config import Config
from pipeline.doc import Doc

FIELDS = ("title", "author", "date", "site")
WORD = re.compile(r"\w+")
AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&|]|\band\b)\s*", re.I)


def fold(text: str | None) -> str:
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text or "").casefold()))


def author_key(value: str | list[str] | None) -> frozenset[str]:
    parts = value if isinstance(value, list) else AUTHOR_SEPARATORS.split(value or "")
    # Dots go first, so "Ph.D." folds to one word ("phd"), a credential, not a second name.
    folded = [fold(p.replace(".", "")) for p in parts if fold(p.replace(".", ""))]
    names = [p for p in folded if len(p.split()) >= 2]
    return frozenset(names or folded)


def same(field_name: str, truth: Any, predicted: Any) -> bool:
    if field_name == "author":
        return author_key(truth) == author_key(predicted)
    if field_name == "date":
        return (truth or "")[:10] == (predicted or "")[:10]
    return fold(truth) == fold(predicted)


def is_null(value: Any) -> bool:
    return not value


@dataclass
class Tally:
    """Right / wrong-null / wrong-invented counts per field for one system."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    body: BodyScore = field(default_factory=BodyScore)
    seconds: float = 0.0

    def add(self, field_name: str, truth: Any, predicted: Any) -> str:
        outcome = "null" if is_null(predicted) else "invented"
        if same(field_name, truth, predicted):
            outcome = "right"
        self.counts[field_name][outcome] += 1
        if not is_null(truth):
            self.counts[field_name + "+given"][outcome] += 1
        return outcome

    def accuracy(self, field_name: str) -> float | None:
        c = self.counts.get(field_name)
        n = sum(c.values()) if c else 0
        return c["right"] / n if n else None


def trafilatura_alone(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True)
    d = doc.as_dict() if doc is not None else {}
    author = [a.strip() for a in (d.get("author") or "").split(";") if a.strip()]
    return {"title": d.get("title"), "author": author, "date": d.get("date"), "site": d.get("sitename"),
            "text": d.get("text") or ""}


class Presscorpus:
    """The repair, clean and metadata stages, as a build runs them, on one page at a time."""

    def __init__(self) -> None:
        from pipeline.stages.clean import Clean
        from pipeline.stages.metadata import Metadata
        from pipeline.stages.repair import Repair

        config = Config(min_words=0)
        self.stages = [Repair(), Clean(config), Metadata(config)]

    def run(self, doc: Doc) -> dict[str, Any]:
        doc.id = doc.id or "bench"
        for stage in self.stages:
            stage.process_doc(doc)
        why = {e.field: e.method for e in doc.evidence if e.selected}
        return {"title": doc.title, "author": doc.authors, "date": doc.date_published, "site": doc.outlet,
                "text": doc.text, "why": {"title": why.get("title"), "author": why.get("authors"),
                                          "date": why.get("date_published"), "site": why.get("outlet")}}

    def html(self, html: str, url: str | None) -> dict[str, Any]:
        return self.run(Doc(source_path="bench.html", source_format="html", html=html, url=url))

    def dump(self, text: str) -> dict[str, Any]:
        return self.run(Doc(source_path="bench.txt", text=text))


def truth_of(page: dict[str, Any]) -> dict[str, Any]:
    truth = {"title": page.get("title"), "author": page.get("author"), "date": page.get("date")}
    if "site_name" in page:
        truth["site"] = page.get("site_name")
    return truth


def score_page(page: dict[str, Any], systems: dict[str, Callable[[dict[str, Any]], dict[str, Any]]],
               tallies: dict[str, Tally], misses: list[str] | None) -> None:
    truth = truth_of(page)
    for name, system in systems.items():
        start = time.perf_counter()
        try:
            got = system(page)
        except Exception as exc:  # a crash on one page is a miss, and is reported
            print(f"  {name} failed on {page['id']}: {exc!r}", file=sys.stderr)
            got = {}
        tally = tallies[name]
        tally.seconds += time.perf_counter() - start
        for f, value in truth.items():
            outcome = tally.add(f, value, got.get(f))
            if misses is not None and outcome != "right":
                why = (got.get("why") or {}).get(f)
                misses.append(f"{name}\t{page['id']}\t{f}\t{outcome}\ttruth={value!r}\tgot={got.get(f)!r}\t{why}")
        if name in ("trafilatura", "presscorpus-html", "presscorpus-html+clean_text"):
            tally.body.add(page.get("body") or "", got.get("text") or "")


def postcleaned(result: dict[str, Any]) -> dict[str, Any]:
    """The HTML system's answer with the text-dump cleaner run over its main text afterwards."""
    from pipeline.textclean import clean_text

    return {**result, "text": clean_text(result.get("text") or "").text}


System = Callable[[dict[str, Any]], dict[str, Any]]


def make_systems(renderers: list[str], postclean: bool = False) -> dict[str, System]:
    presscorpus = Presscorpus()
    systems: dict[str, System] = {
        "trafilatura": lambda p: trafilatura_alone(p["html"], p.get("url")),
        "presscorpus-html": lambda p: presscorpus.html(p["html"], p.get("url")),
    }
    if postclean:
        systems["presscorpus-html+clean_text"] = lambda p: postcleaned(presscorpus.html(p["html"], p.get("url")))
    available = available_renderers(wrapped=True)
    for name in renderers:
        render = available[name]
        systems[f"presscorpus-{name}"] = lambda p, name=name, render=render: presscorpus.dump(
            dump_of(p, name, render))
    return systems


def dump_of(page: dict[str, Any], renderer: str, render: Callable[[str], str]) -> str:
    """The page's dump by ``renderer``: the cached one when ``with_dumps`` attached it."""
    cached = page.get("_dumps", {}).get(renderer)
    return cached if cached is not None else render(page["html"])


def with_dumps(pages: list[dict[str, Any]], renderers: list[str], cache: Path | None, pages_file: Path,
               split: str, limit: int | None, jobs: int) -> list[dict[str, Any]]:
    """Attach each renderer's dump to the pages, read from (or written to) the cleaning bench's cache."""
    if cache is None:
        return pages
    from pipeline.bench.cleaning import cache_path, render_dumps

    for renderer in renderers:
        dumps = render_dumps(renderer, pages, jobs, cache_path(cache, renderer, pages_file, split, limit))
        for page, dump in zip(pages, dumps, strict=True):
            page.setdefault("_dumps", {})[renderer] = dump
    return pages


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_table(path: Path, split: str, n: int, tallies: dict[str, Tally]) -> None:
    fields = [f for f in FIELDS if any(f in t.counts for t in tallies.values())]
    given = {f: sum(next(iter(tallies.values())).counts[f + "+given"].values()) for f in fields}
    print(f"\n{path.name} — split {split}, {n} pages (truth given: "
          + ", ".join(f"{f} {given[f]}" for f in fields) + ")")
    print("accuracy: all pages (a null truth needs a null answer) / pages whose truth is given; "
          "wrong answers as null/invented")
    header = ["system", *fields, *[f"{f} (given)" for f in fields], "body F1",
              *[f"{f} null/invented" for f in fields], "pages/s"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, t in tallies.items():
        row = [name, *[fmt(t.accuracy(f)) for f in fields], *[fmt(t.accuracy(f + "+given")) for f in fields],
               fmt(t.body.f1) if t.body.n else "—"]
        row += [f"{t.counts[f]['null']}/{t.counts[f]['invented']}" for f in fields]
        row.append(f"{n / t.seconds:.1f}" if t.seconds else "—")
        print("| " + " | ".join(row) + " |")


def run(args: argparse.Namespace) -> int:
    renderers = [] if args.html_only else args.renderer or list(available_renderers())
    systems = make_systems(renderers, args.postclean)
    misses: list[str] | None = [] if args.misses else None
    for path in args.pages:
        tallies = {name: Tally() for name in systems}
        pages = with_dumps(list(load_pages(path, args.split, args.limit)), renderers, args.cache, path,
                           args.split, args.limit, args.jobs)
        for page in pages:
            score_page(page, systems, tallies, misses)
        n = len(pages)
        print_table(path, args.split, n, tallies)
    if args.misses and misses is not None:
        Path(args.misses).write_text("\n".join(misses) + "\n", encoding="utf-8")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("metadata", help="title/author/date accuracy: presscorpus vs trafilatura alone")
    p.add_argument("--pages", type=Path, action="append", required=True,
                   help="benchmark file (wcxb-dev-articles.jsonl.gz, readability-pages.jsonl.gz); repeatable")
    p.add_argument("--split", choices=SPLITS, default="dev")
    p.add_argument("--limit", type=int, default=None, help="first N pages of the split")
    p.add_argument("--renderer", action="append", choices=sorted(available_renderers(wrapped=True)),
                   help="text-dump renderer (repeatable; default: every available one)")
    p.add_argument("--html-only", action="store_true", help="skip the text-dump systems")
    p.add_argument("--postclean", action="store_true",
                   help="also score the HTML main text with the text-dump cleaner run over it afterwards")
    p.add_argument("--misses", metavar="FILE", help="write every wrong value (system, page, field) to FILE")
    p.add_argument("--cache", type=Path, metavar="DIR",
                   help="folder keeping rendered dumps between runs (shared with the cleaning bench)")
    p.add_argument("--jobs", type=int, default=1, help="processes used to render uncached dumps (default 1)")
    p.set_defaults(run=run)
