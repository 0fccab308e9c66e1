"""What a reader does, in a real Chromium: search the built site over HTTP."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from site_gen.preview.serve import make_server
from site_gen.site.index.search import BUNDLE, SHARDS, index_site

from .conftest import ROOT, Built

pytestmark = pytest.mark.browser


# The search page lists a page of results once all their data has arrived, and says how many it found.
ALL_LOADED = ("document.querySelector('.search-result-link') && "
              "document.querySelector('.search-message').textContent.includes('找到')")


def result_links(browser: Browser, url: str) -> list[str]:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector(".search-message", timeout=20000)
    page.wait_for_function("document.querySelector('.search-message').textContent.includes('结果')",
                           timeout=20000)
    page.wait_for_function(ALL_LOADED, timeout=20000)
    links = page.eval_on_selector_all(".search-result-link", "els => els.map(e => e.textContent)")
    page.close()
    return [str(link) for link in links]


def test_search_finds_the_most_beautiful_human_wall(browser: Browser, served: str) -> None:
    links = result_links(browser, f"{served}/search/?q={quote('最美人墙')}")
    assert "上城年鉴（2022） › 街道 › 湖滨街道 › “最美人墙”志愿服务" in links  # where the entry sits, then its title


@pytest.mark.parametrize("title", ["非公有制企业理想信念教育", "干部成长论坛暨第五届草根民师讲堂",
                                   "小鹏汽车品牌旗舰店落户上城", "非公有制企业理想信念教育".replace("企业", "企業")])
def test_a_title_typed_as_printed_is_the_first_result(browser: Browser, served: str, title: str) -> None:
    """Titles whose words the browser splits otherwise than the index did (非 公有制 typed, 非公有制 indexed):
    Pagefind alone found nothing for the first two and only person pages for the third."""
    links = result_links(browser, f"{served}/search/?q={quote(title)}")
    assert links[0].endswith(" › " + title.replace("企業", "企业")), links[:3]


def search_from_header(browser: Browser, site: str, query: str) -> list[tuple[str, str]]:
    """Type `query` in the header box of the home page and press Enter: (href, text) of each result."""
    page = browser.new_page()
    page.goto(f"{site}/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_function(ALL_LOADED, timeout=20000)
    found = page.eval_on_selector_all(".search-result-link",
                                      "els => els.map(e => [e.getAttribute('href'), e.textContent])")
    page.close()
    return [(str(href), str(text)) for href, text in found]


def test_header_search_box_leads_to_results(browser: Browser, served: str) -> None:
    assert any("垃圾分类" in text for _, text in search_from_header(browser, served, "垃圾分类"))


def test_home_page_lists_the_three_yearbooks(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(f"{served}/")
    books = page.eval_on_selector_all(".book-title", "els => els.map(e => e.textContent)")
    page.click("text=《上城年鉴（2022）》")
    page.wait_for_selector("h2:has-text('目录')")
    page.close()
    assert books == ["《上城年鉴（2022）》", "《上城年鉴（2019）》", "《上城年鉴（2013）》"]


def test_reader_finds_a_table_and_downloads_it_as_csv(browser: Browser, served: str, tmp_path: Path) -> None:
    """From the book's table index to 表1 on its page, then the caption's CSV link: a real download of a
    file a spreadsheet opens (BOM, the header row, the merged 湿地类 repeated on each of its rows)."""
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{served}/shangcheng-2022/tables/")
    page.click("text=表1 上城区湿地类型概况")
    page.wait_for_selector("#table-1 caption")
    caption = page.text_content("#table-1 caption") or ""
    cells = page.eval_on_selector_all("#table-1 tbody td[rowspan]", "els => els.map(e => e.rowSpan)")
    with page.expect_download() as download_info:
        page.click("#table-1 caption a.csv")
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    page.close()
    data = saved.read_bytes()
    assert caption.startswith("表1 上城区湿地类型概况") and cells == [2, 4]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0] == "湿地类,湿地型,面积（公顷）,比例（%）"
    assert [row.split(",")[0] for row in rows[1:]].count("人工湿地") == 4


def test_reader_follows_a_name_to_the_person_and_back(browser: Browser, served: str) -> None:
    """From a 2019 entry that names 区委书记陈瑾 to her person page, which shows her 2022 role too."""
    page = browser.new_page()
    page.goto(f"{served}/people/chen-jin/")
    mention = page.get_attribute(".person-book .backlinks a", "href")
    assert mention is not None
    page.goto(f"{served}{mention}")
    page.click("a.person-link:text-is('陈瑾')")
    page.wait_for_selector("h1:text-is('陈瑾')")
    books = page.eval_on_selector_all(".person-book h2", "els => els.map(e => e.textContent)")
    role = page.text_content(".person-book") or ""
    page.close()
    assert books == ["《上城年鉴（2022）》", "《上城年鉴（2019）》"] and "书记" in role


def test_documents_index_sorts_by_number_when_its_header_is_clicked(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(f"{served}/documents/")
    dates = page.eval_on_selector_all("tbody tr td:nth-child(2)", "els => els.map(e => e.textContent)")
    page.click("th:text-is('文号')")
    numbers = page.eval_on_selector_all("tbody tr td:first-child", "els => els.map(e => e.dataset.key)")
    page.click("th:text-is('文号')")
    reversed_numbers = page.eval_on_selector_all("tbody tr td:first-child", "els => els.map(e => e.dataset.key)")
    page.close()
    assert len(dates) == 190 and [d for d in dates if d] == sorted(d for d in dates if d)
    assert numbers != reversed_numbers and numbers == reversed_numbers[::-1]
    assert numbers.index("上委〔2018〕7号") < numbers.index("上委〔2018〕23号")  # numeric order, not text order


@pytest.mark.parametrize("query", ["最美人墙", "“最美人墙”志愿服务"])  # words, and an exact title (its own lookup)
def test_search_works_under_a_subpath(browser: Browser, served_under_subpath: str, query: str) -> None:
    """Hosted under /nianjian/: the header search leads to results whose links stay under it."""
    hrefs = [href for href, _ in search_from_header(browser, served_under_subpath, query)]
    first = hrefs[0]
    page = browser.new_page()
    page.goto(first if first.startswith("http") else served_under_subpath.rsplit("/", 1)[0] + first)
    title = page.text_content("h1")
    page.close()
    assert all(h.startswith("/nianjian/") for h in hrefs) and title == "“最美人墙”志愿服务"


def test_a_query_in_traditional_characters_finds_the_simplified_text(browser: Browser, served: str) -> None:
    assert any(link.endswith("“最美人墙”志愿服务")
               for link in result_links(browser, f"{served}/search/?q={quote('最美人牆')}"))


def test_tables_and_events_are_results_of_their_own(browser: Browser, served: str) -> None:
    """A table and a chronicle event are found at their anchor, and the 类型 filter finds them (表格, 大事)."""
    links = result_links(browser, f"{served}/search/?q={quote('上城区湿地类型概况')}")
    page = browser.new_page()
    page.goto(f"{served}/search/")
    kinds = page.evaluate("""async () => {
      const pagefind = await import(document.querySelector('script[data-bundle]').dataset.bundle + 'pagefind.js');
      const filters = await pagefind.filters();
      const day = await pagefind.search('2021年1月18日', {filters: {类型: '大事'}});
      return [Object.keys(filters['类型']), (await day.results[0].data()).url];
    }""")
    page.close()
    assert any(link.endswith("表1 上城区湿地类型概况") for link in links)
    assert {"表格", "大事", "条目", "人物", "文件"} <= set(kinds[0])
    assert kinds[1].startswith("/shangcheng-2022/da-shi-ji/#e-0118")


def test_a_site_indexed_in_shards_is_searched_as_one(browser: Browser, built: Built, tmp_path: Path) -> None:
    """Many yearbooks are indexed in groups (Pagefind's memory grows with one index's pages); the search
    page merges the groups. Forced here at 2500 pages: 2022 alone, the rest and the site-wide pages."""
    site = tmp_path / "site"
    shutil.copytree(built.output, site, ignore=shutil.ignore_patterns(BUNDLE))
    index_site(site, ROOT, limit=2500)
    assert json.loads((site / BUNDLE / SHARDS).read_text(encoding="utf-8")) == ["shard-2/"]
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        in_2022 = result_links(browser, f"{url}/search/?q={quote('最美人墙')}")
        assert "上城年鉴（2022） › 街道 › 湖滨街道 › “最美人墙”志愿服务" in in_2022
        in_2019 = result_links(browser, f"{url}/search/?q={quote('掌上上城年鉴')}")
        assert any("上城年鉴（2019）" in link and "掌上上城年鉴" in link for link in in_2019), in_2019
    finally:
        server.shutdown()
        server.server_close()


SEARCH_SHOTS = ROOT / "test-artifacts" / "search"
NAMES = {"site_gen"}  # the generator's name in the footer: a name, not a label
# Every piece of text a reader sees on the page, or hears (labels, placeholders), outside the results'
# own titles and excerpts (which quote the yearbooks, English words and all).
UI_TEXT = """() => {
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element.closest(".search-result") && element.checkVisibility() && node.textContent.trim()) {
      seen.push(node.textContent.trim());
    }
  }
  for (const element of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
    if (element.checkVisibility()) {
      seen.push(...["placeholder", "aria-label", "title"].map((a) => element.getAttribute(a) || ""));
    }
  }
  return seen.filter(Boolean);
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_search_page_speaks_chinese_and_shows_three_results_on_a_phone(
        browser: Browser, served: str, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{served}/search/?q={quote('垃圾分类')}")
    page.wait_for_function("document.querySelectorAll('.search-result-link').length >= 3", timeout=20000)
    SEARCH_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SEARCH_SHOTS / f"search-{width}.png"))

    english = {word for text in page.evaluate(UI_TEXT) for word in re.findall(r"[A-Za-z_]{2,}", text)}
    assert english <= NAMES, english
    names = page.eval_on_selector_all(".search-filter-name", "els => els.map(e => e.textContent.trim())")
    assert names and set(names) <= {"年鉴", "类目", "类型"}, names
    boxes = page.eval_on_selector_all("input[type=search], input[type=text]",
                                      "els => els.filter(e => e.checkVisibility()).length")
    assert boxes == 1  # the header's box is not repeated on the search page
    assert page.input_value(".search-input") == "垃圾分类"  # the header's query, handed over
    assert not page.query_selector(".search-result img")  # no thumbnails: a gutter beside each result
    excerpts = " ".join(page.eval_on_selector_all(".search-result-excerpt", "els => els.map(e => e.textContent)"))
    assert excerpts and not re.search(r"[\u3400-\u9fff]\. ", excerpts)  # Chinese full stops, not Pagefind's ". "
    third = page.eval_on_selector_all(".search-result-link", "els => els[2].getBoundingClientRect().bottom")
    assert third <= height, f"the third result's title ends at {third} px, below the fold at {height}"


