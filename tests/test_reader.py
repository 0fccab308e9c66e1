"""What a reader meets on the built site: the live book index, citations, sitemap, and subpath hosting."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .conftest import SUBPATH, Built
from .test_build import html_pages, parse_html


def test_the_book_index_is_live(built: Built) -> None:
    """Every term of the 2022 条目索引 (1382) and 表格索引 (23) links to its page or table."""
    html = (built.output / "shangcheng-2022" / "suo-yin" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" class="index-link">([^<]+)</a>', html)
    assert len(links) == 1405
    wall = dict((term, url) for url, term in links)["“最美人墙”志愿服务"]
    assert wall.endswith("/zui-mei-ren-qiang-zhi-yuan-fu-wu/")
    assert dict((term[:4], url) for url, term in links)["表11 "].endswith("#table-11")


def test_an_entry_shows_how_to_cite_it(built: Built) -> None:
    page = next((built.output / "shangcheng-2022").rglob("zui-mei-ren-qiang-zhi-yuan-fu-wu/index.html"))
    html = page.read_text(encoding="utf-8")
    assert "<p>《上城年鉴（2022）》，第385页a栏</p>" in html
    assert re.search(r'<p class="reference" id="reference">杨斌\.“最美人墙”志愿服务\[M/OL\]//上城年鉴（2022）\.'
                     r"2022:385\./shangcheng-2022/\S+/\.</p>", html)
    assert 'data-copy="#reference" hidden>复制引用（GB/T 7714）</button>' in html  # shown by script only


def test_without_a_host_no_sitemap_and_no_canonical_link(built: Built) -> None:
    """A sitemap, its line in robots.txt and a canonical link must be absolute URLs: with base_url a path, the
    site has none of them (a search engine reads the pages by their links) — and every page a description."""
    assert not (built.output / "sitemap.xml").exists()
    assert (built.output / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    pages = html_pages(built.output)
    for page in pages[::50]:
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html, page
        assert re.search(r'<meta name="description" content="[^"]{4,}">', html), page


def test_with_a_host_the_sitemap_lists_every_page_and_robots_points_to_it(built_under_subpath: Built) -> None:
    sitemap = (built_under_subpath.output / "sitemap.xml").read_text(encoding="utf-8")
    pages = [p for p in html_pages(built_under_subpath.output) if p.name == "index.html"]
    assert sitemap.count("<url>") == len(pages) > 3000
    assert (built_under_subpath.output / "robots.txt").read_text(encoding="utf-8").endswith(
        "Sitemap: https://example.org/nianjian/sitemap.xml\n")
    entry = next(built_under_subpath.output.rglob("zui-mei-ren-qiang-zhi-yuan-fu-wu/index.html"))
    assert re.search(r'<link rel="canonical" href="https://example\.org/nianjian/shangcheng-2022/\S+/">',
                     entry.read_text(encoding="utf-8"))


def test_under_a_subpath_every_link_stays_under_it(built_under_subpath: Built) -> None:
    """Built for https://example.org/nianjian/ and served from its parent folder: every site link starts
    with /nianjian/ and reaches a file; the sitemap and citations use the full address."""
    host = built_under_subpath.output.parent
    outside, missing = [], []
    for page in html_pages(built_under_subpath.output):
        for link in parse_html(page).links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path.startswith("/"):
                continue
            if not parts.path.startswith(f"/{SUBPATH}/"):
                outside.append(f"{page.name}: {link}")
                continue
            target = host / unquote(parts.path).lstrip("/")
            if not (target / "index.html" if parts.path.endswith("/") else target).is_file():
                missing.append(link)
    assert outside == [] and missing == []
    sitemap = (built_under_subpath.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/nianjian/shangcheng-2022/</loc>" in sitemap
    entry = next(built_under_subpath.output.rglob("zui-mei-ren-qiang-zhi-yuan-fu-wu/index.html"))
    assert "https://example.org/nianjian/shangcheng-2022/" in entry.read_text(encoding="utf-8")



def test_a_section_links_to_its_other_editions_and_their_comparison(built: Built) -> None:
    page = next((built.output / "shangcheng-2019").rglob("qu-wei-zhong-yao-hui-yi/index.html"))
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="editions" aria-label="其他年份">(.*?)</nav>', html)
    assert nav is not None and "《上城年鉴（2022）》</a>" in nav[1]
    compare = re.search(r'<a href="(/compare/[^"]+)">各年对照</a>', nav[1])
    assert compare is not None
    side = (built.output / compare[1].strip("/") / "index.html").read_text(encoding="utf-8")
    assert side.count('<section class="compare-column">') == 2
    assert side.index("《上城年鉴（2022）》") < side.index("《上城年鉴（2019）》")  # newest first
    columns = side.split('<div class="compare">')[1]
    assert re.search(r"<h3[ >]", columns) and not re.search(r"<h[23]>", columns)  # every heading has an id,
    ids = re.findall(r' id="([^"]+)"', side)
    assert len(ids) == len(set(ids))  # each unique on the page (a body's own prefixed by its column)
    summary = next((built.output / "shangcheng-2022").rglob("zong-shu/index.html")).read_text(encoding="utf-8")
    assert 'class="editions"' not in summary  # 综述 recurs in every book: never paired


_TAGS = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"<h([23])(?: [^>]*)?>", re.S)


def test_every_long_page_has_its_own_contents(built: Built) -> None:
    """A page of over 20,000 characters of text with five or more headings (h2, h3) lists them in its own
    contents (the chronicle: its bar of months), and every heading has an id to link to — the 附录 and the
    comparison pages too."""
    long = 0
    for page in html_pages(built.output):
        html = page.read_text(encoding="utf-8")
        main = html[html.find("<main"):html.find("</main>")]
        headings = _HEADING.findall(main)
        if len(_TAGS.sub("", main)) < 20_000 or len(headings) < 5:
            continue
        long += 1
        assert 'class="page-toc' in main or '<nav class="months"' in main, page
        bare = [m[0] for m in re.finditer(r"<h[23](?: [^>]*)?>", main) if " id=" not in m[0]]
        assert bare == [], page
    assert long >= 5
    compared = (built.output / "compare" / "category-fu-lu" / "index.html").read_text(encoding="utf-8")
    assert 'class="page-toc' in compared
    assert 'class="page-toc' in (built.output / "shangcheng-2022" / "fu-lu" / "index.html").read_text(encoding="utf-8")
