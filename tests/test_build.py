"""The built site on disk: every entry has a page, reachable by links, with no broken link."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_gen.config import CACHE, Config
from site_gen.site.build import build
from site_gen.site.render.templates import make_environment

from .conftest import Built, write


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang")
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(str(values[name]))


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(output: Path, link: str, page: Path | None = None) -> Path | None:
    """The file an internal link on `page` (a file under `output`) points at, or None for external
    links; a relative link resolves against the page's own address, as a browser resolves it."""
    if page is not None:
        link = urljoin("/" + page.relative_to(output).as_posix(), link)
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = output / unquote(parts.path).lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def html_pages(output: Path) -> list[Path]:
    return [p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts]


def test_every_page_declares_chinese(built: Built) -> None:
    pages = html_pages(built.output)
    assert len(pages) > 1700
    assert {parse_html(p).lang for p in pages} == {"zh-CN"}


def test_no_internal_link_is_broken(built: Built) -> None:
    """Every internal link reaches a file, and a link to `#anchor` an element with that id (tables,
    chronicle events, cross-links to documents and people)."""
    broken = []
    ids: dict[Path, set[str]] = {}
    anchors = 0
    for page in html_pages(built.output):
        for link in parse_html(page).links:
            path = target(built.output, link, page)
            if path is None:
                continue
            if not path.is_file():
                broken.append(f"{page.relative_to(built.output)} → {link}")
            elif fragment := urlsplit(link).fragment:
                anchors += 1
                if path not in ids:
                    ids[path] = parse_html(path).ids
                if unquote(fragment) not in ids[path]:
                    broken.append(f"{page.relative_to(built.output)} → {link} (no such anchor)")
    assert broken == [] and anchors > 500, anchors


def test_every_entry_page_is_reachable_from_the_home_page(built: Built) -> None:
    seen: set[Path] = set()
    todo = [built.output / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen or page.suffix != ".html" or not page.is_file():
            continue
        seen.add(page)
        todo.extend(p for link in parse_html(page).links if (p := target(built.output, link, page)) is not None)
    for book, expected in (("shangcheng-2022", 1350), ("shangcheng-2019", 108)):
        data = json.loads((built.output / "data" / f"{book}.json").read_text(encoding="utf-8"))
        urls = [e["url"] for c in data["categories"] for s in c["sections"] for e in s["entries"]
                if e["kind"] == "entry"]
        assert len(urls) == expected
        assert all(built.output / url.lstrip("/") / "index.html" in seen for url in urls)


def test_data_export_follows_the_contract(built: Built) -> None:
    data = json.loads((built.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    assert (data["id"], data["title"], data["edition"], data["covers"]) == ("shangcheng-2022", "上城年鉴（2022）",
                                                                          2022, 2021)
    entry = next(e for c in data["categories"] for s in c["sections"] for e in s["entries"]
                 if e["title"] == "“最美人墙”志愿服务")
    assert entry["page"] == "385a" and entry["authors"] == ["杨斌"]
    assert entry["text"].startswith("2021年元旦期间，由区晴雨公益服务中心") and "\n" not in entry["text"]
    assert re.fullmatch(r"sources/002_a6494003029417c0\.txt:\d+-\d+", entry["source"])
    assert re.fullmatch(r"/[a-z0-9/-]+/", entry["url"])


def test_urls_are_short_readable_ascii(built: Built) -> None:
    for page in html_pages(built.output):
        for segment in page.relative_to(built.output).parts[:-1]:
            assert re.fullmatch(r"[a-z0-9-]{1,64}", segment), segment


def test_entry_page_shows_breadcrumbs_page_and_neighbours(built: Built) -> None:
    html = (built.output / "shangcheng-2022/jie-dao/hu-bin-jie-dao/zui-mei-ren-qiang-zhi-yuan-fu-wu/index.html"
            ).read_text(encoding="utf-8")
    assert "第385页a栏" in html and '<link rel="prev"' in html and '<link rel="next"' in html
    assert '<a href="/shangcheng-2022/jie-dao/">街道</a>' in html


def test_second_build_writes_no_file(built: Built) -> None:
    again = build(built.config, search=True)
    assert (again.written, again.search_written, again.indexed) == (0, 0, None)


def test_changed_page_is_the_only_html_rewritten(built: Built, tmp_path: Path) -> None:
    """Writing only changed files: a build into a copy of the output rewrites just what differs."""
    out = tmp_path / "public"
    cfg = dataclasses.replace(built.config, output=out)
    build(cfg, search=False)
    home = out / "index.html"
    home.write_text("stale", encoding="utf-8")
    assert build(cfg, search=False).written == 1


def test_tables_render_download_and_export(built: Built) -> None:
    """A real <table> with caption, thead, row spans and right-aligned numbers; a CSV per table (UTF-8
    with BOM); a table index per yearbook; `tables` in the data export."""
    index = (built.output / "shangcheng-2022" / "tables" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<td><a href="[^"]+">(表\d+) ', index)
    assert labels == [f"表{n}" for n in range(1, 24)]
    data = json.loads((built.output / "data" / "shangcheng-2022.json").read_text(encoding="utf-8"))
    postal = next(t for t in data["tables"] if t["number"] == "11")
    assert postal["columns"] == ["序号", "类别", "网点名称", "地址"] and len(postal["rows"]) == 61
    assert postal["rows"][1][1] == "寄递网点"  # a merged cell is repeated in the data
    page, anchor = postal["url"].split("#")
    html = (built.output / unquote(urlsplit(page).path).lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<div class="table-wrap" id="{anchor}">' in html
    assert re.search(r"<caption[^>]*>表11 2021年邮政上城区分公司营业网点情况", html) and "<thead>" in html
    assert re.search(r'<td rowspan="\d+">寄递网点</td>', html) and '<td class="num">1</td>' in html
    csv = (built.output / unquote(urlsplit(page).path).lstrip("/") / f"{anchor}.csv").read_bytes()
    assert csv.startswith("\ufeff序号,类别,网点名称,地址\r\n".encode())
    assert len(csv.decode("utf-8-sig").strip().split("\r\n")) == 62


def test_templates_compiled_once_are_kept_and_an_edited_one_compiles_anew(config: Config, tmp_path: Path) -> None:
    """Jinja's compiled templates are kept in the project's cache between runs (start-up does not compile
    them again); one whose source changed is compiled from its new source."""
    project = dataclasses.replace(config, root=tmp_path)
    own = write(tmp_path / "templates" / "404.html", "<p>旧的</p>")
    assert make_environment(project).get_template("404.html").render() == "<p>旧的</p>"
    assert list((tmp_path / CACHE / "templates").iterdir())  # compiled, and kept
    own.write_text("<p>新的</p>", encoding="utf-8")
    assert make_environment(project).get_template("404.html").render() == "<p>新的</p>"
