"""The dataset card: Hugging Face YAML front matter, then a datasheet (Gebru et al.).

Human answers (motivation, funding, license …) come from ``dataset.toml``; everything
else is measured by the build. A missing human answer is written as such, never made up.
"""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.config import Config
from pipeline.corpus_stats import CorpusStats
from pipeline.stage import RunStats

MISSING = "_Not provided in dataset.toml._"


def size_category(n: int) -> str:
    for bound, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < bound:
            return label
    return "1M<n<10M"


def front_matter(config: Config, corpus: CorpusStats) -> str:
    header: dict[str, Any] = {
        "pretty_name": config.pretty_name or config.name,
        "license": config.license or "unknown",
        "language": sorted(lang for lang in corpus.languages if lang != "und"),
        "size_categories": [size_category(corpus.records)],
        "task_categories": list(config.raw.get("dataset", {}).get("task_categories", ["text-classification"])),
        "tags": ["news", "presscorpus"],
        "version": config.version,
    }
    # safe_dump quotes anything hostile (---, colons, newlines), so a title cannot break the header.
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True) + "---\n"


def table(rows: list[tuple[Any, ...]], headers: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def answer(config: Config, key: str) -> str:
    return config.datasheet.get(key, "").strip() or MISSING


def composition(corpus: CorpusStats) -> str:
    span = corpus.date_range
    parts = [
        f"{corpus.records} news pages ({corpus.words} words), one record per page, in split `train`.",
        "Publication dates: " + (f"{span[0]} to {span[1]}." if span else "none could be established."),
        "\n**Per outlet**\n\n" + table(corpus.outlets.most_common(), ("outlet", "records")),
        "\n**Per language** (langdetect on the body)\n\n" + table(corpus.languages.most_common(), ("language", "records")),
        "\n**Length** (words per record)\n\n" + table(corpus.length_table(), ("words", "records")),
        "\n**Missing metadata** (left null because no evidence was found)\n\n"
        + table([(f, corpus.missing[f]) for f in ("title", "authors", "date_published", "outlet", "url")],
                ("field", "records without a value")),
    ]
    return "\n".join(parts)


def preprocessing(run: RunStats) -> str:
    rules = [(rule, n, run.removed_chars[rule]) for rule, n in run.removal_rules.most_common()]
    quarantined = sorted(run.quarantined.items())
    return "\n".join([
        "Stages, in order: read (hash, encoding detection) → repair (ftfy, curly quotes and NFC kept) → "
        "clean (trafilatura for HTML, named line rules for text) → metadata (with evidence) → "
        "language (langdetect, seeded) → validate (JSON Schema) → dedup (exact text).",
        "\n**What cleaning removed** (every line is in `audit/removals.jsonl` with its rule)\n",
        table(rules, ("rule", "lines", "characters")) if rules else "Nothing.",
        "\n**Quarantined inputs** (in `quarantine/`, with reasons)\n",
        table(quarantined, ("reason", "inputs")) if quarantined else "None.",
    ])


def render(config: Config, corpus: CorpusStats, run: RunStats, inputs: int) -> str:
    title = config.pretty_name or config.name
    sections = [
        front_matter(config, corpus),
        f"# {title}\n\n{config.description or MISSING}\n",
        "```python\nimport datasets\n"
        f"ds = datasets.load_from_disk(\"dist/{config.name}/{config.version}\")\n```\n",
        f"## Motivation\n\n{answer(config, 'motivation')}\n\n**Creators:** {answer(config, 'creators')}\n\n"
        f"**Funding:** {answer(config, 'funding')}\n",
        f"## Composition\n\n{composition(corpus)}\n",
        f"## Collection process\n\n{answer(config, 'collection_process')}\n\n"
        f"{inputs} input files were read; {corpus.records} became records and "
        f"{sum(run.quarantined.values())} were quarantined.\n",
        f"## Preprocessing, cleaning and labeling\n\n{preprocessing(run)}\n",
        f"## Uses\n\n{answer(config, 'intended_uses')}\n\n**Not suitable for:** {answer(config, 'out_of_scope_uses')}\n",
        f"## Distribution\n\n**License:** {config.license or MISSING}\n\n{answer(config, 'distribution')}\n",
        f"## Maintenance\n\n{answer(config, 'maintenance')}\n",
    ]
    return "\n".join(sections)
