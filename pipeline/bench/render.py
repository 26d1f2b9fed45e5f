"""HTML to text dumps with real renderers, the way users' text corpora were made.

Python renderers (inscriptis, html2text) are always available; lynx and w3m are used
when installed (Debian packages ``lynx`` and ``w3m``) and skipped otherwise.
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


def html2text_render(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no hard wrapping: keep one paragraph per line
    converter.ignore_images = True
    return converter.handle(html)


def command_renderer(argv: list[str]) -> Renderer:
    def render(html: str) -> str:
        done = subprocess.run(argv, input=html.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False)
        return done.stdout.decode("utf-8", "replace")

    return render


COMMANDS = {
    "lynx": ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=10000"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8", "-cols", "10000"],
}


def available_renderers() -> dict[str, Renderer]:
    renderers: dict[str, Renderer] = {"inscriptis": inscriptis_render, "html2text": html2text_render}
    for name, argv in COMMANDS.items():
        if shutil.which(argv[0]):
            renderers[name] = command_renderer(argv)
    return renderers
