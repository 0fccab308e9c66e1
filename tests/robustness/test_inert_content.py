"""Inert content: script tags, event attributes, `javascript:` links and Jinja syntax in a source text
or a hand-written page reach the reader as text, never as code. Checked in a real Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from site_gen.preview.serve import make_server

from .project import BOOK, SOURCE, make_project, run

pytestmark = pytest.mark.browser

# Each payload sets window.__pwned if it ever runs.
IN_SOURCE = ('<script>window.__pwned=1</script>{{ 7*7 }}{% if true %}真{% endif %}'
             '<img src=x onerror="window.__pwned=2">[点我](javascript:window.__pwned=3)')
PAGE = """---
title: <script>window.__pwned=4</script>标题
kind: entry
---

<script>window.__pwned=5</script>

<a href="javascript:window.__pwned=6" onclick="window.__pwned=7">链接</a>
<div onmouseover="window.__pwned=8">块</div>

[脚本链接](javascript:window.__pwned=9) ![图](javascript:window.__pwned=10)
[标题](/ "x\\" onmouseover=\\"window.__pwned=11") {{ site.title }} {% include "base.html" %}
<svg onload="window.__pwned=12"></svg>
"""
HAND = f"content/{BOOK}/wen-hua/shou-xie.md"
CHECK = """() => ({
  pwned: window.__pwned === undefined ? null : window.__pwned,
  scripts: [...document.scripts].filter(s => !s.src && s.textContent.includes('pwned')
    && (!s.type || /javascript|module/.test(s.type))).length,  // a JSON-LD block is data, never run
  rawTags: [...document.scripts].filter(s => /<\\/?script/i.test(s.textContent)).length,  // nor broken out of
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
    .filter(a => a.name.startsWith('on')).length,
  jsLinks: [...document.querySelectorAll('[href],[src]')]
    .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
  text: document.body.innerText,
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = SOURCE.replace("工作稳步推进。", IN_SOURCE + "工作稳步推进。")
    root = make_project(tmp_path_factory.mktemp("inert"), source.encode())
    assert run(root, "import").code == 0
    (root / HAND).write_text(PAGE, encoding="utf-8")
    result = run(root, "build")
    assert result.code == 0, result.err
    server = make_server(root / "public", "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def visit(chromium: Browser, url: str, settle: str | None = None) -> dict[str, object]:
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    if settle:
        page.wait_for_selector(settle, timeout=20000)
    for element in page.query_selector_all("a, div, svg, img"):  # hover everything a payload could hang on
        if element.is_visible():
            element.hover(timeout=2000)
    found = dict(page.evaluate(CHECK))
    found["dialogs"] = dialogs
    page.close()
    return found


def assert_inert(found: dict[str, object]) -> None:
    assert found["pwned"] is None and found["dialogs"] == []
    assert found["scripts"] == 0 and found["handlers"] == 0 and found["jsLinks"] == 0 and found["rawTags"] == 0


def test_a_source_texts_markup_is_shown_as_text(browser: Browser, site: str) -> None:
    found = visit(browser, f"{site}/{BOOK}/wen-hua/zong-shu/gai-kuang/")
    assert_inert(found)
    assert IN_SOURCE.replace("[点我](javascript:window.__pwned=3)", "") in str(found["text"])


def test_a_hand_written_pages_markup_is_shown_as_text(browser: Browser, site: str) -> None:
    found = visit(browser, f"{site}/{BOOK}/wen-hua/shou-xie/")
    assert_inert(found)
    text = str(found["text"])
    for shown in ("<script>window.__pwned=4</script>标题", "<script>window.__pwned=5</script>",
                  '<div onmouseover="window.__pwned=8">块</div>', "{{ site.title }}", '{% include "base.html" %}'):
        assert shown in text


def test_search_results_show_the_markup_as_text(browser: Browser, site: str) -> None:
    assert_inert(visit(browser, f"{site}/search/?q={quote('pwned')}", settle=".search-result-link"))
