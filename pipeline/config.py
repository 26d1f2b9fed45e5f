"""``dataset.toml``: what a human must say about a dataset, plus build settings.

Loaded with ``tomllib`` and checked against ``schemas/config.schema.json``; any problem
becomes one ``ConfigError`` line naming the file. Without a config file the defaults
below apply (keep every language, tag it).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from pipeline.errors import UserError, one_line
from pipeline.schemas import load_schema

# Datasheet answers only a human can give; the build warns about each one missing.
HUMAN_FIELDS = {
    "dataset.license": "license",
    "datasheet.motivation": "motivation",
    "datasheet.funding": "funding",
    "datasheet.creators": "creators",
    "datasheet.collection_process": "collection process",
    "datasheet.intended_uses": "intended uses",
    "datasheet.maintenance": "maintenance",
}


class ConfigError(UserError):
    """A config problem, worded as one line for the user."""


@dataclass
class Config:
    name: str = "presscorpus-dataset"
    version: str = "0.1.0"
    pretty_name: str = ""
    license: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=list)  # empty: keep every language
    datasheet: dict[str, str] = field(default_factory=dict)
    citation: dict[str, Any] = field(default_factory=dict)
    outlets: list[dict[str, Any]] = field(default_factory=list)
    batch_size: int = 64
    min_words: int = 20
    source: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """Hash of the settings that shape the output (goes into build_info.json)."""
        blob = json.dumps(self.raw, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()

    def missing_human_fields(self) -> list[str]:
        missing = []
        for dotted, label in HUMAN_FIELDS.items():
            section, key = dotted.split(".")
            if not str(self.raw.get(section, {}).get(key, "")).strip():
                missing.append(label)
        return missing


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    raw = read_toml(path)
    try:
        # "format" checked too: a date_released of "2026-13-45" is no date
        jsonschema.validate(raw, load_schema("config"), format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as exc:
        where = ".".join(str(p) for p in exc.absolute_path) or "top level"
        message = f"{exc.instance!r} holds white space" if exc.validator == "not" else one_line(exc.message)
        raise ConfigError(f"{path}: {where}: {message}") from None
    return from_dict(raw, path)


def read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    if not path.is_file():
        raise ConfigError(f"{path}: config path is not a file")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    except RecursionError:  # arrays nested thousands deep: tomllib recurses per level
        raise ConfigError(f"{path}: malformed TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from None


def from_dict(raw: dict[str, Any], path: Path | None = None) -> Config:
    ds = raw.get("dataset", {})
    build = raw.get("build", {})
    return Config(
        name=ds.get("name", Config.name),
        version=ds.get("version", Config.version),
        pretty_name=ds.get("pretty_name", ""),
        license=ds.get("license", ""),
        description=ds.get("description", ""),
        languages=list(build.get("languages", [])),
        datasheet=dict(raw.get("datasheet", {})),
        citation=dict(raw.get("citation", {})),
        outlets=list(raw.get("outlets", [])),
        batch_size=int(build.get("batch_size", Config.batch_size)),
        min_words=int(build.get("min_words", Config.min_words)),
        source=path,
        raw=raw,
    )
