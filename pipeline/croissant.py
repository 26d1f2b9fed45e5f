"""croissant.json: MLCommons Croissant 1.1 metadata for a release, with Responsible-AI fields.

The distribution is the Parquet copy (one FileObject per split, with its sha256; Arrow
shards cannot be a Croissant distribution) and there is one RecordSet per split. The
RecordSet fields are derived from the table's ``Features``, so a field added to the
record needs no change here: lists become ``isArray`` fields, structs ``subField``s read
from the parent column with ``jsonPath`` transforms. Checked by ``mlcroissant validate``
and ``mlcroissant load`` in the tests, offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datasets import List, Value

from pipeline import card
from pipeline.config import Config
from pipeline.corpus_stats import CorpusStats
from pipeline.package import Table, sha256_file
from pipeline.stage import RunStats

FILE = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
CONTEXT_FILE = Path(__file__).resolve().parent / "data" / "croissant_context.json"
DATA_TYPES = {
    "string": "sc:Text", "large_string": "sc:Text", "bool": "sc:Boolean",
    "int8": "sc:Integer", "int16": "sc:Integer", "int32": "sc:Integer", "int64": "sc:Integer",
    "uint8": "sc:Integer", "uint16": "sc:Integer", "uint32": "sc:Integer", "uint64": "sc:Integer",
    "float16": "sc:Float", "float32": "sc:Float", "float64": "sc:Float",
}
# Responsible-AI property → datasheet key in dataset.toml (human answers).
RAI_ANSWERS = {
    "rai:dataCollection": "collection_process",
    "rai:dataCollectionType": "collection_type",
    "rai:dataUseCases": "intended_uses",
    "rai:dataBiases": "biases",
    "rai:personalSensitiveInformation": "sensitive",
    "rai:dataSocialImpact": "social_impact",
    "rai:dataReleaseMaintenancePlan": "maintenance",
}


def field_node(record_set: str, file_id: str, path: list[str], feature: Any) -> dict[str, Any]:
    """One Field for ``feature`` at ``path`` (column first, then keys inside it)."""
    node: dict[str, Any] = {"@type": "cr:Field", "@id": "/".join([record_set, *path]), "name": path[-1]}
    inner = feature
    if isinstance(feature, List):
        node["isArray"] = True
        node["arrayShape"] = "-1"
        inner = feature.feature
    if isinstance(inner, dict):
        node["subField"] = [field_node(record_set, file_id, [*path, key], sub) for key, sub in inner.items()]
        return node
    if not isinstance(inner, Value) or inner.dtype not in DATA_TYPES:
        raise ValueError(f"no Croissant data type for field {'/'.join(path)} ({inner!r})")
    node["dataType"] = DATA_TYPES[inner.dtype]
    source: dict[str, Any] = {"fileObject": {"@id": file_id}, "extract": {"column": path[0]}}
    if len(path) > 1:  # a key inside the column's struct (applied to each item of a list)
        source["transform"] = [{"jsonPath": key} for key in path[1:]]
    node["source"] = source
    return node


def record_set(table: Table, rows: int) -> dict[str, Any]:
    return {
        "@type": "cr:RecordSet",
        "@id": table.split,
        "name": table.split,
        "description": f"Split `{table.split}` (Hub config `{table.config}`): {rows} rows.",
        "field": [field_node(table.split, table.parquet, [name], feat) for name, feat in table.features.items()],
    }


def file_object(root: Path, table: Table) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": table.parquet,
        "name": table.parquet,
        "contentUrl": table.parquet,  # relative to croissant.json: the release folder
        "encodingFormat": "application/x-parquet",
        "sha256": sha256_file(root / table.parquet),
    }


def responsible_ai(config: Config, corpus: CorpusStats, run: RunStats) -> dict[str, Any]:
    rai: dict[str, Any] = {}
    for prop, key in RAI_ANSWERS.items():
        text = config.datasheet.get(key, "").strip()
        if text:
            rai[prop] = text
    rai["rai:dataCollectionMissingData"] = card.missing_summary(corpus)
    rai["rai:dataPreprocessingProtocol"] = card.preprocessing_summary(run)
    rai["rai:dataLimitations"] = " ".join(card.limitations(config, corpus, run))
    rai["rai:hasSyntheticData"] = False
    return rai


def build(config: Config, root: Path, tables: list[Table], rows: dict[str, int], corpus: CorpusStats,
          run: RunStats) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "@context": json.loads(CONTEXT_FILE.read_text(encoding="utf-8")),
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": config.name,
        "alternateName": config.pretty_name or config.name,
        "description": config.description or card.MISSING_PLAIN,
        "version": config.version,
        "license": config.license or "unknown",
        "citeAs": card.bibtex(config),
        "keywords": ["news", "presscorpus"],
        "inLanguage": sorted(lang for lang in corpus.languages if lang != "und"),
        "creator": [{"@type": "sc:Organization", "name": a} for a in config.citation.get("authors", [])],
        "isLiveDataset": False,
    }
    homepage = config.raw.get("dataset", {}).get("homepage") or config.citation.get("url")
    if homepage:
        meta["url"] = homepage
    if corpus.date_range:  # what the texts are about in time: their publication dates, not the crawl
        meta["temporalCoverage"] = "/".join(corpus.date_range)
    if config.citation.get("date_released"):
        meta["datePublished"] = config.citation["date_released"]
    meta.update(responsible_ai(config, corpus, run))
    meta["distribution"] = [file_object(root, t) for t in tables]
    meta["recordSet"] = [record_set(t, rows.get(t.split, 0)) for t in tables]
    return meta


def write(path: Path, meta: dict[str, Any]) -> None:
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
