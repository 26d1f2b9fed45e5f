"""HTML to text dumps with real renderers, the way users' text corpora were made.

Python renderers (inscriptis, html2text) are always available; lynx and w3m are used
when installed (Debian packages ``lynx`` and ``w3m``) and skipped otherwise.

The default set prints every paragraph on one line. Left to their defaults, lynx, w3m
and html2text hard-wrap at about 80 columns instead, which is how most dumps users hold
were made: ``wrapped=True`` adds those layouts (``lynx-80``, ``w3m-80``, ``html2text-78``), and
three renderers the cleaner was not built on (``links-80``; ``pandoc-72``, pandoc's plain text;
``elinks-80``), where installed (Debian packages ``links``, ``pandoc``, ``elinks``), lynx's
full default output (``lynx-default``: numbered links and their list of addresses), and
``lxml-text``: the page's text nodes with the HTML source's own whitespace, which is what
scrapers get from BeautifulSoup's ``get_text()`` (tab-indented lines, runs of blank lines,
paragraphs broken wherever the source broke them, and a minified page as a few very long lines);
``lxml-nodes``: the same text nodes each on a line of its own, ``get_text("\\n")`` (a paragraph
holding links cut at each link, the source's whitespace between tags as blank lines);
``lxml-lines``: the text nodes stripped, ``get_text("\\n", strip=True)`` (no blank lines at all);
and ``chromium-text``, where Chromium is installed (Debian package ``chromium``): the page's
``innerText`` as the browser lays it out, which is what "select all, copy" and most browsers'
save-as-text give (no list bullets, a line per block, a blank line around paragraphs only).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import lxml.html

Renderer = Callable[[str], str]
TIMEOUT_S = 30


def inscriptis_render(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def html2text_render(html: str, width: int = 0) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = width  # 0: no hard wrapping, one paragraph per line
    converter.ignore_images = True
    return converter.handle(html)


def html2text_wrapped(html: str) -> str:
    return html2text_render(html, width=78)  # html2text's own default


def page_tree(html: str) -> lxml.html.HtmlElement | None:
    """The parsed page without its scripts and styles; None for a document with no elements."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except ParserError:
        return None
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return tree


def lxml_text_render(html: str) -> str:
    """``text_content()`` of the page (``soup.get_text()``)."""
    tree = page_tree(html)
    return "" if tree is None else tree.text_content()


def lxml_nodes_render(html: str) -> str:
    """The page's text nodes as they are, one after another on lines of their own (``soup.get_text("\\n")``)."""
    tree = page_tree(html)
    return "" if tree is None else "\n".join(tree.itertext())


def lxml_lines_render(html: str) -> str:
    """The page's text nodes, each stripped, one per line (``soup.get_text("\\n", strip=True)``)."""
    tree = page_tree(html)
    return "" if tree is None else "\n".join(text for node in tree.itertext() if (text := node.strip()))


def command_renderer(argv: list[str]) -> Renderer:
    """A command that reads HTML on stdin; one that only reads files (links) gets a
    temporary ``.html`` file named last on its command line."""
    reads_file = argv[0] in FILE_ONLY

    def render(html: str) -> str:
        if not reads_file:
            done = subprocess.run(argv, input=html.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False)
            return done.stdout.decode("utf-8", "replace")
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "page.html"
            page.write_text(html, encoding="utf-8")
            done = subprocess.run([*argv, str(page)], capture_output=True, timeout=TIMEOUT_S, check=False)
        return done.stdout.decode("utf-8", "replace")

    return render


# Headless Chromium prints the DOM, not text (``--dump-dom``): the page is loaded from a file with
# one script appended that replaces the document by a <pre> of its own innerText. The page's scripts
# are dropped first, as lynx, w3m and the other renderers never run them (some never let a headless
# browser finish); host names never resolve, so remote styles, fonts and images fail at once
# instead of waiting on a network the benchmark does not use.
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
            "--disable-background-networking", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--blink-settings=imagesEnabled=false", "--virtual-time-budget=500"]
