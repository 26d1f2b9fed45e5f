"""The dataset card: Hugging Face YAML front matter, then a datasheet (Gebru et al.).

The questions come from ``pipeline/data/datasheet.toml``; each is answered from
``dataset.toml`` where only a human can answer and from the build's measurements
otherwise. A missing human answer is written as such, never made up. The front matter
survives hostile metadata: every string that is not plain is written double-quoted on
one line, and the header is parsed back before it is used.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

import pipeline
from pipeline import features
from pipeline.changes import describe  # one type vocabulary for the card and the diff
from pipeline.config import Config
from pipeline.corpus_stats import METADATA_FIELDS, CorpusStats
from pipeline.errors import one_line
from pipeline.figures import FigureFile
from pipeline.package import QUARANTINE, RECORDS, Table
from pipeline.stage import RunStats

MISSING = "_Not provided in dataset.toml._"
MISSING_PLAIN = "Not provided in dataset.toml."
QUESTIONS = Path(__file__).resolve().parent / "data" / "datasheet.toml"
TOP_OUTLETS = 30  # rows of the per-outlet table; the rest are summed


@dataclass
class Facts:
    """Everything the card can say, gathered by the build."""

    config: Config
    corpus: CorpusStats
    run: RunStats
    inputs: int
    tables: list[Table] = field(default_factory=list)  # tables with a Parquet copy
    rows: dict[str, int] = field(default_factory=dict)  # split → rows
    parquet_bytes: dict[str, int] = field(default_factory=dict)  # split → size of its Parquet file
    figures: list[FigureFile] = field(default_factory=list)
    changelog: str = ""  # one line on what changed since the previous version


# --- text helpers -----------------------------------------------------------------


def cell(value: Any) -> str:
    return one_line(value).replace("|", "\\|")


def table(rows: list[tuple[Any, ...]], headers: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def answer(config: Config, key: str) -> str:
    return config.datasheet.get(key, "").strip() or MISSING


# --- front matter -------------------------------------------------------------------


class CardDumper(yaml.SafeDumper):
    """SafeDumper that writes any string with a line break, control or edge space double-quoted."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    plain = text.isprintable() and text.strip() == text
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=None if plain else '"')


CardDumper.add_representer(str, _represent_str)


def size_category(n: int) -> str:
    for bound, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < bound:
            return label
    return "1M<n<10M"


def configs(tables: list[Table]) -> list[dict[str, Any]]:
    """The Hub's ``configs:``: one per table, pointing at its Parquet file."""
    out = []
    for t in tables:
        entry: dict[str, Any] = {"config_name": t.config, "data_files": [{"split": t.split, "path": t.parquet}]}
        if t.config == "default":
            entry["default"] = True
        out.append(entry)
    return out


def dataset_info(facts: Facts) -> list[dict[str, Any]]:
    """Row counts and Parquet sizes per config. ``datasets`` hashes these into its cache key for a
    local folder (file mtimes are not part of it), so a rebuilt release is not served from a stale cache."""
    return [{"config_name": t.config, "splits": [{"name": t.split, "num_examples": facts.rows.get(t.split, 0)}],
             "download_size": facts.parquet_bytes.get(t.split, 0)} for t in facts.tables]


def header(facts: Facts) -> dict[str, Any]:
    config, corpus = facts.config, facts.corpus
    return {
        "pretty_name": config.pretty_name or config.name,
        "license": config.license or "unknown",
        "language": sorted(lang for lang in corpus.languages if lang != "und"),
        "size_categories": [size_category(corpus.records)],
        "task_categories": list(config.raw.get("dataset", {}).get("task_categories", ["text-classification"])),
        "tags": ["news", "presscorpus"],
        "version": config.version,
        "configs": configs(facts.tables),
        "dataset_info": dataset_info(facts),
    }


def front_matter(data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=CardDumper, sort_keys=False, allow_unicode=True, width=1 << 30)
    # Belt and braces: the header must read back as written, and no line may end it early.
    if yaml.safe_load(text) != data or any(line.rstrip() in ("---", "...") for line in text.splitlines()):
        raise ValueError("card front matter does not round-trip")
    return "---\n" + text + "---\n"


