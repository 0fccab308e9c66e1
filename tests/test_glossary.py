"""The glossary: 资料 boxes, report 注释 and the 全称/简称 table as one list; abbreviations explained on hover."""

from __future__ import annotations

import re

from .conftest import Built


def test_glossary_lists_defined_terms_and_the_91_abbreviations(built: Built) -> None:
    html = (built.output / "glossary" / "index.html").read_text(encoding="utf-8")
    facts = re.search(r"解释的名词(\d+)条，组织机构简称(\d+)条", html)
    assert facts is not None and int(facts[1]) > 150 and facts[2] == "91"
    assert '<a href="/shangcheng-2022/da-shi-ji/#g-1">ESG</a>' in html  # the 资料 box inside the chronicle
    uses = re.search(r">“三圈三街”</a>.*?</dt>\n<dd>.*?见于(\d+)页", html)
    assert uses is not None and int(uses[1]) >= 3  # backlinks: the pages that use the term


def test_abbreviations_show_the_full_name_and_terms_link_to_their_definition(built: Built) -> None:
    pages = sorted((built.output / "shangcheng-2022").rglob("index.html"))
    html = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert '<abbr title="杭州市上城区教育局">区教育局</abbr>' in html
    linked = re.findall(r'<a href="([^"#]+)#(g-\d+)" class="term-link"', html)
    assert len(linked) > 20
    page, anchor = linked[0]
    target = (built.output / page.strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<dt id="{anchor}">' in target
