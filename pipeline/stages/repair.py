"""Repair: fix mojibake and control characters with ftfy, keeping the typography.

ftfy's defaults also straighten curly quotes and fold characters (NFKC, full-width,
ligatures); a research corpus must keep those, so they are switched off. Every step ftfy
takes is recorded on the doc (``repairs``), following ftfy's own ``fix_and_explain``.
"""

from __future__ import annotations

import ftfy
from ftfy import TextFixerConfig

from pipeline.doc import Doc
from pipeline.stage import Stage

CONFIG = TextFixerConfig(
    unescape_html=False,  # HTML is parsed later; text dumps may quote markup verbatim
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=True,
)


def repair_text(text: str) -> tuple[str, list[str]]:
    """Fixed text and the ftfy steps that changed it, as ``action:step`` strings."""
    fixed, steps = ftfy.fix_and_explain(text, CONFIG)
    return fixed, [f"{action}:{step}" for action, step in steps or []]


class Repair(Stage):
    name = "repair"

    def process_doc(self, doc: Doc) -> None:
        if doc.html is not None:
            doc.html, doc.repairs = repair_text(doc.html)
        else:
            doc.text, doc.repairs = repair_text(doc.text)
