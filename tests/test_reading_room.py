"""Way-finding and layout as a reader meets them, in a real Chromium at 1280 and 390 px: breadcrumbs on
every page, the book's navigation and a long page's contents beside the text, the index pages, the home
page, and the layout bugs each of these once had (a test per bug, measuring boxes and lines)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import WIDTHS
from .test_reader_browser import PAGE_TYPES

pytestmark = pytest.mark.browser
ENTRY = "/shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/"
SECTION = "/shangcheng-2022/jie-dao/hu-bin-jie-dao/"
LONG_TEXT = "/shangcheng-2022/te-zai/te-zai/zheng-fu-gong-zuo-bao-gao/"
WITHOUT_CRUMBS = {"home", "search", "404"}
# The lines an element's text takes: its text's boxes grouped by top, a line apart (a label in two
# fonts, or with a pseudo-element, has boxes a few pixels apart on one line).
LINES = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top).sort((a, b) => a - b);
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > line / 2).length;
}"""
# Short labels: a line break inside one cuts a word (开始阅/读, 发文日/期).
LABELS = (".breadcrumbs li, .site-nav a, .start-reading, .book-links a, .book-facts span, .toc summary, th, "
          ".months a, "
          ".jump a, .search-box button, .book-nav-indexes a")
SHORT = 8
SWEEP = {"phone": range(320, 441, 20), "desktop": range(1024, 1281, 64)}


def box(tab: Page, selector: str) -> dict[str, float]:
    found = tab.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); "
                                           "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }")
    return {k: float(v) for k, v in found.items()}


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_page_but_home_search_and_404_says_where_it_is(tab: Page, served: str, kind: str) -> None:
    """The ARIA breadcrumb pattern: a labelled nav, a list from 首页 to the page itself, marked current."""
    tab.goto(f"{served}{PAGE_TYPES[kind]}")
    crumbs = tab.query_selector("nav.breadcrumbs[aria-label]")
    if kind in WITHOUT_CRUMBS:
        assert crumbs is None
        return
    assert crumbs is not None
    items = tab.eval_on_selector_all(".breadcrumbs li", "els => els.map(e => e.textContent.trim())")
    current = tab.eval_on_selector(".breadcrumbs li:last-child", "e => e.getAttribute('aria-current')")
    title = (tab.text_content("h1") or "").strip()
    assert items[0] == "首页" and current == "page" and len(items) >= 2
    assert items[-1] in title or title in items[-1], (items, title)


def test_the_book_navigation_sits_beside_the_text_on_a_wide_screen(tab: Page, served: str, width: str) -> None:
    tab.goto(f"{served}{ENTRY}")
    if width == "phone":
        assert not tab.is_visible(".book-nav")  # the phone has the breadcrumb and previous/next
        return
    assert box(tab, ".book-nav")["right"] <= box(tab, "main")["left"]
    assert tab.eval_on_selector_all(".book-nav a.trail", "els => els.map(e => e.textContent)") == \
        ["上城年鉴（2022）", "街道", "湖滨街道"]
    tab.goto(f"{served}{SECTION}")
    assert tab.text_content(".book-nav a[aria-current=page]") == "湖滨街道"
    categories = tab.eval_on_selector_all(".book-nav > ol > li", "els => els.length")
    assert categories > 25  # every category of the 2022 book, and the sections of the open one only
    assert tab.eval_on_selector_all(".book-nav li li", "els => els.length") == \
        tab.eval_on_selector_all("nav.book-nav a.trail + ol > li", "els => els.length") > 5