def parse_front_matter(card: str) -> dict[str, Any]:
    """The YAML header of a card, as the Hub reads it (``---`` … ``---`` at the top)."""
    match = re.match(r"^---\n(.*?)\n---\n", card, re.DOTALL)
    if not match:
        raise ValueError("card has no YAML front matter")
    return yaml.safe_load(match.group(1))


# --- citation -------------------------------------------------------------------------


def _bib(text: str) -> str:
    """A BibTeX field value: one line, braces and TeX specials escaped."""
    return re.sub(r"([{}%&$#_\\])", r"\\\1", one_line(text))


def bibtex(config: Config) -> str:
    c = config.citation
    key = re.sub(r"[^A-Za-z0-9]+", "_", f"{config.name}_{config.version}")
    fields = [
        ("title", c.get("title") or config.pretty_name or config.name),
        ("author", " and ".join("{" + _bib(a) + "}" for a in c.get("authors", [])) or None),
        ("year", c.get("year")),
        ("version", config.version),
        ("url", c.get("url") or config.raw.get("dataset", {}).get("homepage")),
        ("doi", c.get("doi")),
    ]
    body = ",\n".join(f"  {k} = {{{v if k == 'author' else _bib(str(v))}}}" for k, v in fields if v)
    return f"@misc{{{key},\n{body}\n}}"


def citation_cff(config: Config) -> str:
    """CITATION.cff (Citation File Format 1.2.0) from ``[citation]`` in dataset.toml."""
    c = config.citation
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": c.get("title") or config.pretty_name or config.name,
        "version": config.version,
        "authors": [{"name": a} for a in c.get("authors", [])] or [{"name": "unknown"}],
    }
    optional = {"date-released": c.get("date_released"), "doi": c.get("doi"),
                "url": c.get("url") or config.raw.get("dataset", {}).get("homepage"), "abstract": config.description}
    data.update({k: v for k, v in optional.items() if v})
    return yaml.dump(data, Dumper=CardDumper, sort_keys=False, allow_unicode=True, width=1 << 30)


# --- measured answers -------------------------------------------------------------------


def missing_summary(corpus: CorpusStats) -> str:
    parts = [f"{f}: {corpus.missing[f]} of {corpus.records}" for f in METADATA_FIELDS]
    return "Records whose metadata field is null because no evidence was found: " + "; ".join(parts) + "."


def stage_names(run: RunStats) -> list[str]:
    return list(run.docs_in)  # the runner records stages in pipeline order


def preprocessing_summary(run: RunStats) -> str:
    removed = sum(run.removal_rules.values())
    return (f"Stages, in order: {' → '.join(stage_names(run)) or 'none'}. Cleaning removed {removed} lines by "
            f"{len(run.removal_rules)} named rules (every line is in audit/removals.jsonl with its rule); "
            f"{sum(run.quarantined.values())} inputs were quarantined with a reason.")


def limitations(config: Config, corpus: CorpusStats, run: RunStats) -> list[str]:
    """Known limitations the build can see for itself."""
    out = []
    if corpus.records < 100:
        out.append(f"Only {corpus.records} records: too few for statistics about coverage.")
    nulls = [f"`{name}` {corpus.missing[name]}" for name in METADATA_FIELDS if corpus.missing[name]]
    if nulls:
        out.append(f"Metadata left null because no evidence was found (records of {corpus.records}): "
                   + ", ".join(nulls) + ".")
    if corpus.languages.get("und"):
        out.append(f"{corpus.languages['und']} records have language `und` (not identified).")
    if run.quarantined:
        out.append(f"{sum(run.quarantined.values())} inputs are not in the dataset (see the quarantine).")
    out.append("Cleaning is rule-based: some boilerplate may remain and some article lines may have been "
               "removed; audit/removals.jsonl lists every removed line.")
    return out


def m_instances(f: Facts) -> str:
    return ("Each record is one scraped web page (a news report or analysis piece): its cleaned text, the "
            "metadata inferred from the page with the evidence for each value, and the provenance of the "
            "source file.")


def m_counts(f: Facts) -> str:
    c = f.corpus
    quarantined = sum(f.run.quarantined.values())
    return (f"{c.records} records ({c.words} words) in split `{RECORDS.split}`; {f.inputs} input files were read "
            f"and {quarantined} quarantined (config `{QUARANTINE.config}`).")


