"""Documents: register rows and full texts as one register across yearbooks, cited by number or title."""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_gen.contract.front_matter import page_meta
from site_gen.site.collect.documents import Document, Documents, link_documents, number_key, number_word, title_key
from site_gen.site.collect.tables import TableData
from site_gen.site.load.pages import Page
from site_gen.site.render.markdown import parse, to_html

from .conftest import Built


def test_a_number_is_the_same_however_its_brackets_and_spaces_are_printed() -> None:
    keys = {number_key(n) for n in ("上委﹝2021﹞ 1号", "上委〔2021〕1号", "上委〔2021〕第1号", "上委 [2021] 01号")}
    assert keys == {"上委〔2021〕1号"}
    assert number_key("便笺〔2021〕") is None
    assert title_key("行动计划（2018年—2020年）") == title_key("行动计划(2018—2020)")


def test_register_rows_and_full_texts_are_one_register(built: Built) -> None:
    """184 register rows (000 表2 26, 001 表5 25, 002 133) and 13 full texts (4 + 8 + 1); 7 of 004's 8
    documents are rows of 000/001."""
    data = {book: json.loads((built.output / "data" / f"{book}.json").read_text(encoding="utf-8"))
            for book in ("shangcheng-2013", "shangcheng-2019", "shangcheng-2022")}
    documents = [d for book in data.values() for d in book["documents"]]
    assert len([d for d in documents if d["number"]]) == 184
    assert len([d for d in documents if d["full_text"]]) == 13
    assert len([d for d in documents if d["number"] and d["full_text"]]) == 7
    assert [len(book["documents"]) for book in data.values()] == [4, 52, 134]
    index = (built.output / "documents" / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr><td") == 190 and 'class="table-index sortable documents-index"' in index


def test_the_full_text_page_shows_its_register_row(built: Built) -> None:
    data = json.loads((built.output / "data" / "shangcheng-2019.json").read_text(encoding="utf-8"))
    doc = next(d for d in data["documents"] if d["number"] == "上委〔2018〕23号")
    assert doc["full_text"] and doc["date"] == "2018-08-01"
    html = (built.output / doc["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>文号</dt><dd[^>]*>上委〔2018〕23号</dd>", html)
    assert "表2 2018年中共上城区委重要文件题录</a>" in html
    assert '<h2 id="一、总体要求">一、总体要求</h2>' in html  # the full text itself, its headings linkable


def test_register_numbers_and_cited_numbers_link_to_the_document(built: Built) -> None:
    data = json.loads((built.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    doc = next(d for d in data["documents"] if d["number"] == "上委﹝2021﹞ 1号")
    page = (built.output / doc["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "本年鉴只收录了该文件的题录" in page and "区委全体（扩大）会议" in page  # the entry that cites it
    citing = doc["cited_by"][0]
    html = (built.output / citing.strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{doc["url"]}" class="doc-link">{doc["title"]}</a>》' in html  # cited by its 《title》
    register = next(t for t in data["tables"] if t["number"] == "4")
    table_page = (built.output / register["url"].split("#")[0].strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<td><a href="{doc["url"]}" class="doc-link">上委﹝2021﹞ 1号</a></td>' in table_page


def test_a_number_in_running_text_links_in_any_bracket_variant() -> None:
    book = Page(source=Path("book"), url="/b/", front=page_meta({"title": "书", "kind": "yearbook"}), body="")
    doc = Document("关于某事的通知", book, "/b/documents/x/", "杭政函〔2021〕25号", "杭政函", "2021-03-01")
    docs = Documents(all=[doc], by_number={"杭政函〔2021〕25号": doc}, by_title={title_key(doc.title): doc})
    page = Page(source=Path("p"), url="/b/p/", front=page_meta({"title": "条目", "kind": "entry"}), body="")
    tokens = parse("根据杭政函 ﹝2021﹞ 第25号文件和《关于某事的通知》精神，另见[链接](/x/)。")
    assert link_documents(tokens, page, docs) == [doc]
    assert to_html(tokens) == ('<p>根据<a href="/b/documents/x/" class="doc-link">杭政函 ﹝2021﹞ 第25号</a>文件和《'
                               '<a href="/b/documents/x/" class="doc-link">关于某事的通知</a>》精神，另见'
                               '<a href="/x/">链接</a>。</p>\n')


def test_a_title_the_register_quotes_links_within_its_yearbook() -> None:
    book = Page(source=Path("book"), url="/b/", front=page_meta({"title": "书", "kind": "yearbook"}), body="")
    other = Page(source=Path("other"), url="/o/", front=page_meta({"title": "另一本", "kind": "yearbook"}), body="")
    table = Page(source=Path("t"), url="/b/t/", front=page_meta({"title": "表", "kind": "entry"}), body="", parent=book)
    register = (table, TableData("4", "文件题录", "table-4", ["文号", "发文日期", "文件标题"]))
    doc = Document("中共杭州市上城区委关于印发《关于打造一流人才生态城区的实施意见》的通知", book, "/b/documents/x/",
                   "上委〔2021〕9号", "上委", "2021-05-01", register)
    docs = Documents(all=[doc], by_number={"上委〔2021〕9号": doc}, by_title={title_key(doc.title): doc})
    text = "出台《关于打造一流人才生态城区的实施意见》，另见《实施意见》。"
    entry = {"title": "条目", "kind": "entry"}
    here = Page(source=Path("p"), url="/b/p/", front=page_meta(entry), body="", parent=book)
    elsewhere = Page(source=Path("q"), url="/o/q/", front=page_meta(entry), body="", parent=other)
    assert link_documents(parse(text), here, docs) == [doc]  # 《实施意见》 is too short to be sure
    assert link_documents(parse(text), elsewhere, docs) == []


def test_a_documents_number_is_one_search_word_no_other_number_starts_with() -> None:
    """However printed, one number is one word; `1号` is no prefix of `10号`, nor 上委 of 上委办."""
    assert number_word("上委办〔2018〕第34号") == "wh4e0a59d4529ey2018n34h"
    assert number_word("上委﹝2021﹞ 1号") == number_word("上委〔2021〕1号") == number_word("上委［2021］第01号")
    numbers = ("上委〔2021〕1号", "上委〔2021〕10号", "上委办〔2021〕1号", "上委〔2021〕107号")
    words = [number_word(number) or "" for number in numbers]
    assert all(len(set(words)) == 4 and not (a != b and b.startswith(a)) for a in words for b in words)
    assert number_word("关于做好2021年工作的通知") is None