def test_a_document_number_lists_that_numbers_documents_only(browser: Browser, served: str) -> None:
    """`上人大〔2021〕1号`, as printed or typed without brackets: that number's two documents (a 决定 and a
    rule book share it), not 10号, 13号 or 16号; the index's word for it never shows. A number no document
    of the site has is searched as typed, so the pages that cite it are still found."""
    page = browser.new_page()
    for typed in ("上人大〔2021〕1号", "上人大2021 1号", "上人大（2021）第1号"):
        page.goto(f"{served}/search/?q={quote(typed)}")
        page.wait_for_function(ALL_LOADED, timeout=20000)
        hrefs = page.eval_on_selector_all(".search-result-link", "els => els.map(e => e.getAttribute('href'))")
        assert sorted(href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs) == \
            ["shang-ren-da-2021-1-hao", "shang-ren-da-2021-1-hao-2"], hrefs
        shown = page.evaluate("document.querySelector('#search').textContent")
        assert not re.search(r"wh[0-9a-f]+y\d{4}n\d+h", shown)
    assert page.evaluate("window.siteGenQuery('上人大〔2099〕1号')") == "上人大〔2099〕1号"
    page.close()


def test_a_date_lists_that_days_chronicle_events_and_a_word_after_it_lists_pages(browser: Browser, served: str) -> None:
    """`2021年1月18日` (or `1月18日`): that day's events, under the 类型 filter 大事; a query typed after it is
    searched in everything again."""
    page = browser.new_page()
    titles = "els => els.map(e => e.textContent)"
    for day in ("2021年1月18日", "1月18日"):
        page.goto(f"{served}/search/?q={quote(day)}")
        page.wait_for_function("document.querySelector('.search-result-link')?.textContent.includes('大事记')",
                               timeout=20000)
        page.wait_for_timeout(500)  # the filter, set as the search runs
        links = page.eval_on_selector_all(".search-result-link", titles)
        assert links and all("大事记 › 2021年1月18日" in link for link in links), links
        excerpts = " ".join(page.eval_on_selector_all(".search-result-excerpt", titles))
        assert "d2021" not in excerpts and "d0118" not in excerpts  # the day words are the index's only
    page.fill(".search-input", "垃圾分类")
    page.wait_for_function("document.querySelector('.search-result-link')?.textContent.includes('垃圾分类')",
                           timeout=20000)
    page.close()