def m_fields(f: Facts) -> str:
    return table([(f"`{n}`", describe(v)) for n, v in features.RECORD.items()], ("field", "type"))


def m_missing(f: Facts) -> str:
    rows = [(name, f.corpus.missing[name]) for name in METADATA_FIELDS]
    return ("Metadata is left null when no evidence was found, never guessed; each value that is set has its "
            "evidence (method, confidence, snippet) in `evidence`.\n\n"
            + table(rows, ("field", "records without a value")))


def m_relationships(f: Facts) -> str:
    dups = f.run.quarantined.get("duplicate", 0)
    return (f"Records are independent pages. Exact duplicates (same text) are kept once: {dups} inputs were "
            "quarantined as duplicates, and their `duplicate_of` names the record that was kept.")


def m_splits(f: Facts) -> str:
    return (f"No: all records are in one split, `{RECORDS.split}`. Users who need a held-out set should split "
            "by outlet or by date to avoid near-duplicate pages across splits.")


def m_limitations(f: Facts) -> str:
    return "\n".join(f"- {line}" for line in limitations(f.config, f.corpus, f.run))


def m_subpopulations(f: Facts) -> str:
    outlets = f.corpus.outlets.most_common()
    rows = outlets[:TOP_OUTLETS]
    if len(outlets) > TOP_OUTLETS:
        rows.append((f"({len(outlets) - TOP_OUTLETS} other outlets)", sum(n for _, n in outlets[TOP_OUTLETS:])))
    return ("**Per outlet**\n\n" + table(rows, ("outlet", "records"))
            + "\n\n**Per language** (identified on the body text)\n\n"
            + table(f.corpus.languages.most_common(), ("language", "records")))


def m_individuals(f: Facts) -> str:
    return (f"{f.corpus.with_authors} of {f.corpus.records} records name at least one author (field "
            "`authors`); the texts also name public figures.")


def m_acquisition(f: Facts) -> str:
    formats = ", ".join(f"{n} {fmt}" for fmt, n in sorted(f.corpus.formats.items())) or "none"
    return f"Inputs by format (records): {formats}."


def figure_link(f: Facts, path: str) -> str:
    return next((f"\n\n![{fig.alt}]({fig.path})" for fig in f.figures if fig.path == path), "")


def m_timeframe(f: Facts) -> str:
    span = f.corpus.date_range
    if not span:
        return "No publication date could be established for any record."
    dated = sum(f.corpus.dates.values())
    return (f"Publication dates of the pages run from {span[0]} to {span[1]} ({dated} of {f.corpus.records} "
            "records have a date)." + figure_link(f, "figures/per_day.png"))


def m_preprocessing(f: Facts) -> str:
    run = f.run
    stages = [(name, run.docs_in[name], run.docs_out[name]) for name in stage_names(run)]
    rules = [(rule, n, run.removed_chars[rule]) for rule, n in run.removal_rules.most_common()]
    quarantined = sorted(run.quarantined.items())
    return "\n".join([
        "Every page went through these stages, in order:\n",
        table(stages, ("stage", "pages in", "pages out")) if stages else "None.",
        "\n**What cleaning removed** (every line is in `audit/removals.jsonl` with its rule)\n",
        table(rules, ("rule", "lines", "characters")) if rules else "Nothing.",
        "\n**Quarantined inputs** (in `quarantine/`, with reasons)\n",
        table(quarantined, ("reason", "inputs")) if quarantined else "None.",
    ])


def m_raw_data(f: Facts) -> str:
    return ("The raw pages are not redistributed. Each record keeps `source_path` and `source_sha256` of its "
            "input, every removed line is in `audit/removals.jsonl`, and `build_info.json` lists the sha256 "
            "of every input file.")


def m_software(f: Facts) -> str:
    return (f"Yes: presscorpus {pipeline.__version__}. `build_info.json` records the library versions and the "
            "hash of the configuration; the same inputs and configuration give the same bytes.")


