"""The bad-input cases: each sets up a project and returns the command to run; test_bad_input.py holds
the exact lines each must print."""

from __future__ import annotations

import codecs
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from .project import BOOK, ENTRY, SOURCE, imported, make_project, run

Setup = Callable[[Path], list[str]]
GB_SOURCE = SOURCE.encode("gb18030")


def _source(data: bytes, source_yaml: str | None = None) -> Setup:
    def setup(root: Path) -> list[str]:
        make_project(root, data, source_yaml=source_yaml)
        return ["import"]
    return setup


def _config(text: str) -> Setup:
    def setup(root: Path) -> list[str]:
        make_project(root, config=text)
        return ["import"]
    return setup


BOOK_YAML = f"  - id: {BOOK}\n    title: 测试年鉴（2022）\n    edition: 2022\n    covers: 2021\n    sources: [a.txt]\n"


def built(root: Path) -> None:
    """An imported and built project: a failing build must leave this site as it is."""
    imported(root)
    result = run(root, "build", "--no-search")
    assert result.code == 0, result.err


def _page(path: str, text: str) -> Setup:
    """A built project with one content file written (or replaced) by hand, to build again."""
    def setup(root: Path) -> list[str]:
        built(root)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
        return ["build", "--no-search"]
    return setup


def _edit(path: str, old: str, new: str) -> Setup:
    """A built project with one replacement made in a file (content page or template), to build again."""
    def setup(root: Path) -> list[str]:
        built(root)
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        return ["build", "--no-search"]
    return setup


