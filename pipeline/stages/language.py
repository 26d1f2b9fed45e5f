"""Language: langdetect on the cleaned body, made deterministic, with its probability.

langdetect samples at random; ``DetectorFactory.seed`` pins it. Titles and bylines are
too short to identify reliably, so only the body is scored.
"""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs, detector_factory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.config import Config
from pipeline.doc import Doc, Quarantined
from pipeline.stage import Stage

SAMPLE_CHARS = 5000  # langdetect's answer settles well before this; longer costs time only
UNDETERMINED = "und"


def load_profiles() -> None:
    """Load langdetect's language profiles, all or none. Its loader turns any error raised while
    loading, a Ctrl-C included, into a LangDetectException and keeps the half-loaded factory, which
    then names every later page from the few languages it holds: a swallowed interrupt and a
    wrong release. The interrupt is raised again and the factory dropped."""
    try:
        detector_factory.init_factory()
    except LangDetectException as exc:
        detector_factory._factory = None  # langdetect's own global: the only way to drop a half-loaded one
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise


def identify(text: str) -> tuple[str, float]:
    load_profiles()  # outside the try below: a loading error is no "undetermined" page
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text[:SAMPLE_CHARS])[0]
    except LangDetectException:
        return UNDETERMINED, 0.0
    return best.lang, round(best.prob, 4)


class Language(Stage):
    name = "language"

    def __init__(self, config: Config) -> None:
        self.keep = set(config.languages)

    def process_doc(self, doc: Doc) -> Quarantined | None:
        doc.language, doc.language_score = identify(doc.text)
        if self.keep and doc.language not in self.keep:
            detail = f"{doc.language} ({doc.language_score}) not in {sorted(self.keep)}"
            return self.quarantine(doc, "language_not_kept", detail)
        return None
