"""The reader's path through the site in a real Chromium, at desktop and phone widths: clicks from the
home page to an entry, previous/next, the live index, a person, a document, another edition; each page
type screenshotted (test-artifacts/screenshots/) and checked with axe-core and by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"
PAGE_TYPES = {  # page type → a path on the built site
    "home": "/",
    "yearbook": "/shangcheng-2022/",
    "category": "/shangcheng-2022/jie-dao/",
    "section": "/shangcheng-2022/jie-dao/hu-bin-jie-dao/",
    "entry": "/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/",
    "long-text": "/shangcheng-2022/te-zai/te-zai/zheng-fu-gong-zuo-bao-gao/",
    "table": "/shangcheng-2022/shang-cheng-gai-lan/di-qing-gai-mao/shi-di/",
    "chronicle": "/shangcheng-2022/da-shi-ji/",
    "book-index": "/shangcheng-2022/suo-yin/",
    "table-index": "/shangcheng-2022/tables/",
    "documents": "/documents/",
    "document": "/shangcheng-2022/documents/shang-wei-2021-1-hao/",
    "people": "/people/",
    "book-people": "/shangcheng-2019/people/",
    "person": "/people/chen-jin/",
    "glossary": "/glossary/",
    "compare-index": "/compare/",
    "compare": "/compare/section-xin-fang-gong-zuo/",
    "compare-category": "/compare/category-fu-lu/",
    "search": "/search/?q=%E6%9C%80%E7%BE%8E%E4%BA%BA%E5%A2%99",
    "404": "/404.html",
}
pytestmark = pytest.mark.browser


def test_from_home_to_an_entry_by_clicks_and_on(tab: Page, served: str, width: str) -> None:
    tab.goto(f"{served}/")
    tab.click("text=《上城年鉴（2022）》")
    tab.click(".toc a:text-is('街道')")
    tab.click(".toc a:text-is('湖滨街道')")
    tab.click("a:text-is('“最美人墙”志愿服务')")
    assert tab.text_content("h1") == "“最美人墙”志愿服务"
    crumbs = tab.eval_on_selector_all(".breadcrumbs a", "els => els.map(e => e.textContent)")
    assert crumbs == ["首页", "上城年鉴（2022）", "街道", "湖滨街道"]
    assert "第385页a栏" in (tab.text_content(".cite") or "")
    here = tab.url
    tab.click(".pager a[rel=next]")
    assert tab.url != here
    tab.click(".pager a[rel=prev]")
    assert tab.url == here
    tab.wait_for_load_state()  # the URL changes when navigation commits, before the new document exists
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # no sideways page scroll


def test_the_index_a_document_a_person_and_another_edition(tab: Page, served: str) -> None:
    tab.goto(f"{served}/shangcheng-2022/suo-yin/")
    tab.click("a.index-link:text-is('“最美人墙”志愿服务')")
    assert tab.text_content("h1") == "“最美人墙”志愿服务"
    tab.goto(f"{served}/shangcheng-2022/zhong-guo-gong-chan-dang-shang-cheng-qu-wei-yuan-hui/"
             "qu-wei-zhong-yao-hui-yi/qu-wei-quan-ti-kuo-da-hui-yi/")
    tab.click("a.doc-link")
    assert "上委" in (tab.text_content(".document-card") or "")
    tab.goto(f"{served}/people/chen-jin/")
    tab.goto(f"{served}{tab.get_attribute('.person-book .backlinks a', 'href')}")
    tab.click("a.person-link:text-is('陈瑾')")
    assert tab.text_content("h1") == "陈瑾"
    tab.goto(f"{served}/compare/section-xin-fang-gong-zuo/")
    assert tab.locator(".compare-column").count() == 2
    tab.click(".compare-column h2 a >> nth=1")
    tab.click(".editions a:text-is('《上城年鉴（2022）》')")
    assert tab.text_content("h1") == "信访工作" and "/shangcheng-2022/" in tab.url


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_is_accessible_and_screenshotted(tab: Page, served: str, width: str, kind: str) -> None:
    """axe-core (WCAG 2 A/AA rules): no serious or critical violation; no sideways scroll; a screenshot
    kept per width."""
    tab.goto(f"{served}{PAGE_TYPES[kind]}")
    if kind == "search":
        tab.wait_for_selector(".search-result-link", timeout=20000)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{width}-{kind}.png"))
    tab.add_script_tag(path=str(AXE))
    result: dict[str, Any] = tab.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_keyboard_alone_reaches_search_contents_and_citation(tab: Page, served: str, width: str) -> None:
    tab.goto(f"{served}/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/")
    reached = []
    for _ in range(40):
        tab.keyboard.press("Tab")
        reached.append(tab.evaluate("document.activeElement.className || document.activeElement.tagName"))
    assert "search-box" in " ".join(reached) or "INPUT" in reached
    assert "copy" in reached  # the citation's copy button
    tab.goto(f"{served}/shangcheng-2022/")
    tab.focus(".toc summary >> nth=0")
    tab.keyboard.press("Enter")  # a category opens from the keyboard
    assert tab.evaluate("document.querySelector('.toc details').open")


def test_no_line_of_the_breadcrumbs_opens_with_a_separator(tab: Page, served: str, width: str) -> None:
    """A deep page's trail wraps on a phone: each line opens with an item's text, the `›` stays at the end of
    the item before it."""
    tab.goto(f"{served}/shangcheng-2022/zhong-guo-gong-chan-dang-shang-cheng-qu-wei-yuan-hui/")
    tab.goto(tab.eval_on_selector("main .toc a", "a => a.href"))  # its first section,
    tab.goto(tab.eval_on_selector("main .toc a", "a => a.href"))  # and that one's first entry
    starts = tab.evaluate("""() => {
      const items = [...document.querySelectorAll('.breadcrumbs li')];
      const left = document.querySelector('.breadcrumbs ol').getBoundingClientRect().left;
      return items.map((li) => ({opens: Math.abs(li.getBoundingClientRect().left - left) < 2,
                                 before: getComputedStyle(li, '::before').content,
                                 after: getComputedStyle(li, '::after').content}));
    }""")
    assert len(starts) >= 4
    assert all(item["before"] in ("none", "normal", '""') for item in starts if item["opens"])
    assert [item["after"] for item in starts[:-1]] == ['"›"'] * (len(starts) - 1)
    lines = sum(item["opens"] for item in starts)
    assert lines >= (2 if width == "phone" else 1)  # (on a phone it does wrap: the case the test is for)


def test_the_permanent_link_is_a_full_address(tab: Page, served: str) -> None:
    """Built without a host, the page prints paths; the reader sees (and copies) the address in full."""
    tab.goto(f"{served}/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/")
    link = tab.text_content("a.permalink") or ""
    assert link == f"{served}/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/"
    reference = tab.text_content("#reference") or ""
    assert reference.endswith(f":385.{link}.") and "[M/OL]" in reference


def test_the_sidebar_shows_where_the_page_is(tab: Page, served: str, width: str) -> None:
    """On an entry late in the book, the book's navigation beside it has scrolled to the open category."""
    tab.goto(f"{served}/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/")
    if width == "phone":  # no sidebar on a phone (the contents are below the page): nothing to scroll
        assert not tab.is_visible(".book-nav") and tab.evaluate("window.scrollY") == 0
        return
    box = tab.evaluate("""() => {
      const nav = document.querySelector('.book-nav').getBoundingClientRect();
      const here = [...document.querySelectorAll('.book-nav a.trail, .book-nav [aria-current=page]')].pop()
        .getBoundingClientRect();
      return {top: here.top - nav.top, bottom: nav.bottom - here.bottom, scrolled: window.scrollY};
    }""")
    assert box["top"] >= 0 and box["bottom"] >= 0, box
    assert box["scrolled"] == 0  # (the sidebar moved, not the page)


def test_each_sections_entries_start_on_a_line_of_their_own_at_one_x(tab: Page, served: str, width: str) -> None:
    """On a category page every section's list of entries starts under its title, all at the same x (Chromium
    boxes an open <details>'s content: the list once sat beside its title, at an x set by the title's width)."""
    tab.goto(f"{served}/shangcheng-2022/zhong-guo-gong-chan-dang-shang-cheng-qu-wei-yuan-hui/")
    lists = tab.evaluate("""() => [...document.querySelectorAll('main nav.contents > ul.toc > li')].map((li) => {
      const title = li.querySelector('a').getBoundingClientRect();
      const first = li.querySelector(':scope ul.toc a').getBoundingClientRect();  // (not its own link)
      return {below: first.top >= title.bottom - 1, x: Math.round(first.left)};
    })""")
    assert len(lists) >= 5
    assert all(item["below"] for item in lists)
    assert len({item["x"] for item in lists}) == 1
