"""Repair: fix mojibake and control characters with ftfy, keeping the typography, and
rejoin the paragraphs of hard-wrapped text dumps.

ftfy's defaults also straighten curly quotes and fold characters (NFKC, full-width,
ligatures); a research corpus must keep those, so they are switched off. Every step ftfy
takes is recorded on the doc (``repairs``), following ftfy's own ``fix_and_explain``.

Text is fixed line by line, as ftfy's own ``fix_text`` does, and plain-ASCII lines
without control characters are passed over: they cannot hold mojibake, and on HTML
pages (mostly ASCII markup and scripts) ftfy's badness check over the whole page was
the slowest step of a build.

A text dump hard-wrapped at a fixed width (``lynx -dump``'s and ``w3m -dump``'s default)
has its paragraphs rejoined (``pipeline.reflow``), recorded as the step
``apply:reflow_hard_wraps``, so the cleaner reads paragraphs, not fragments of them. The
cells of grid tables (pandoc draws layout tables as boxes, the article in one cell, menus in
others) are taken out of their boxes the same way, recorded as ``apply:unbox_grid_tables``.
The rows of a borderless table a text browser set in aligned columns, each cell wrapped at
its column's width, are each put on one line (``pipeline.coltables``), recorded as
``apply:unalign_column_tables``.
Lines into which an extractor glued many blocks (``get_text()`` of minified HTML) are split
into them (``pipeline.unglue``), recorded as ``apply:split_glued_blocks``. A dump that prints
each text node on a line of its own (``get_text("\\n")``) has the sentences it cut at each
inline element rejoined (``pipeline.textnodes``), recorded as ``apply:rejoin_text_nodes`` (a
dump with no blank lines, before the other steps) or ``apply:join_cut_sentences`` (any dump,
after them). Any other dump with no blank lines (a scraper's paragraphs joined by single line
breaks) has each line made a block of its own, recorded as ``apply:separate_lines``.
"""

from __future__ import annotations

import re

import ftfy
from ftfy import TextFixerConfig

from pipeline.doc import Doc
from pipeline.reflow import reflow
from pipeline.stage import Stage
from pipeline.textnodes import join_cut_sentences, rejoin_text_nodes, separate_lines
from pipeline.unglue import unglue

CONFIG = TextFixerConfig(
    unescape_html=False,  # HTML is parsed later; text dumps may quote markup verbatim
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=True,
)


ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def needs_ftfy(line: str) -> bool:
    return not line.isascii() or bool(ASCII_CONTROL.search(line))


def repair_text(text: str) -> tuple[str, list[str]]:
    """Fixed text and the distinct ftfy steps that changed it, as ``action:step`` strings."""
    out: list[str] = []
    steps: dict[str, None] = {}
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    if unified != text:
        steps["apply:fix_line_breaks"] = None
    for line in unified.splitlines(keepends=True):
        if needs_ftfy(line):
            line, explained = ftfy.fix_and_explain(line, CONFIG)
            steps.update((f"{action}:{step}", None) for action, step in explained or [])
        out.append(line)
    return "".join(out), list(steps)


class Repair(Stage):
    name = "repair"

    def process_doc(self, doc: Doc) -> None:
        # after any repair the reader made (``readers.SURROGATES_STEP``)
        if doc.html is not None:
            doc.html, steps = repair_text(doc.html)
            doc.repairs = [*doc.repairs, *steps]
        else:
            doc.text, steps = repair_text(doc.text)
            doc.text, layout_steps = relayout(doc.text)
            doc.repairs = [*doc.repairs, *steps, *layout_steps]


REFLOW_STEP = "apply:reflow_hard_wraps"
UNBOX_STEP = "apply:unbox_grid_tables"
COLUMNS_STEP = "apply:unalign_column_tables"
UNGLUE_STEP = "apply:split_glued_blocks"
TEXT_NODES_STEP = "apply:rejoin_text_nodes"
SEPARATE_STEP = "apply:separate_lines"
CUT_SENTENCES_STEP = "apply:join_cut_sentences"


def relayout(text: str) -> tuple[str, list[str]]:
    """A dump's lines as the page laid out its blocks: text nodes rejoined, hard wraps rejoined,
    grid tables unboxed, lines with no blank line between them set apart, glued blocks split,
    cut sentences joined; with the steps taken. The benchmarks call this too."""
    nodes = rejoin_text_nodes(text)
    reflowed = reflow(nodes.text)
    separated = separate_lines(reflowed.text)  # after the reflow: a grid table's rows have no blank lines
    unglued = unglue(separated.text)
    cut = join_cut_sentences(unglued.text)
    steps = ([TEXT_NODES_STEP] * nodes.applied + [REFLOW_STEP] * bool(reflowed.joined)
             + [UNBOX_STEP] * bool(reflowed.tables) + [COLUMNS_STEP] * bool(reflowed.column_tables)
             + [SEPARATE_STEP] * separated.applied + [UNGLUE_STEP] * bool(unglued.lines)
             + [CUT_SENTENCES_STEP] * cut.applied)
    return cut.text, steps
