"""A page's outline (heading ids, in-page contents) and a speech's opening lines, on small texts of
other books' shapes; and the book navigation rendered once per category, yet anew for an edited template."""

from __future__ import annotations

from site_gen.site.render.markdown import parse, to_html
from site_gen.site.render.outline import mark_opening, outline
from site_gen.site.render.templates import BookNav, Link, NavigationCache


def test_headings_get_ids_of_their_text_unique_on_the_page() -> None:
    tokens = parse("## 一、 工作回顾\n\ntext\n\n### 综述\n\n## 综述\n\n#### 四级\n\n## 二、目标\n")
    headings = outline(tokens)
    assert [(h.level, h.id) for h in headings] == [(2, "一、_工作回顾"), (3, "综述"), (2, "综述_2"), (2, "二、目标")]
    assert '<h2 id="一、_工作回顾">' in to_html(tokens) and "<h4>四级</h4>" in to_html(tokens)


def test_a_heading_that_has_an_id_keeps_it_and_no_other_takes_it() -> None:
    tokens = parse("## 1月\n\n## m1\n")
    tokens[0].attrSet("id", "m1")  # as the chronicle's month headings have
    assert [h.id for h in outline(tokens)] == ["m1", "m1_2"]


def classes(markdown: str) -> list[str]:
    tokens = parse(markdown)
    mark_opening(tokens)
    return [str(t.attrGet("class") or "") for t in tokens if t.type == "paragraph_open"]


def test_a_speech_opens_with_subtitle_date_and_speaker() -> None:
    text = ("——在某县第五届人民代表大会第三次会议上\n\n（2020年1月8日）\n\n县长　王某某\n\n"
            "各位代表：现在，我代表县人民政府向大会报告工作。\n")
    assert classes(text) == ["opening subtitle", "opening dateline", "opening speaker", ""]


def test_a_date_alone_opens_a_speech_and_a_month_will_do() -> None:
    assert classes("（2019年12月）\n\n市长李某\n\n正文。\n") == ["opening dateline", "opening speaker", ""]


def test_ordinary_text_is_not_an_opening() -> None:
    assert classes("2021年，全区完成投资。\n\n区长张某\n") == ["", ""]  # a name after text is text
    assert classes("——在会议上\n\n各位代表，现在我代表区政府作报告。\n") == ["opening subtitle", ""]
    assert classes("## 一、回顾\n\n（2020年1月8日）\n") == [""]  # the opening ends at the first heading


def test_the_navigation_renders_once_per_category_and_anew_for_an_edited_template() -> None:
    calls: list[str] = []

    def macro(nav: BookNav) -> str:
        calls.append("old")
        return f'<a href="/b/">{nav.book.title}</a><a href="/b/c/">c</a><a href="/b/c/s/">s</a>'

    def edited(nav: BookNav) -> str:
        calls.append("new")
        return '<a href="/b/">edited</a>'

    cache = NavigationCache(lambda path: "/" + path.lstrip("/"))  # the site at the root
    nav = BookNav(Link("书", "/b/", "yearbook"), "/b/c/", ())
    first = cache(macro, nav, ("/b/", "/b/c/", "/b/c/s/"))
    second = cache(macro, nav, ("/b/", "/b/c/"))
    assert calls == ["old"]
    assert '<a href="/b/c/s/" aria-current="page">' in first and '<a href="/b/c/" class="trail">' in first
    assert '<a href="/b/c/" aria-current="page">' in second and "aria-current" not in second.split("/b/c/s/")[1]
    assert "edited" in cache(edited, nav, ("/b/",)) and calls == ["old", "new"]
