"""The card: front matter that survives hostile metadata, a complete datasheet, citations."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from huggingface_hub import DatasetCard

from pipeline import card
from pipeline.config import from_dict, load_config
from pipeline.corpus_stats import CorpusStats
from pipeline.stage import RunStats
from tests.conftest import SEED_CONFIG

HOSTILE = [
    "Title\n---\nlicense: mit",
    "---",
    'He said "no": it\'s \'over\'',
    "a: b # c",
    "line one\n\n...\nline three\n",
    " leading and trailing ",
    "tab\there\u2028line sep\u0085next line",
    "- looks like a list",
    "{not: a map}",
    "| pipe | table |",
]


def hostile_config(text: str):
    raw = copy.deepcopy(load_config(SEED_CONFIG).raw)
    raw["dataset"]["pretty_name"] = text
    raw["dataset"]["description"] = text
    raw["citation"]["title"] = text
    raw["citation"]["authors"] = [text, "Plain Name"]
    return from_dict(raw)


def facts_for(config, outlet: str = "Gazette") -> card.Facts:
    corpus = CorpusStats()
    corpus.add({"text": "one two three", "outlet": outlet, "language": "en", "date_published": "2024-07-24",
                "source_format": "txt", "authors": [], "title": None, "url": None})
    return card.Facts(config=config, corpus=corpus, run=RunStats(), inputs=1)


@pytest.mark.parametrize("text", HOSTILE)
def test_front_matter_survives_hostile_metadata(text: str) -> None:
    facts = facts_for(hostile_config(text), outlet=text)
    rendered = card.render(facts)
    assert card.parse_front_matter(rendered) == card.header(facts)
    # The Hub's own parser reads the same header, and the body starts where it should.
    hub = DatasetCard(rendered)
    assert hub.data.to_dict()["pretty_name"] == text
    assert hub.text.lstrip().startswith("# ")
    assert yaml.safe_load(card.citation_cff(facts.config))["title"] == text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_cannot_break_tables_or_bibtex(text: str) -> None:
    facts = facts_for(hostile_config(text), outlet=text)
    outlets = card.m_subpopulations(facts)
    rows = [line for line in outlets.splitlines() if line.startswith("|")]
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows), rows  # two columns, nothing more
    bib = card.bibtex(facts.config)
    assert bib.count("\n") == 5 and bib.endswith("\n}")  # @misc line, 4 fields, closing brace
    depth = 0
    for ch in re.sub(r"\\[{}]", "", bib):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0


def test_every_datasheet_question_is_answered(seed_release: Path) -> None:
    text = (seed_release / "README.md").read_text(encoding="utf-8")
    for section in card.questions():
        assert f"## {section['title']}\n" in text
        for q in section["question"]:
            answer = text.split(f"**{q['ask']}**\n\n", 1)[1].split("\n**", 1)[0]
            assert answer.strip() and card.MISSING not in answer, q["ask"]


def test_card_reports_measurements_and_links_figures(seed_release: Path) -> None:
    text = (seed_release / "README.md").read_text(encoding="utf-8")
    header = card.parse_front_matter(text)
    assert header["configs"] == [{"config_name": "default", "data_files": [
        {"split": "train", "path": "data/train-00000-of-00001.parquet"}], "default": True}]
    assert "| INSS | 1 |" in text and "| en | 5 |" in text  # per-outlet and per-language tables
    assert "Publication dates of the pages run from " in text
    assert "| menu-bullet |" in text  # what each cleaning rule removed
    assert "Metadata left null because no evidence was found" in text
    assert "](figures/length.png)" in text and (seed_release / "figures/length.png").read_bytes()[:4] == b"\x89PNG"
    assert "per_day.png" not in text  # the seeds' dates fall on one day: a sentence says it better
    assert "```bibtex\n@misc{beijing_reconciliation_talks_2024_1_0_1," in text


def test_missing_human_answers_are_said_missing_not_made_up() -> None:
    config = from_dict({"dataset": {"name": "x", "version": "0.1.0"}})
    rendered = card.render(facts_for(config))
    assert rendered.count(card.MISSING) >= len(card.human_keys())
    assert "sampling" in card.unanswered(config)


def test_citation_cff_comes_from_dataset_toml(seed_release: Path) -> None:
    cff = yaml.safe_load((seed_release / "CITATION.cff").read_text(encoding="utf-8"))
    config = load_config(SEED_CONFIG)
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["title"] == config.citation["title"] and cff["version"] == config.version
    assert cff["authors"] == [{"name": a} for a in config.citation["authors"]]
    assert cff["date-released"] == config.citation["date_released"]
