"""A new office's first site, as it would make it: `pip install` of the project (not editable) in a fresh
virtualenv, `site-gen new` in a folder outside the repository, a small yearbook of its own (a text and a Word
manuscript), then check, import, install-search and build. The site must be the office's: its title, none of
the bundled books' wording, no link to a page that is missing or empty."""

from __future__ import annotations

import html
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import docx
import pytest
from playwright.sync_api import Browser

from site_gen.preview.serve import make_server

from .conftest import WIDTHS

pytestmark = pytest.mark.slow  # a fresh virtualenv, Pagefind from npm, a build

TITLE = "临江区年鉴"
# Names a Chinese reader sees in Latin letters on CNKI too: the citation standard and the reference managers.
PROPER_NAMES = {"GB", "RIS", "BibTeX", "EndNote", "NoteExpress", "Zotero"}
TEXT = """\
概况
区情
【位置面积】临江区位于市境东部，东临长江，总面积386平方千米，辖8个街道、3个镇。
【人口】2023年末，全区户籍人口52.6万人，常住人口68.3万人。
（区统计局　王明）
经济
工业
【工业生产】2023年，全区规模以上工业增加值312亿元，增长7.9%。新增规模以上工业企业26家。
【重点项目】全年实施重点项目120个，完成投资300亿元，其中临港产业园项目完成投资86亿元。
（陈晓东）
社会事业
教育
【学校建设】新建、改扩建中小学8所，新增学位6400个，城乡学校结对帮扶实现全覆盖。
【教育投入】全年教育经费支出32.6亿元，增长7.2%。
（李华）
大事记
1月
5日　中共临江区委召开十一届五次全体会议。
18日　临江大桥建成通车。
3月
12日　全区植树节活动在滨江公园举行。
同日　区人民医院新院区开工建设。
"""
MANUSCRIPT = [("Heading 1", "文化旅游"), ("Heading 2", "文化事业"),
              ("Normal", "【图书馆】2023年，区图书馆新增藏书5.2万册，接待读者86万人次。"),
              ("Normal", "【文化惠民】全年送戏下乡120场，举办“临江讲坛”24期。"),
              ("Normal", "（周敏）")]


def site_gen(python: str, cwd: Path, *args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """The installed `site-gen` command, run as an office runs it (from its project folder)."""
    script = Path(python).parent / "site-gen"
    environment = {key: value for key, value in os.environ.items() if key != "PAGEFIND_BINARY_PATH"}
    return subprocess.run([str(script), *args], cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**environment, "XDG_CACHE_HOME": str(cache)})


