from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ConfigError, load_config
from tests.conftest import SEED_CONFIG


def test_seed_config_loads() -> None:
    config = load_config(SEED_CONFIG)
    assert (config.name, config.version) == ("beijing-reconciliation-talks-2024", "1.0.1")
    assert config.missing_human_fields() == []


def test_no_config_means_defaults_that_keep_every_language() -> None:
    config = load_config(None)
    assert config.languages == []
    assert "license" in config.missing_human_fields()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[dataset\nname = 'x'", "malformed TOML"),
        ("[dataset]\nname = 'x'\nversion = 'one'", "dataset.version"),
        ("[dataset]\nname = 'Bad Name'\nversion = '1.0.0'", "dataset.name"),
        ("[dataset]\nname = 'x'\nversion = '1.0.0'\n[bulid]\nbatch_size = 3", "Additional properties"),
        ("[dataset]\nname = 'x'\nversion = '1.0.0'\n[build]\nbatch_size = 0", "build.batch_size"),
        # "$" matches before a final newline: the folder would be named "1.0.0\n"
        ('[dataset]\nname = "x"\nversion = "1.0.0\\n"', "dataset.version: '1.0.0\\\\n' holds white space"),
        ('[dataset]\nname = "x\\n"\nversion = "1.0.0"', "dataset.name"),
        ("[dataset]\nname = 'x'\nversion = '1.0.0'\n[citation]\ndate_released = '2026-13-45'", "is not a 'date'"),
        ("x = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dataset.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_and_binary_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(tmp_path / "bin.toml")