def _append(path: str, text: str) -> Setup:
    def setup(root: Path) -> list[str]:
        built(root)
        with (root / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
        return ["build", "--no-search"]
    return setup


def _bytes(path: str, data: bytes) -> Setup:
    def setup(root: Path) -> list[str]:
        built(root)
        (root / path).write_bytes(data)
        return ["build", "--no-search"]
    return setup


def _odd_source(make: Callable[[Path], None]) -> Setup:
    """A project whose source a.txt is no regular file, made so by `make`."""
    def setup(root: Path) -> list[str]:
        make_project(root, None)
        make(root / "sources" / "a.txt")
        return ["import"]
    return setup


def _odd_page(path: str, make: Callable[[Path], None]) -> Setup:
    """A built project with a content file that is no regular file, made so by `make`."""
    def setup(root: Path) -> list[str]:
        built(root)
        make(root / path)
        return ["build", "--no-search"]
    return setup


def _without_content(keep_folder: bool, sources: bool = True) -> Setup:
    """content/ removed (or emptied): a build imports the sources again, or says why it cannot."""
    def setup(root: Path) -> list[str]:
        built(root)
        shutil.rmtree(root / "content")
        if keep_folder:
            (root / "content").mkdir()
        if not sources:
            shutil.rmtree(root / "sources")
        return ["build", "--no-search"]
    return setup


FRONT = "---\ntitle: 手写页面\nkind: entry\n---\n\n"
NEW = f"content/{BOOK}/wen-hua/shou-xie.md"  # a page an editor adds by hand

# name → how to set the case up (test_bad_input.py holds what each must print)
CASES: dict[str, Setup] = {
    # encodings: what decodes is imported, what does not is named with its byte offset
    "utf8-bom": _source(codecs.BOM_UTF8 + SOURCE.encode()),
    "utf16-le-bom": _source(SOURCE.encode("utf-16")),
    "utf16-be-bom": _source(codecs.BOM_UTF16_BE + SOURCE.encode("utf-16-be")),
    "utf32-bom": _source(SOURCE.encode("utf-32")),
    "gb18030-detected": _source(GB_SOURCE),
    "gbk-declared": _source(SOURCE.encode("gbk"), "{file: a.txt, encoding: gbk}"),
    "utf16-declared-without-bom": _source(SOURCE.encode("utf-16-le"), "{file: a.txt, encoding: utf-16-le}"),
    "crlf-line-ends": _source(SOURCE.replace("\n", "\r\n").encode()),
    "undecodable-bytes": _source(SOURCE.encode()[:40] + b"\xff\xfe\xfa\x80\x81 abc\n"),
    "gb-declared-as-utf8": _source(GB_SOURCE, "{file: a.txt, encoding: utf-8}"),
    "utf8-declared-as-gbk": _source("【概况】 龘".encode() + b"\x80\n", "{file: a.txt, encoding: gbk}"),
    "unknown-encoding": _source(SOURCE.encode(), "{file: a.txt, encoding: klingon}"),
    "bytes-codec-as-encoding": _source(SOURCE.encode(), "{file: a.txt, encoding: hex}"),
    "text-codec-as-encoding": _source(SOURCE.encode(), "{file: a.txt, encoding: rot13}"),
    "host-name-codec-as-encoding": _source(SOURCE.encode(), "{file: a.txt, encoding: idna}"),
    "utf7-declared": _source("【概况】 +ZeVnLA-\n".encode() + b"+\xff-\n", "{file: a.txt, encoding: utf-7}"),
    # odd sources
    "empty-source": _source(b""),
    "blank-source": _source(b" \n\r\n\t\n"),
    "bom-only-source": _source(codecs.BOM_UTF16_LE),
    "binary-source": _source(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50),
    "pdf-source": _source(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    "docx-source": _source(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40),
    "doc-source": _source(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40),
    "huge-source": _source(("区委全会工作推进。" * 10 + "\n").encode() * 193_500),  # 50.0 MB
    "missing-source": _source(b"x", "b.txt"),
    "source-a-folder": _odd_source(lambda path: path.mkdir()),
    "source-a-fifo": _odd_source(lambda path: os.mkfifo(path)),
    "source-a-dangling-link": _odd_source(lambda path: path.symlink_to("gone.txt")),
    # site.yaml
    "config-unknown-key": _config("site:\n  title: t\n  titel: t\nyearbooks:\n" + BOOK_YAML),
    "config-not-a-mapping": _config("- a\n- b\n"),
    "config-bad-yaml": _config("site:\n  title: [t\nyearbooks: []\n"),
    "config-empty": _config(""),
    "config-bad-id": _config("site:\n  title: t\nyearbooks:\n" + BOOK_YAML.replace(BOOK, "Test 2022")),
    "config-duplicate-id": _config("site:\n  title: t\nyearbooks:\n" + BOOK_YAML + BOOK_YAML),
    "config-bad-year": _config("site:\n  title: t\nyearbooks:\n"
                                + BOOK_YAML.replace("edition: 2022", "edition: 二〇二二")),
    "config-bad-format": _config("site:\n  title: t\nyearbooks:\n"
                                  + BOOK_YAML.replace("[a.txt]", "[{file: a.txt, format: pdf}]")),
    "config-bad-category-level": _config("site:\n  title: t\nyearbooks:\n"
                                         + BOOK_YAML.replace("[a.txt]", "[{file: a.txt, category_level: 7}]")),
    "config-output-over-content": _config("site:\n  title: t\n  output: content\nyearbooks:\n" + BOOK_YAML),
    "config-output-over-backups": _config("site:\n  title: t\n  output: backups/site\nyearbooks:\n" + BOOK_YAML),
    "config-source-listed-twice": _config("site:\n  title: t\nyearbooks:\n"
                                          + BOOK_YAML.replace("[a.txt]", "[a.txt, a.txt]")),
    "config-id-of-a-site-folder": _config("site:\n  title: t\nyearbooks:\n" + BOOK_YAML.replace(BOOK, "search")),
    "config-id-of-the-search-index": _config("site:\n  title: t\nyearbooks:\n"
                                             + BOOK_YAML.replace(BOOK, "pagefind")),
    "config-output-null": _config("site:\n  title: t\n  output: ~\nyearbooks:\n" + BOOK_YAML),
    "config-title-null": _config("site:\n  title: null\nyearbooks:\n" + BOOK_YAML),
    "config-two-books-without-id": _config("site:\n  title: t\nyearbooks:\n"
                                           + 2 * BOOK_YAML.replace(f"  - id: {BOOK}\n    title", "  - title")),
    # content/: front matter
    "no-front-matter": _page(NEW, "只有正文，没有前言。\n"),
    "front-matter-not-closed": _page(NEW, "---\ntitle: 手写页面\nkind: entry\n\n正文。\n"),
    "front-matter-bad-yaml": _page(NEW, "---\ntitle: [手写页面\nkind: entry\n---\n正文。\n"),
    "front-matter-bad-indent": _page(NEW, "---\ntitle: 手写页面\n  kind: entry\n---\n正文。\n"),
    "front-matter-a-list": _page(NEW, "---\n- title\n- kind\n---\n正文。\n"),
    "front-matter-no-title": _page(NEW, "---\nkind: entry\n---\n正文。\n"),
    "front-matter-empty-title": _page(NEW, "---\nkind: entry\ntitle: ''\n---\n正文。\n"),
    "front-matter-no-kind": _page(NEW, "---\ntitle: 手写页面\n---\n正文。\n"),
    "unknown-kind": _edit(ENTRY, "kind: entry", "kind: entyr"),
    "unknown-kind-far": _edit(ENTRY, "kind: entry", "kind: 条目"),
    "page-not-utf8": _bytes(NEW, FRONT.encode() + "正文".encode("gb18030") + b"\n"),
    "page-bom-and-crlf": _bytes(NEW, codecs.BOM_UTF8 + (FRONT + "正文。\n").replace("\n", "\r\n").encode()),
    "page-outside-any-yearbook": _page("content/孤儿页面.md", FRONT + "正文。\n"),
    "page-without-parent": _page(f"content/{BOOK}/wen-hua/no-index/shou-xie.md", FRONT + "正文。\n"),
    "no-content-folder": _without_content(keep_folder=False),
    "empty-content-folder": _without_content(keep_folder=True),
    "no-content-nor-sources": _without_content(keep_folder=False, sources=False),
    # content/: each value the site reads, of the wrong type (front_matter.KEYS), and what is accepted
    "authors-a-number": _edit(ENTRY, "authors:\n- 何杭", "authors: 5"),
    "authors-one-name-as-text": _edit(ENTRY, "authors:\n- 何杭", "authors: 干静"),
    "authors-a-mapping": _edit(ENTRY, "authors:\n- 何杭", "authors: {name: 何杭}"),
    "weight-as-text": _edit(ENTRY, "weight: 1", "weight: 一"),
    "title-a-list": _edit(ENTRY, "title: 概况", "title: [概况, 综述]"),
    "page-a-list": _edit(ENTRY, "page: null", "page: [12, 13]"),
    "edition-not-a-year": _edit(f"content/{BOOK}/_index.md", "edition: 2022", "edition: 二〇二二"),
    "covers-as-text-year": _edit(f"content/{BOOK}/_index.md", "covers: 2021", "covers: '2021'"),
    "sources-as-text": _edit(f"content/{BOOK}/_index.md", "sources:\n- sources/a.txt", "sources: sources/a.txt"),
    "person-as-text": _edit(ENTRY, "page: null", "page: null\nperson: 何杭"),
    "chronicle-as-text": _edit(f"content/{BOOK}/wen-hua/_index.md", "kind: category", "kind: category\nchronicle: 是"),
    "several-wrong-values": _edit(ENTRY, "weight: 1\ncategory: 文化\nsection: 综述\nauthors:\n- 何杭",
                                  "weight: 一\ncategory: 文化\nsection: 综述\nauthors: 5"),
    "front-matter-alias-bomb": _page(NEW, "---\ntitle: 手写页面\nkind: entry\na: &a [x, x, x, x, x, x, x, x, x]\n"
                                          + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in
                                                    zip("abcdefgh", "bcdefghi", strict=True)) + "---\n正文。\n"),
    "date-of-no-month": _edit(ENTRY, "title: 概况", "title: 概况\ndate: 2021-13-01"),
    "date-of-no-day": _edit(ENTRY, "title: 概况", "title: 概况\ndate: 2021-02-30"),
    "date-in-a-list": _edit(ENTRY, "title: 概况", "title: 概况\ndates: [2021-01-01, 2021-02-29]"),
    "title-twice": _edit(ENTRY, "title: 概况", "title: 概况\ntitle: 综述"),
    "page-named-a-dot": _page(f"content/{BOOK}/wen-hua/zong-shu/..md", FRONT + "正文。\n"),
    "page-named-two-dots": _page(f"content/{BOOK}/...md", FRONT + "正文。\n"),
    "page-named-with-a-hash": _page(f"content/{BOOK}/wen-hua/a#b.md", FRONT + "正文。\n"),
    "page-at-the-tables-list": _page(f"content/{BOOK}/tables/_index.md", "---\ntitle: 表\nkind: category\n---\n"),
    "book-at-the-search-page": _page("content/search/_index.md", "---\ntitle: 搜\nkind: yearbook\n---\n"),
    "book-at-the-search-index": _page("content/pagefind/_index.md", "---\ntitle: 搜\nkind: yearbook\n---\n"),
    "page-a-fifo": _odd_page(f"content/{BOOK}/wen-hua/x.md", os.mkfifo),
    "two-pages-one-url": _page(f"content/{BOOK}/wen-hua/zong-shu/gai-kuang/_index.md",
                                "---\ntitle: 同名\nkind: section\n---\n"),
    # content/: links
    "link-to-missing-page": _append(ENTRY, "\n见[非遗](/test-2022/wen-hua/fei-wu-zhi-wen-hua-yi-chan/"
                                           "fei-yi-bao-hu-gong-zou/)。\n"),
    "relative-link-to-missing-page": _append(ENTRY, "\n见[综述](../zong-shuu/)。\n"),
    "image-missing": _append(ENTRY, "\n![照片](/images/photo.jpg)\n"),
    "links-that-are-fine": _append(ENTRY, "\n[综述](../) [首页](/) [外站](https://example.org/x) [本页](#main) "
                                    "[人物](/people/)\n"),
    # templates
    "template-undefined-variable": _edit("templates/base.html", "{{ site.title }}", "{{ sitee.title }}"),
    "template-missing-attribute": _edit("templates/entry.html", "{{ page.title }}", "{{ page.titel }}"),
    "template-syntax-error": _edit("templates/entry.html", "{% endblock %}", "{% endblok %}"),
    "template-extends-missing": _edit("templates/entry.html", '"base.html"', '"bsae.html"'),
}