def m_length(f: Facts) -> str:
    s = f.corpus.length_summary()
    summary = f"Text length in words: shortest {s['min']}, median {s['median']}, longest {s['max']}.\n\n" if s else ""
    return (summary + table(f.corpus.length_table(), ("words", "records"))
            + figure_link(f, "figures/length.png"))


def m_files(f: Facts) -> str:
    parquet = ", ".join(f"`{t.parquet}`" for t in f.tables) or "none (no rows)"
    return (f"As a versioned folder: `load_from_disk` Arrow files, Parquet copies ({parquet}) that the "
            "`configs:` above point at (so `load_dataset` and the Hugging Face Hub read the folder as is), "
            "`croissant.json` (MLCommons Croissant), this card, `CHANGELOG.md`, `CITATION.cff`, "
            "`build_info.json` and `manifest-sha256.txt` (sha256 of every file; check with "
            "`python -m pipeline verify`). The Arrow folders need `datasets` 4 or later; the Parquet files "
            "can be read by any version, and by pandas or pyarrow alone. The folder can be uploaded to the "
            "Hugging Face Hub as is (`python -m pipeline push DIR --repo-id ORG/NAME`, token in `HF_TOKEN`).")


def m_license(f: Facts) -> str:
    return f"`{one_line(f.config.license)}`" if f.config.license else MISSING


def m_versioning(f: Facts) -> str:
    return ("Versions follow semantic versioning for data: a schema change is a major version, records added "
            "or removed a minor one, corrected values a patch. `CHANGELOG.md` lists, for each version, the "
            "records added, removed and changed against the previous one."
            + (f"\n\nThis version: {f.changelog}" if f.changelog else ""))


def m_citation(f: Facts) -> str:
    return "```bibtex\n" + bibtex(f.config) + "\n```\n\nThe same in `CITATION.cff`."


MEASURES: dict[str, Callable[[Facts], str]] = {
    "instances": m_instances, "counts": m_counts, "fields": m_fields, "missing": m_missing,
    "relationships": m_relationships, "splits": m_splits, "limitations": m_limitations,
    "subpopulations": m_subpopulations, "individuals": m_individuals, "acquisition": m_acquisition,
    "timeframe": m_timeframe, "preprocessing": m_preprocessing, "raw_data": m_raw_data,
    "software": m_software, "length": m_length, "files": m_files, "license": m_license,
    "versioning": m_versioning, "citation": m_citation,
}


# --- the datasheet ----------------------------------------------------------------------


@cache
def questions() -> list[dict[str, Any]]:
    return tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))["section"]


def human_keys() -> list[str]:
    return [q["answer"] for s in questions() for q in s["question"] if "answer" in q]


def unanswered(config: Config) -> list[str]:
    """The datasheet keys dataset.toml leaves empty (the build warns about them)."""
    return [k for k in dict.fromkeys(human_keys()) if not config.datasheet.get(k, "").strip()]


def answer_question(q: dict[str, Any], facts: Facts) -> str:
    parts = []
    if "answer" in q:
        parts.append(answer(facts.config, q["answer"]))
    if "measure" in q:
        parts.append(MEASURES[q["measure"]](facts))
    return "\n\n".join(parts)


def datasheet(facts: Facts) -> str:
    out = []
    for section in questions():
        out.append(f"## {section['title']}\n")
        for q in section["question"]:
            out.append(f"**{q['ask']}**\n\n{answer_question(q, facts)}\n")
    return "\n".join(out)


def usage(facts: Facts) -> str:
    name, version = facts.config.name, facts.config.version
    return ("```python\nimport datasets\n"
            f"ds = datasets.load_from_disk(\"dist/{name}/{version}\")\n"
            "# or the Parquet copy (also what the Hugging Face Hub serves from this folder):\n"
            f"ds = datasets.load_dataset(\"parquet\", data_dir=\"dist/{name}/{version}/data\")\n```\n")


def render(facts: Facts) -> str:
    config = facts.config
    title = one_line(config.pretty_name or config.name)
    sections = [
        front_matter(header(facts)),
        f"# {title}\n\n{config.description.strip() or MISSING}\n",
        f"Version {config.version}. " + (facts.changelog or "") + " See `CHANGELOG.md`.\n",
        usage(facts),
        datasheet(facts),
    ]
    return "\n".join(sections)