@pytest.fixture(scope="module")
def office(installed: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office's project, imported and built with its search index; its folder."""
    home = tmp_path_factory.mktemp("office")
    cache = home / "cache"
    started = site_gen(installed, home, "new", TITLE, cache=cache)
    assert started.returncode == 0, started.stderr
    project = home / TITLE
    assert sorted(p.name for p in project.iterdir()) == ["site.yaml", "sources", "说明.md"]
    (project / "sources" / "临江区年鉴.txt").write_text(TEXT, encoding="utf-8")
    manuscript = docx.Document()
    for style, text in MANUSCRIPT:
        manuscript.add_paragraph(text, style=style)
    manuscript.save(str(project / "sources" / "文化旅游.docx"))
    config = project / "site.yaml"
    unlisted = site_gen(installed, project, "check", cache=cache)
    assert unlisted.returncode == 1 and "sources/ holds 临江区年鉴.txt, 文化旅游.docx" in unlisted.stderr
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      # - 书稿.txt\n", "      - 临江区年鉴.txt\n      - 文化旅游.docx\n"), encoding="utf-8")
    for command in (["check"], ["import"], ["install-search"], ["build"]):
        result = site_gen(installed, project, *command, cache=cache)
        assert result.returncode == 0, (command, result.stderr)
        assert "warning" not in result.stderr, (command, result.stderr)
    return project


def test_the_office_sees_its_books_structure_in_check(installed: str, office: Path) -> None:
    checked = site_gen(installed, office, "check", cache=office.parent / "cache")
    first = checked.stdout.splitlines()[0]
    assert re.match(r"lin-jiang-qu-nian-jian-\d{4}: 5 categories, 4 sections, 8 entries, .* 4 credits", first), \
        checked.stdout
    outline = checked.stdout.split("  outline:\n")[1].splitlines()[:10]
    assert [line.strip() for line in outline] == ["概况", "区情: 2 entries", "经济", "工业: 2 entries", "社会事业",
                                                  "教育: 2 entries", "大事记", "文化旅游", "文化事业: 2 entries",
                                                  checked.stdout.splitlines()[-1]]
    assert re.search(r"Han characters reaching content/: (\d+)/\1 \(100\.000%\)", checked.stdout), checked.stdout


def test_the_site_is_the_offices_with_no_broken_or_empty_link(office: Path) -> None:
    public = office / "public"
    home = (public / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{TITLE}</h1>" in home and f"<title>{TITLE}</title>" in home
    assert "跨卷" not in home  # one book
    texts = {path: path.read_text(encoding="utf-8") for path in public.rglob("*")
             if path.is_file() and path.suffix in (".html", ".js", ".css", ".json", ".xml", ".txt")}
    assert not [path for path, text in texts.items() if "上城" in text or "shangcheng" in text]
    missing, empty = set(), set()
    for path, text in texts.items():
        if path.suffix != ".html":
            continue
        page = "/" + path.relative_to(public).as_posix()
        for link in re.findall(r'(?:href|src)="([^"]+)"', text):
            target = _target(public, path, html.unescape(link))
            if target is None:
                continue
            file, fragment = target
            shown = texts.get(file) if file.is_file() and file.suffix == ".html" else None
            if not file.is_file() or (fragment and shown is not None and f'id="{fragment}"' not in shown):
                missing.add((page, link))  # a missing page, or an anchor the page does not have
            elif shown is not None and not _holds_something(shown):
                empty.add((page, link))
    assert not missing and not empty, (sorted(missing)[:10], sorted(empty)[:10])
    # Its authors are its people; it has no document, defined term or other edition: no page, no link for them.
    assert {"people"} <= {p.name for p in public.iterdir()}
    assert {"documents", "glossary", "compare"}.isdisjoint(p.name for p in public.iterdir())
    assert re.findall(r'<nav class="site-nav"[^>]*>(.*?)</nav>', home) == ['<a href="/people/">人物</a>']


def test_the_entry_pages_hold_the_books_text(office: Path) -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in (office / "public").rglob("index.html"))
    for sentence in ("新增规模以上工业企业26家", "区图书馆新增藏书5.2万册", "临江大桥建成通车"):
        assert sentence in pages


def _target(public: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file an internal link names, with its anchor; None for another site or a script's data URL."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:  # `#m3`: an anchor on the page itself
        return page, unquote(parts.fragment)
    base = "/" + page.parent.relative_to(public).as_posix()
    path = unquote(parts.path) if parts.path.startswith("/") else f"{base}/{unquote(parts.path)}"
    file = public / os.path.normpath(path).lstrip("/")
    return (file / "index.html" if path.endswith("/") or file.is_dir() else file), unquote(parts.fragment)


def _holds_something(page: str) -> bool:
    """Whether a page's main part shows more than its heading: a list, a text, a link."""
    main = re.search(r"<main[^>]*>(.*?)</main>", page, re.S)
    if main is None:  # a page without the theme's layout (the search page's widget fills itself)
        return True
    body = re.sub(r"<h1[^>]*>.*?</h1>", "", main.group(1), flags=re.S)
    return bool(re.sub(r"<[^>]+>|\s", "", body)) or "<a " in body


@pytest.fixture(scope="module")
def office_served(office: Path) -> Iterator[str]:
    server = make_server(office / "public", "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_reader_sees_chinese_on_the_home_page_and_an_entry(office: Path, office_served: str, browser: Browser,
                                                            width: str, tmp_path: Path) -> None:
    """Screenshots at a desktop's and a phone's width; every word of the visible text is Chinese, but for
    addresses, the citation formats' names and what the book itself prints in Latin letters."""
    book = "".join(p.read_text(encoding="utf-8") for p in (office / "content").rglob("*.md"))
    entry = next(p for p in (office / "public").rglob("index.html") if "gong-ye-sheng-chan" in p.parent.name)
    shots = Path(os.environ.get("SITE_GEN_SCREENSHOTS", tmp_path))
    tab = browser.new_page(viewport={"width": WIDTHS[width], "height": 900})
    try:
        for name, path in (("home", "/"), ("entry", "/" + entry.parent.relative_to(office / "public").as_posix()
                                          + "/")):
            tab.goto(office_served + path)
            shot = shots / f"new-office-{name}-{width}.png"
            tab.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 10_000
            visible = re.sub(r"https?://\S+|/[\w/.-]+", " ", tab.inner_text("body"))
            latin = {word for word in re.findall(r"[A-Za-z][A-Za-z_]+", visible)
                     if word not in book and word not in PROPER_NAMES}
            assert not latin, (name, latin)
    finally:
        tab.close()