def found_count(page: Page) -> int:
    """The number the search page says it found (`找到 N 个…`), once a search has ended."""
    page.wait_for_function("/找到|没有找到/.test(document.querySelector('.search-message').textContent)",
                           timeout=20000)
    match = re.search(r"找到 (\d+) 个", page.text_content(".search-message") or "")
    return int(match[1]) if match else 0


def tick(page: Page, filter_name: str, value: str) -> None:
    """Open a filter and tick one of its values; wait for the search it starts to end."""
    group = page.locator(".search-filter", has=page.locator(".search-filter-name", has_text=filter_name))
    if not group.evaluate("e => e.open"):
        group.locator("summary").click()
    page.evaluate("document.querySelector('.search-message').textContent = ''")
    group.locator(f"label[data-value='{value}'] input").check()


def test_values_ticked_in_one_filter_are_alternatives_and_more_results_come_five_at_a_time(
        browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(f"{served}/search/?q={quote('垃圾分类')}")
    everything = found_count(page)
    tick(page, "类型", "条目")
    entries = found_count(page)
    tick(page, "类型", "文件")
    either = found_count(page)
    assert 0 < entries < either <= everything  # 条目 or 文件: more than 条目 alone (not both at once: none)
    assert page.eval_on_selector_all(".search-result", "els => els.length") == 5
    page.click(".search-more")
    page.wait_for_function("document.querySelectorAll('.search-result').length === 10", timeout=20000)
    focused = page.evaluate("document.activeElement.closest('.search-result') === "
                            "document.querySelectorAll('.search-result')[5]")
    assert focused  # the reader's place: the first of the new results
    hrefs = page.eval_on_selector_all(".search-result > .search-result-title a", "els => els.map(e => e.href)")
    assert len(set(hrefs)) == len(hrefs) == 10
    page.close()