INNER_TEXT_ID = "presscorpus-inner-text"
INNER_TEXT_SCRIPT = (
    "<script>addEventListener('load', function () {"
    " var text = document.body ? document.body.innerText : '';"
    f" document.documentElement.innerHTML = '<body><pre id=\"{INNER_TEXT_ID}\"></pre></body>';"
    f" document.getElementById('{INNER_TEXT_ID}').textContent = text; }});</script>"
)


def chromium_text_render(html: str) -> str:
    """The page's ``innerText`` in headless Chromium (its scripts dropped); "" if it prints none."""
    import lxml.html

    tree = page_tree(html)
    if tree is None:
        return ""
    page = '<meta charset="utf-8">' + lxml.html.tostring(tree, encoding="unicode") + INNER_TEXT_SCRIPT
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8")
        argv = [*CHROMIUM, f"--user-data-dir={folder}/profile", "--dump-dom", path.as_uri()]
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, check=False)
    dom = done.stdout.decode("utf-8", "replace")
    pre = lxml.html.fromstring(dom).get_element_by_id(INNER_TEXT_ID, None) if dom.strip() else None
    return "" if pre is None else pre.text_content()


LYNX = ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"]
W3M = ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"]
COMMANDS = {"lynx": [*LYNX, "-width=10000"], "w3m": [*W3M, "-cols", "10000"]}
LINKS = ["links", "-dump", "-codepage", "utf-8", "-html-assume-codepage", "utf-8", "-html-hard-assume", "1"]
FILE_ONLY = {"links"}  # reads no HTML on stdin
PANDOC = ["pandoc", "-f", "html", "-t", "plain"]
ELINKS = ["elinks", "-dump", "-no-references", "-no-numbering", "-dump-charset", "utf-8", "-force-html",
          "-eval", 'set document.codepage.assume = "utf-8"', "-eval", "set document.codepage.force_assumed = 1"]
# Default layouts: lynx, w3m, links and elinks wrap at 80 columns, pandoc's plain text at 72. No
# model is trained on them. Rules came from links's dev dumps (centred headings, as lynx's; padded
# table cells) and pandoc's (grid tables, headings left unwrapped); none from elinks's, a renderer
# never looked at.
# ``lynx -dump`` with nothing else: 80 columns, each link numbered in the text ("[12]report")
# and the list of their addresses after the page ("References").
LYNX_DEFAULT = [arg for arg in LYNX if arg != "-nolist"]
WRAPPED_COMMANDS = {"lynx-80": LYNX, "w3m-80": W3M, "links-80": LINKS, "pandoc-72": PANDOC, "elinks-80": ELINKS,
                    "lynx-default": LYNX_DEFAULT}
ALL_NAMES = ["inscriptis", "html2text", *COMMANDS, "html2text-78", *WRAPPED_COMMANDS, "lxml-text", "lxml-nodes",
             "lxml-lines", "chromium-text"]


def available_renderers(wrapped: bool = False) -> dict[str, Renderer]:
    """Renderers installed here, by name; ``wrapped`` adds the renderers' default layouts
    (hard-wrapped) and ``lxml-text``."""
    renderers: dict[str, Renderer] = {"inscriptis": inscriptis_render, "html2text": html2text_render}
    renderers |= commands_installed(COMMANDS)
    if wrapped:
        renderers["html2text-78"] = html2text_wrapped
        renderers |= commands_installed(WRAPPED_COMMANDS)
        renderers["lxml-text"] = lxml_text_render
        renderers["lxml-nodes"] = lxml_nodes_render
        renderers["lxml-lines"] = lxml_lines_render
        if shutil.which(CHROMIUM[0]):
            renderers["chromium-text"] = chromium_text_render
    return renderers


def commands_installed(commands: dict[str, list[str]]) -> dict[str, Renderer]:
    return {name: command_renderer(argv) for name, argv in commands.items() if shutil.which(argv[0])}