def test_a_long_text_has_contents_that_link_into_it(tab: Page, served: str, width: str) -> None:
    """政府工作报告 (some 10,000 px): its h2/h3 have ids and are listed; beside the text on a wide screen,
    and still in view far down; above the text on a phone."""
    tab.goto(f"{served}{LONG_TEXT}")
    hrefs = tab.eval_on_selector_all(".page-toc a", "els => els.map(e => e.getAttribute('href'))")
    headings = tab.eval_on_selector_all(".body h2, .body h3", "els => els.map(e => e.id)")
    assert len(hrefs) >= 10 and [unquote(urlsplit(h).fragment) for h in hrefs] == headings
    assert tab.evaluate("document.documentElement.scrollHeight") > 8000
    if width == "desktop":
        assert box(tab, ".page-toc")["left"] >= box(tab, "main .body")["right"]
        tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight * 0.7)")
        toc = box(tab, ".page-toc > div")
        assert 0 <= toc["top"] < 900, toc  # sticky: it came along
    else:
        assert box(tab, ".page-toc")["bottom"] <= box(tab, ".body h2")["top"]
    tab.click(f".page-toc a >> nth={len(hrefs) - 1}")
    assert unquote(urlsplit(tab.url).fragment) == headings[-1]
    assert abs(box(tab, f"[id='{headings[-1]}']")["top"]) < 40


def test_a_speech_opens_as_print_sets_it(tab: Page, served: str) -> None:
    tab.goto(f"{served}{LONG_TEXT}")
    opening = tab.eval_on_selector_all(
        ".body p.opening", "els => els.map(e => [e.className, getComputedStyle(e).textAlign, e.textContent])")
    assert [c for c, _, _ in opening] == ["opening subtitle", "opening dateline", "opening speaker"]
    assert {align for _, align, _ in opening} == {"center"}
    assert opening[1][2] == "（2022年2月14日）"


def test_the_contents_disclosure_is_a_visible_control_beside_its_link(tab: Page, served: str) -> None:
    """Closed or open, each category's count sits on its link's line, as a bordered control."""
    tab.goto(f"{served}/shangcheng-2022/")
    items = "main > .toc > li:has(> details)"
    border = tab.eval_on_selector(f"{items} summary", "e => parseFloat(getComputedStyle(e).borderTopWidth)")
    assert border >= 1
    same_line = """els => els.map(li => {
      const a = li.querySelector(':scope > a').getBoundingClientRect();
      const s = li.querySelector(':scope > details > summary').getBoundingClientRect();
      return s.top < a.bottom && s.bottom > a.top && s.left >= a.right - 1;
    })"""
    assert all(tab.eval_on_selector_all(items, same_line))
    for summary in tab.query_selector_all(f"{items} > details > summary"):
        summary.click()
    assert tab.eval_on_selector_all(f"{items} > details", "els => els.every(d => d.open)")
    assert all(tab.eval_on_selector_all(items, same_line))
    counts = tab.eval_on_selector_all(f"{items} summary", f"els => els.map({LINES})")
    assert set(counts) == {1}


