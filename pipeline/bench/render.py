"""HTML to text dumps with real renderers, the way users' text corpora were made.

Python renderers (inscriptis, html2text) are always available; lynx and w3m are used
when installed (Debian packages ``lynx`` and ``w3m``) and skipped otherwise.

The default set prints every paragraph on one line. Left to their defaults, lynx, w3m
and html2text hard-wrap at about 80 columns instead, which is how most dumps users hold
were made: ``wrapped=True`` adds those layouts (``lynx-80``, ``w3m-80``, ``html2text-78``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

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


def command_renderer(argv: list[str]) -> Renderer:
    def render(html: str) -> str:
        done = subprocess.run(argv, input=html.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False)
        return done.stdout.decode("utf-8", "replace")

    return render


LYNX = ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"]
W3M = ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"]
COMMANDS = {"lynx": [*LYNX, "-width=10000"], "w3m": [*W3M, "-cols", "10000"]}
WRAPPED_COMMANDS = {"lynx-80": LYNX, "w3m-80": W3M}  # their default width: 80 columns
ALL_NAMES = ["inscriptis", "html2text", *COMMANDS, "html2text-78", *WRAPPED_COMMANDS]


def available_renderers(wrapped: bool = False) -> dict[str, Renderer]:
    """Renderers installed here, by name; ``wrapped`` adds the hard-wrapped layouts."""
    renderers: dict[str, Renderer] = {"inscriptis": inscriptis_render, "html2text": html2text_render}
    commands = {**COMMANDS, **(WRAPPED_COMMANDS if wrapped else {})}
    if wrapped:
        renderers["html2text-78"] = html2text_wrapped
    for name, argv in commands.items():
        if shutil.which(argv[0]):
            renderers[name] = command_renderer(argv)
    return renderers
