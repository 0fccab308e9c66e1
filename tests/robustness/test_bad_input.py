"""The robustness suite: each bad input of cases.py, run as a user runs it, must print exactly its
diagnostic (file:line:col: error: …), exit 1 without a traceback, and leave content/ (for an import) or
the output folder (for a build) exactly as they were. The good inputs beside them must go through."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.site.write.stage import stage_path

from .cases import CASES
from .project import ENTRY, run, snapshot

EXPECTED: dict[str, list[str]] = {
    'utf8-bom': [],
    'utf16-le-bom': [],
    'utf16-be-bom': [],
    'utf32-bom': [],
    'gb18030-detected': [],
    'gbk-declared': [],
    'utf16-declared-without-bom': [],
    'crlf-line-ends': [],
    'undecodable-bytes': [
        'sources/a.txt:5: error: not valid UTF-8 at byte offset 40; declare the encoding in site.yaml (en'
        'coding: …)',
    ],
    'gb-declared-as-utf8': [
        'sources/a.txt:1: error: not valid utf-8 at byte offset 1',
    ],
    'utf8-declared-as-gbk': [
        'sources/a.txt:1: error: not valid gbk at byte offset 4',
    ],
    'unknown-encoding': [
        "site.yaml:9:33: error: unknown encoding 'klingon'",
    ],
    'bytes-codec-as-encoding': [
        "site.yaml:9:33: error: 'hex' is not an encoding of texts (e.g. utf-8, gb18030, gbk, big5)",
    ],
    'text-codec-as-encoding': [
        "site.yaml:9:33: error: 'rot13' is not an encoding of texts (e.g. utf-8, gb18030, gbk, big5)",
    ],
    'host-name-codec-as-encoding': [
        "site.yaml:9:33: error: 'idna' is not an encoding of texts (e.g. utf-8, gb18030, gbk, big5)",
    ],
    'utf7-declared': [
        "sources/a.txt:1: error: not valid utf-7 at byte offset 0",
    ],
    'empty-source': [
        'sources/a.txt:1: error: source text is empty',
    ],
    'blank-source': [
        'sources/a.txt:1: error: source text is empty',
    ],
    'bom-only-source': [
        'sources/a.txt:1: error: source text is empty',
    ],
    'binary-source': [
        'sources/a.txt:1: error: source is a binary file, not text',
    ],
    'pdf-source': [
        'sources/a.txt:1: error: cannot read the PDF: Failed to load document (PDFium: Data format error) (is the'
        ' file damaged or cut short?)',
    ],
    'docx-source': [
        'sources/a.txt:1: error: source is a ZIP archive but no Word document (an .xlsx?): save it as text or .docx f'
        'irst',
    ],
    'doc-source': [
        'sources/a.txt:1: error: source is an Office document (.doc or .xls): save it as plain text first',
    ],
    'huge-source': [
        'sources/a.txt: error: source is 50.0 MB, more than the 32 MB a yearbook text can be: is it the right file?',
    ],
    'missing-source': [
        "site.yaml:9:9: error: source file not found: sources/b.txt (did you mean 'a.txt'?)",
    ],
    'source-a-folder': [
        'site.yaml:9:9: error: sources/a.txt is a folder, not a text file',
    ],
    'source-a-fifo': [
        'site.yaml:9:9: error: sources/a.txt is a named pipe (FIFO), not a text file',
    ],
    'source-a-dangling-link': [
        "site.yaml:9:9: error: sources/a.txt is a symbolic link to 'gone.txt', which does not exist",
    ],
    'config-unknown-key': [
        "site.yaml:3:3: error: unknown key 'titel' in 'site' (did you mean 'title'?)",
    ],
    'config-not-a-mapping': [
        'site.yaml:1:1: error: the config must be a mapping',
        "site.yaml:1:1: error: missing required key 'site'",
        "site.yaml:1:1: error: missing required key 'title'",
        "site.yaml:1:1: error: 'yearbooks' must be a non-empty list",
    ],
    'config-bad-yaml': [
        "site.yaml:3: error: invalid YAML: expected ',' or ']', but got ':'",
    ],
    'config-empty': [
        'site.yaml:1: error: config file is empty',
    ],
    'config-bad-id': [
        "site.yaml:4:9: error: yearbook id 'Test 2022' must be lower-case ASCII letters, digits, '-'",
    ],
    'config-duplicate-id': [
        "site.yaml:9:9: error: duplicate yearbook id 'test-2022'",
    ],
    'config-bad-year': [
        "site.yaml:6:14: error: 'edition' must be a four-digit year, not '二〇二二'",
    ],
    'config-bad-format': [
        "site.yaml:8:37: error: unknown format 'pdf'",
    ],
    'config-bad-category-level': [
        "site.yaml:8:45: error: 'category_level' must be a heading level from 1 to 6, not '7'",
    ],
    'config-output-over-content': [
        "site.yaml:3:11: error: output folder 'content' would overwrite the project's own files",
    ],
    'config-output-over-backups': [
        "site.yaml:3:11: error: output folder 'backups/site' would overwrite the project's own files",
    ],
    'config-source-listed-twice': [
        "site.yaml:8:22: error: sources/a.txt is listed twice in this yearbook (first on line 8) (list each file once)",
    ],
    'config-id-of-a-site-folder': [
        "site.yaml:4:9: error: yearbook id 'search' is the name of the site's own folder /search/ (choose another id,"
        " e.g. the place and year: shangcheng-2022)",
    ],
    'config-id-of-the-search-index': [
        "site.yaml:4:9: error: yearbook id 'pagefind' is the name of the site's own folder /pagefind/ (choose another"
        " id, e.g. the place and year: shangcheng-2022)",
    ],
    'config-output-null': [
        "site.yaml:3:11: error: 'output' has no value: '~' means nothing in YAML (leave the key out for its default)",
    ],
    'config-title-null': [
        "site.yaml:2:10: error: 'title' has no value: 'null' means nothing in YAML",
    ],
    'config-two-books-without-id': [
        "site.yaml:4:5: error: missing required key 'id'",
        "site.yaml:8:5: error: missing required key 'id'",
    ],
    'no-front-matter': [
        'content/test-2022/wen-hua/shou-xie.md:1: error: missing front matter: the file must start with a'
        " '---' line",
    ],
    'front-matter-not-closed': [
        "content/test-2022/wen-hua/shou-xie.md:1: error: front matter is not closed by a '---' line",
    ],
    'front-matter-bad-yaml': [
        "content/test-2022/wen-hua/shou-xie.md:3:5: error: invalid front matter: did not find expected ',"
        "' or ']'",
    ],
    'front-matter-bad-indent': [
        'content/test-2022/wen-hua/shou-xie.md:3:7: error: invalid front matter: mapping values are not a'
        'llowed in this context',
    ],
    'front-matter-a-list': [
        'content/test-2022/wen-hua/shou-xie.md:2: error: front matter must be a mapping of keys to values',
    ],
    'front-matter-no-title': [
        "content/test-2022/wen-hua/shou-xie.md:2: error: front matter needs a non-empty 'title'",
    ],
    'front-matter-empty-title': [
        "content/test-2022/wen-hua/shou-xie.md:3: error: front matter needs a non-empty 'title'",
    ],
    'front-matter-no-kind': [
        "content/test-2022/wen-hua/shou-xie.md:2: error: front matter needs a non-empty 'kind'",
    ],
    'unknown-kind': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3: error: unknown kind 'entyr' (did you mean 'en"
        "try'?)",
    ],
    'unknown-kind-far': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3: error: unknown kind '条目' (one of: yearbook, c"
        'ategory, section, entry, document, person, table, list, page, index)',
    ],
    'page-not-utf8': [
        'content/test-2022/wen-hua/shou-xie.md:6: error: not valid UTF-8 at byte offset 41 (save the file'
        ' as UTF-8)',
    ],
    'page-bom-and-crlf': [],
    'page-outside-any-yearbook': [
        "content/孤儿页面.md:3: error: page outside any yearbook: a yearbook's pages are in its folder, conten"
        "t/<id>/, beside its _index.md (kind: yearbook)",
    ],
    'page-without-parent': [
        'content/test-2022/wen-hua/no-index/shou-xie.md: error: page without a parent: content/test-2022/w'
        'en-hua/no-index/_index.md is missing (add it, or move the page into a folder that has one)',
    ],
    'no-content-folder': [],  # the build imports the sources first
    'empty-content-folder': [],
    'no-content-nor-sources': [
        'site.yaml:9:9: error: source file not found: sources/a.txt',
    ],
    'authors-a-number': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:9:10: error: 'authors' must be a list of names, "
        'not the number 5',
    ],
    'authors-one-name-as-text': [],
    'authors-a-mapping': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:9:10: error: 'authors' must be a list of names, "
        'not a mapping',
    ],
    'weight-as-text': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:6:9: error: 'weight' must be a whole number, not"
        " '一'",
    ],
    'title-a-list': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:2:8: error: 'title' must be text, not a list",
    ],
    'page-a-list': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:11:7: error: 'page' must be a printed page numbe"
        'r, not a list',
    ],
    'edition-not-a-year': [
        "content/test-2022/_index.md:7:10: error: 'edition' must be a four-digit year, not '二〇二二'",
    ],
    'covers-as-text-year': [],
    'sources-as-text': [
        "content/test-2022/_index.md:9:10: error: 'sources' must be a list of files, not 'sources/a.txt'",
    ],
    'person-as-text': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:12:9: error: 'person' must be a mapping of name,"
        " gender, born, affiliation, not '何杭'",
    ],
    'chronicle-as-text': [
        "content/test-2022/wen-hua/_index.md:4:12: error: 'chronicle' must be true or false, not '是'",
    ],
    'several-wrong-values': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:6:9: error: 'weight' must be a whole number, not"
        " '一'",
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:9:10: error: 'authors' must be a list of names, "
        'not the number 5',
    ],
    'front-matter-alias-bomb': [
        "content/test-2022/wen-hua/shou-xie.md:5:8: error: YAML alias '*a' in front matter: write the val"
        'ue out',
    ],
    'date-of-no-month': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3:7: error: invalid front matter: '2021-13-01' is no date "
        "(month must be in 1..12) (put it in quotes to keep it as text)",
    ],
    'date-of-no-day': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3:7: error: invalid front matter: '2021-02-30' is no date "
        "(day is out of range for month) (put it in quotes to keep it as text)",
    ],
    'date-in-a-list': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3:21: error: invalid front matter: '2021-02-29' is no date "
        "(day is out of range for month) (put it in quotes to keep it as text)",
    ],
    'title-twice': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:3:1: error: 'title' is given twice in the front matter "
        "(first on line 2) (keep one of them)",
    ],
    'page-named-a-dot': [
        "content/test-2022/wen-hua/zong-shu/..md: error: '.' cannot name a page: its URL would be its folder's or its"
        " parent's (rename it with letters or digits, e.g. page.md)",
    ],
    'page-named-two-dots': [
        "content/test-2022/...md: error: '..' cannot name a page: its URL would be its folder's or its parent's "
        "(rename it with letters or digits, e.g. page.md)",
    ],
    'page-named-with-a-hash': [
        "content/test-2022/wen-hua/a#b.md: error: the name 'a#b' holds '#', which cannot stand in a page's URL "
        "(rename it with letters, digits and '-')",
    ],
    'page-at-the-tables-list': [
        "content/test-2022/tables/_index.md: error: two files at the URL /test-2022/tables/: this page and the list "
        "of tables of 测试年鉴（2022） (rename the file or its folder)",
    ],
    'book-at-the-search-page': [
        "content/search/_index.md: error: two files at the URL /search/: this page and the site's search page "
        "(rename the file or its folder)",
    ],
    'book-at-the-search-index': [
        "content/pagefind/_index.md: error: two files at the URL /pagefind/: this page and the search index "
        "(/pagefind/) (rename the file or its folder)",
    ],
    'page-a-fifo': [
        "content/test-2022/wen-hua/x.md: error: a named pipe (FIFO), not a file (remove it or rename it)",
    ],
    'two-pages-one-url': [
        'content/test-2022/wen-hua/zong-shu/gai-kuang.md: error: two pages have the URL /test-2022/wen-hu'
        'a/zong-shu/gai-kuang/ (the other is content/test-2022/wen-hua/zong-shu/gai-kuang/_index.md)',
    ],
    'link-to-missing-page': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:17:7: error: link to a missing page "
        "'/test-2022/wen-hua/fei-wu-zhi-wen-hua-yi-chan/fei-yi-bao-hu-gong-zou/' "
        "(did you mean '/test-2022/wen-hua/fei-wu-zhi-wen-hua-yi-chan/fei-yi-bao-hu-gong-zuo/'?)",
    ],
    'relative-link-to-missing-page': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:17:7: error: link to a missing page '../zong-shuu/' "
        '(resolves to /test-2022/wen-hua/zong-shu/zong-shuu/)',
    ],
    'image-missing': [
        "content/test-2022/wen-hua/zong-shu/gai-kuang.md:17:7: error: image not found: '/images/photo.jpg"
        "'",
    ],
    'links-that-are-fine': [],
    'template-undefined-variable': [
        "templates/base.html:8: error: 'sitee' is undefined (while rendering content/test-2022/wen-hua/_i"
        "ndex.md) (did you mean 'site'?)",
    ],
    'template-missing-attribute': [
        "templates/entry.html:8: error: 'PageView object' has no attribute 'titel' (while rendering"
        " content/test-2022/wen-hua/zong-shu/gai-kuang.md) (did you mean 'title'?)",
    ],
    'template-syntax-error': [
        "templates/entry.html:5: error: template syntax error: Encountered unknown tag 'endblok'. Jinja w"
        "as looking for the following tags: 'endblock'. The innermost block that needs to be closed is 'b"
        "lock'.",
    ],
    'template-extends-missing': [
        "templates/entry.html:1: error: template 'bsae.html' not found (while rendering content/test-2022"
        "/wen-hua/zong-shu/gai-kuang.md) (did you mean 'base.html'?)",
    ],
}


def test_every_case_has_its_diagnostic() -> None:
    assert list(CASES) == list(EXPECTED) and len([n for n, lines in EXPECTED.items() if lines]) >= 60


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_its_exact_diagnostic_and_changes_nothing(name: str, tmp_path: Path) -> None:
    command = CASES[name](tmp_path)
    kept = tmp_path / ("content" if command[0] == "import" else "public")
    before = snapshot(kept)
    result = run(tmp_path, *command)
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert result.lines == EXPECTED[name]
    if EXPECTED[name]:
        assert result.code == 1
        assert snapshot(kept) == before
        assert not stage_path(tmp_path / "public").exists()
    else:
        assert result.code == 0, result.err
        if command[0] == "import":
            assert "2021年，区文化工作稳步推进。" in (tmp_path / ENTRY).read_text(encoding="utf-8")
