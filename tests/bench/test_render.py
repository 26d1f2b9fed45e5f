import shutil

import pytest

from pipeline.bench import render

PARAGRAPH = "<p>" + " ".join(["The council met on Monday to discuss the budget for the schools."] * 4) + "</p>"


def test_the_default_set_prints_a_paragraph_on_one_line() -> None:
    assert set(render.available_renderers()) <= {"inscriptis", "html2text", "lynx", "w3m"}
    assert render.html2text_render(PARAGRAPH).strip().count("\n") == 0


def test_the_wrapped_set_adds_the_renderers_default_layouts() -> None:
    wrapped = render.available_renderers(wrapped=True)
    assert "html2text-78" in wrapped
    lines = wrapped["html2text-78"](PARAGRAPH).strip().split("\n")
    assert len(lines) > 2 and max(map(len, lines)) <= 78


@pytest.mark.skipif(shutil.which("links") is None, reason="links is not installed")
def test_links_reads_the_page_from_a_file() -> None:
    dump = render.available_renderers(wrapped=True)["links-80"](PARAGRAPH)
    assert "council met on Monday" in dump
    assert max(len(ln) for ln in dump.split("\n")) <= 80


@pytest.mark.skipif(shutil.which("elinks") is None, reason="elinks is not installed")
def test_elinks_assumes_utf8_where_the_page_names_no_charset() -> None:
    dump = render.available_renderers(wrapped=True)["elinks-80"]("<h1>Café society</h1>" + PARAGRAPH)
    assert "Café society" in dump
    assert max(len(ln) for ln in dump.split("\n")) <= 80


def test_lxml_text_keeps_the_sources_whitespace_and_drops_scripts() -> None:
    page = "<html><head><script>var x = 1;</script></head><body>\n\t<p>The council\n\tmet.</p></body></html>"
    dump = render.available_renderers(wrapped=True)["lxml-text"](page)
    assert dump == "\n\tThe council\n\tmet."
    assert render.lxml_text_render("") == ""  # no element at all: an empty dump, not an error


def test_lxml_lines_prints_each_text_node_stripped_on_a_line_of_its_own() -> None:
    page = "<html><body>\n\t<p>Read the <a href='/r'>full report</a> now.</p><script>x = 1;</script></body></html>"
    dump = render.available_renderers(wrapped=True)["lxml-lines"](page)
    assert dump == "Read the\nfull report\nnow."
    assert render.lxml_lines_render("") == ""


def test_lxml_nodes_prints_each_text_node_as_it_is_on_a_line_of_its_own() -> None:
    page = "<html><body>\n<p>Read the <a href='/r'>full report</a> now.</p></body></html>"
    assert render.available_renderers(wrapped=True)["lxml-nodes"](page) == "\n\nRead the \nfull report\n now."


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_text_is_the_pages_inner_text_without_running_its_scripts() -> None:
    page = ("<html><head><script>while (true) {}</script></head><body><h1>Café society</h1>"
            "<ul><li>Home</li><li>World</li></ul><p>The council met.</p><p>It <b>voted</b>.</p>"
            "<script>document.write('<p>Written by a script</p>')</script></body></html>")
    dump = render.available_renderers(wrapped=True)["chromium-text"](page)
    assert dump == "Café society\nHome\nWorld\n\nThe council met.\n\nIt voted."
    assert render.chromium_text_render("") == ""