def test_every_comparison_has_an_index_and_a_breadcrumb_to_it(tab: Page, served: str, width: str) -> None:
    tab.goto(f"{served}/compare/")
    links = tab.eval_on_selector_all("main .comparisons a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) == 27
    tab.goto(f"{served}/compare/category-fu-lu/")
    crumbs = tab.eval_on_selector_all(".breadcrumbs a", "els => els.map(e => e.textContent)")
    assert crumbs == ["首页", "各年对照"]
    footer, viewport = box(tab, ".site-footer"), WIDTHS[width]
    assert abs((footer["left"] + footer["right"]) / 2 - viewport / 2) < 2  # under the page, not a column


def test_a_chronicle_date_range_stays_one_unit(tab: Page, served: str) -> None:
    """`1月2日—3日`: the two dates side by side (only the dash between them) on one line, and the
    event's text starts on that line."""
    tab.goto(f"{served}/shangcheng-2022/da-shi-ji/")
    ranges = tab.eval_on_selector_all("li.event:has(time + time)", """els => els.map(li => {
      const rect = (start, end) => {
        const range = document.createRange();
        range.setStartBefore(start);
        range.setEndAfter(end);
        return range.getClientRects()[0];
      };
      const [a, b] = li.querySelectorAll('time');
      const [first, second] = [rect(a.firstChild, a.firstChild), rect(b.firstChild, b.firstChild)];
      const text = rect(li.querySelector('strong').nextSibling, li.lastChild);
      const em = parseFloat(getComputedStyle(li).fontSize);
      return [first.top, second.top, text.top, (second.left - first.right) / em, (text.left - second.right) / em];
    })""")
    assert len(ranges) > 5
    assert all(abs(a - b) < 2 and abs(b - text) < 8 and dash < 1.5 and space < 1.5
               for a, b, text, dash, space in ranges), ranges[:3]


def test_people_index_items_are_never_split_across_columns(tab: Page, served: str) -> None:
    tab.goto(f"{served}/people/")
    fragments = tab.eval_on_selector_all(".people-index li", "els => els.map(e => e.getClientRects().length)")
    assert len(fragments) > 1000 and set(fragments) == {1}
    letters = tab.eval_on_selector_all(".jump a", "els => els.map(e => e.getAttribute('href'))")
    assert letters and all(tab.query_selector(href) for href in letters)


def test_documents_index_is_a_full_width_table_with_whole_headers(tab: Page, served: str, width: str) -> None:
    tab.goto(f"{served}/documents/")
    if width == "desktop":
        assert box(tab, ".documents-index")["right"] - box(tab, ".documents-index")["left"] > 1100
    assert set(tab.eval_on_selector_all(".documents-index th", f"els => els.map({LINES})")) == {1}
    title = tab.eval_on_selector(".documents-index td:nth-child(3)",
                                 "e => e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)")
    assert title >= 12  # on a phone the table scrolls rather than squeeze a title to a few characters a line
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_home_page_introduces_the_site_and_each_book(tab: Page, served: str) -> None:
    tab.goto(f"{served}/")
    assert "年鉴" in (tab.text_content(".intro") or "")
    books = tab.eval_on_selector_all(".yearbooks > li", """els => els.map(li => [
      li.querySelector('.book-title').textContent.trim(), li.querySelector('.book-facts').textContent,
      [...li.querySelectorAll('.book-links a')].map(a => a.textContent.trim())])""")
    by_title = {title: (facts, links) for title, facts, links in books}
    links = set(by_title["《上城年鉴（2022）》"][1])
    assert {"开始阅读", "目录", "大事记", "书后索引", "表格索引", "文件索引", "人物索引"} <= links
    assert "只收录“特载”类目" in by_title["《上城年鉴（2013）》"][0]  # not an unexplained "0个条目"
    for href in tab.eval_on_selector_all("main a", "els => els.map(e => e.href)"):
        assert tab.request.get(href).status == 200, href


@pytest.mark.parametrize("kind", ["home", "yearbook", "entry", "chronicle", "documents", "people", "glossary"])
def test_no_short_label_breaks_inside_a_word(tab: Page, served: str, width: str, kind: str) -> None:
    """Where a line ends depends on the width and the font, so every width of a phone (or of a desktop
    window) is tried, not one."""
    tab.goto(f"{served}{PAGE_TYPES[kind]}")
    broken = {}
    for pixels in SWEEP[width]:
        tab.set_viewport_size({"width": pixels, "height": 900})
        found = tab.eval_on_selector_all(LABELS, f"""els => els
          .filter(e => e.checkVisibility() && e.textContent.trim().length <= {SHORT} && ({LINES})(e) > 1)
          .map(e => e.textContent.trim())""")
        if found:
            broken[pixels] = found
    assert broken == {}


def test_the_search_placeholder_is_shown_whole_on_a_phone(tab: Page, served: str) -> None:
    tab.goto(f"{served}/")
    room, needed = tab.eval_on_selector(".search-box input", """e => {
      const style = getComputedStyle(e);
      const context = document.createElement('canvas').getContext('2d');
      context.font = `${style.fontSize} ${style.fontFamily}`;
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      return [e.clientWidth - padding, context.measureText(e.placeholder).width];
    }""")
    assert room >= needed


def test_no_request_of_a_page_fails(tab: Page, served: str) -> None:
    """The favicon included: a 404 in the console on every page is noise a reader's browser reports."""
    failed: list[str] = []
    tab.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    tab.goto(f"{served}{ENTRY}")
    tab.wait_for_load_state("networkidle")
    assert failed == []
    assert tab.get_attribute("link[rel=icon]", "type") == "image/svg+xml"
