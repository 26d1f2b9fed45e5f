from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.doc import Doc
from pipeline.stages.language import Language, identify

ENGLISH = "The committee approved the budget after a long debate about schools and hospitals in the region."
FRENCH = "Le comité a approuvé le budget après un long débat sur les écoles et les hôpitaux de la région."


def test_identify_is_deterministic_and_scored() -> None:
    answers = {identify(ENGLISH) for _ in range(20)}
    assert len(answers) == 1
    lang, score = answers.pop()
    assert lang == "en" and 0.5 < score <= 1.0


def test_text_without_letters_is_undetermined() -> None:
    assert identify("12345 — 678") == ("und", 0.0)


def test_languages_not_kept_are_quarantined() -> None:
    stage = Language(Config(languages=["en"]))
    result = stage.process([Doc(source_path="en.txt", text=ENGLISH), Doc(source_path="fr.txt", text=FRENCH)])
    assert [d.source_path for d in result.docs] == ["en.txt"]
    assert [(q.source_path, q.reason) for q in result.quarantined] == [("fr.txt", "language_not_kept")]


def test_default_keeps_every_language_and_tags_it() -> None:
    result = Language(Config()).process([Doc(source_path="fr.txt", text=FRENCH)])
    assert result.docs[0].language == "fr"


def test_an_interrupt_while_langdetect_loads_is_an_interrupt_not_an_undetermined_page(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import json as real_json
    import types

    from langdetect import detector_factory

    calls = []

    def load(fh: object) -> object:  # Ctrl-C on the fifth profile: langdetect's bare except swallows it
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real_json.load(fh)

    monkeypatch.setattr(detector_factory, "_factory", None)
    monkeypatch.setattr(detector_factory, "json", types.SimpleNamespace(load=load, loads=real_json.loads))
    with pytest.raises(KeyboardInterrupt):
        identify("The minister said talks would resume next week in the capital after officials met.")
    assert detector_factory._factory is None  # the half-loaded factory is not kept
    monkeypatch.setattr(detector_factory, "json", real_json)
    assert identify("Le président a déclaré mardi que les négociations continueraient.")[0] == "fr"
