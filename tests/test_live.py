"""The preview while editing: a copy of the project, served over real HTTP, watched with watchdog.
Each test saves real files and waits for what a browser would see (the event stream, the page)."""

from __future__ import annotations

import dataclasses
import filecmp
import http.client
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from site_gen.config import load_config
from site_gen.preview.serve import LiveState, make_server
from site_gen.site.build import build
from site_gen.theme import THEME_DIR

from .preview import ENTRY, ENTRY_URL, ROOT, SOURCE, TIMEOUT, Preview, copy_project, override
from .preview import preview as start_preview

HAND_EDITED = ENTRY.replace("qi-ye-xin-yong-jian-she", "biao-zhun-hua-zhan-lve-tui-jin")  # a sibling entry


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = copy_project(tmp_path_factory.mktemp("project"))
    for name in ("glossary.html", "toc.html"):  # the templates the tests edit: an office's own copies
        override(root, name)
    with start_preview(root) as running:
        yield running


@pytest.fixture(autouse=True)
def _at_rest_after(request: pytest.FixtureRequest) -> Iterator[None]:
    """The module's preview at rest after each test, so the next test's save is not answered by this one's
    last rebuild."""
    yield
    if "preview" in request.fixturenames:
        request.getfixturevalue("preview").quiet()


def test_an_entry_edit_changes_the_served_page_and_signals_it(preview: Preview) -> None:
    state = preview.edit(ENTRY, "7家企业入选", "7家企业（预览测试）入选")
    assert ENTRY_URL in state["changed"] and state["error"] is None
    assert "7家企业（预览测试）入选" in preview.get(ENTRY_URL)
    result = preview.results[-1]
    assert not result.full and result.rendered <= 10, result.summary()  # not the site's 3264 files


def test_an_editors_save_is_one_rebuild_and_its_temporary_files_are_ignored(preview: Preview) -> None:
    """An atomic save as editors do it: a swap file, a backup, vim's probe file, a temporary file renamed
    over the page; all within a few milliseconds."""
    folder = (preview.root / ENTRY).parent
    name = (preview.root / ENTRY).name
    before, version = len(preview.results), preview.live.version
    (folder / f".{name}.swp").write_bytes(b"swap")
    (folder / "4913").write_bytes(b"")
    (folder / "4913").unlink()
    (folder / f"{name}~").write_text(preview.read(ENTRY), encoding="utf-8")
    (folder / f".{name}.tmp").write_text(preview.read(ENTRY).replace("继续公示5家", "继续公示5家（原子保存）"),
                                         encoding="utf-8")
    os.replace(folder / f".{name}.tmp", preview.root / ENTRY)
    preview.wait_version(version)
    time.sleep(0.5)  # any second rebuild would be in by now
    assert [r.why for r in preview.results[before:]] == [ENTRY]
    assert "继续公示5家（原子保存）" in preview.get(ENTRY_URL)


def test_a_name_added_to_an_entry_moves_the_backlinks(preview: Preview) -> None:
    state = preview.edit(ENTRY, "开展列入严重违法失信企业", "肖立沣强调，开展列入严重违法失信企业")
    assert {ENTRY_URL, "/people/xiao-li-feng/"} <= set(state["changed"])
    assert ENTRY_URL in preview.get("/people/xiao-li-feng/")
    assert 'href="/people/xiao-li-feng/"' in preview.get(ENTRY_URL)


def test_a_template_edit_renders_only_the_pages_that_use_it(preview: Preview) -> None:
    heading = "<h1>名词解释与简称</h1>"
    state = preview.edit("templates/glossary.html", heading, heading + "<p>术语表模板已修改</p>")
    assert preview.results[-1].rendered == 1 and state["changed"] == ["/glossary/"]
    assert "术语表模板已修改" in preview.get("/glossary/")

    preview.edit("templates/toc.html", '<ul class="toc">', '<ul class="toc" data-edited="1">')
    listing_pages = len(list((preview.root / "content").rglob("_index.md")))  # yearbooks, categories, sections
    assert preview.results[-1].rendered == listing_pages
    assert 'data-edited="1"' in preview.get("/shangcheng-2022/")


def test_a_theme_file_overridden_while_serving_takes_over_and_removing_it_restores_the_theme(
        preview: Preview) -> None:
    """A file added to templates/ replaces the theme's of that name at once; removed, the theme's is back."""
    own, style = preview.root / "templates" / "404.html", preview.root / "templates" / "assets" / "style.css"
    theme_style = (THEME_DIR / "assets" / "style.css").read_text(encoding="utf-8")
    version = preview.live.version
    own.write_text((THEME_DIR / "404.html").read_text(encoding="utf-8").replace("</h1>", "</h1><p>本站自定义</p>", 1),
                   encoding="utf-8")
    preview.wait_version(version)
    assert "本站自定义" in preview.read("public/404.html")
    style.parent.mkdir(exist_ok=True)
    style.write_text("body { color: #123456; }\n", encoding="utf-8")
    assert _until(lambda: preview.get("/assets/style.css") == "body { color: #123456; }\n")
    own.unlink()
    style.unlink()
    assert _until(lambda: "本站自定义" not in preview.read("public/404.html")
                  and preview.get("/assets/style.css") == theme_style)


def _until(holds: Callable[[], bool]) -> bool:
    """Whether `holds` becomes true within the preview's timeout (a change may take more than one rebuild)."""
    deadline = time.monotonic() + TIMEOUT
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_rebuild_rewrites_pages_in_place_and_the_server_waits_for_the_writer(preview: Preview) -> None:
    """Pages keep their inodes (no temporary file, none deleted: on ext4 without a journal every
    deletion slows the next minute's file creation); a request that comes while the builder writes
    gets the page once it is written, never half of it."""
    page = preview.root / "public" / ENTRY_URL.strip("/") / "index.html"
    inode = page.stat().st_ino
    preview.edit(ENTRY, "企业创建，", "企业创建（原地写入），")
    assert page.stat().st_ino == inode and "企业创建（原地写入）" in page.read_text(encoding="utf-8")
    assert not list(page.parent.glob(".*.tmp"))

    answers: list[str] = []
    with preview.builder.writing:  # as while a rebuild writes
        reader = threading.Thread(target=lambda: answers.append(preview.get(ENTRY_URL)))
        reader.start()
        reader.join(0.5)
        assert reader.is_alive() and not answers  # waiting for the writer
    reader.join(TIMEOUT)
    assert answers and "企业创建（原地写入）" in answers[0]


def test_a_broken_page_shows_the_error_and_a_fix_recovers(preview: Preview) -> None:
    good = preview.read(ENTRY)
    version = preview.live.version
    preview.save(ENTRY, good.replace("kind: entry", "kind: entry: x", 1))
    state = preview.wait_version(version)
    assert state["error"] and state["error"][0].startswith(f"{ENTRY}:3:"), state
    assert "invalid front matter" in state["error"][0]
    assert "7家企业" in preview.get(ENTRY_URL)  # the last good page is still served
    version = preview.live.version
    preview.save(ENTRY, good.replace("企业信用", "企业信用（已修正）", 1))
    state = preview.wait_version(version)
    assert state["error"] is None and state["all"]  # pages showing the error reload
    assert "企业信用（已修正）" in preview.get(ENTRY_URL)


def test_a_link_to_a_missing_page_is_the_same_error_as_in_a_build(preview: Preview) -> None:
    good = preview.read(ENTRY)
    version = preview.live.version
    preview.save(ENTRY, good + "\n见[另一条](../mei-you-zhe-tiao/)。\n")
    state = preview.wait_version(version)
    line = len(good.split("\n")) + 1
    assert state["error"] == [f"{ENTRY}:{line}:8: error: link to a missing page '../mei-you-zhe-tiao/' "
                              f"(resolves to {ENTRY_URL.rsplit('/', 2)[0]}/mei-you-zhe-tiao/)"], state
    version = preview.live.version
    preview.save(ENTRY, good)
    assert preview.wait_version(version)["error"] is None


def test_a_template_error_names_the_template_and_line(preview: Preview) -> None:
    good = preview.read("templates/glossary.html")
    version = preview.live.version
    preview.save("templates/glossary.html", good + "\n{% if %}\n")
    state = preview.wait_version(version)
    line = len(good.splitlines()) + 2
    assert state["error"] and state["error"][0].startswith(f"templates/glossary.html:{line}:"), state
    version = preview.live.version
    preview.save("templates/glossary.html", good)
    assert preview.wait_version(version)["error"] is None


def test_a_source_text_edit_reimports_its_yearbook_keeping_hand_edits(preview: Preview) -> None:
    version = preview.live.version
    preview.save(ENTRY, (ROOT / ENTRY).read_text(encoding="utf-8"))  # as imported: not hand-edited
    preview.wait_version(version)
    preview.edit(HAND_EDITED, "2021年", "2021年（编辑改）")
    version = preview.live.version
    preview.edit(SOURCE, "范企业申报工作，7家企业", "范企业申报工作，9家企业")
    deadline = time.monotonic() + TIMEOUT
    while "9家企业入选" not in preview.get(ENTRY_URL):
        assert time.monotonic() < deadline, "the re-imported text never reached the page"
        preview.wait_version(version)
        version = preview.live.version
    assert "9家企业入选" in preview.read(ENTRY)
    assert "2021年（编辑改）" in preview.read(HAND_EDITED)  # the re-import kept the editor's page


def test_a_templates_folder_made_while_serving_is_watched(tmp_path: Path) -> None:
    """An office serves first and makes templates/ later (its first override): no restart needed."""
    root = copy_project(tmp_path / "project")
    shutil.rmtree(root / "templates")
    with start_preview(root) as running:
        made = tmp_path / "made"  # written aside, then moved into the project whole, as a file manager does
        made.mkdir()
        (made / "404.html").write_text((THEME_DIR / "404.html").read_text(encoding="utf-8").replace(
            "</h1>", "</h1><p>本站自定义</p>", 1), encoding="utf-8")
        made.rename(root / "templates")
        assert _until(lambda: "本站自定义" in running.read("public/404.html"))
        (root / "templates" / "404.html").write_text("{% extends \"base.html\" %}{% block main %}<h1>改过</h1>"
                                                     "{% endblock %}", encoding="utf-8")
        assert _until(lambda: "<h1>改过</h1>" in running.read("public/404.html"))


def test_an_import_run_while_the_preview_reimports_waits_its_turn(tmp_path: Path) -> None:
    """`site-gen import` in a terminal while the preview re-imports the same yearbook: the two take turns
    (lock.py), neither fails, and the page ends up with the edit."""
    with start_preview(copy_project(tmp_path)) as running:
        version = running.live.version
        running.save(SOURCE, running.read(SOURCE).replace("范企业申报工作，7家企业", "范企业申报工作，8家企业", 1))
        cli = subprocess.run([sys.executable, "-m", "site_gen", "import"], cwd=running.root, capture_output=True,
                             text=True, timeout=300)
        assert cli.returncode == 0 and "Traceback" not in cli.stderr, cli.stderr
        deadline = time.monotonic() + TIMEOUT
        while "8家企业入选" not in running.get(ENTRY_URL):
            assert time.monotonic() < deadline, "the re-imported text never reached the page"
            running.wait_version(version)
            version = running.live.version
        assert running.live.error is None
        assert not list((running.root / "content").rglob(".*.tmp"))


def test_a_bad_source_shows_the_error_and_restoring_it_recovers(preview: Preview) -> None:
    good = (preview.root / SOURCE).read_bytes()
    version = preview.live.version
    (preview.root / SOURCE).write_bytes(b"\x00\x01binary\xff" * 100)
    state = preview.wait_version(version)
    assert state["error"] == [f"{SOURCE}:1: error: source is a binary file, not text"]
    assert "9家企业入选" in preview.get(ENTRY_URL)  # the last good site
    version = preview.live.version
    (preview.root / SOURCE).write_bytes(good)
    assert preview.wait_version(version)["error"] is None


def test_incremental_rebuilds_equal_a_full_build(preview: Preview, tmp_path: Path) -> None:
    preview.builder.settle()  # the deferred data exports
    config = load_config(preview.root / "site.yaml")
    fresh = dataclasses.replace(config, output=tmp_path / "fresh")
    build(fresh, search=False)
    assert _differences(preview.builder.config.output, fresh.output) == []


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []
    compared = filecmp.dircmp(left, right, ignore=["pagefind"])
    found += [f"{left}/{name}" for name in compared.diff_files + compared.left_only + compared.right_only]
    for sub in compared.common_dirs:
        found += _differences(left / sub, right / sub)
    return found


@pytest.fixture(scope="module")
def host_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A project folder with a secret beside the output folder, and a symlink out of it; served."""
    root = tmp_path_factory.mktemp("host")
    (root / "site.yaml").write_text("secret: yearbooks\n", encoding="utf-8")
    (root / "public" / "assets").mkdir(parents=True)
    (root / "public" / "index.html").write_text("<html><body>首页</body></html>", encoding="utf-8")
    os.symlink(root, root / "public" / "leak")
    server = make_server(root / "public", "127.0.0.1", 0, "/", LiveState())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "127.0.0.1", server.server_address[1]
    server.shutdown()
    server.server_close()


def _raw_get(host_port: tuple[str, int], path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*host_port, timeout=10)
    connection.request("GET", path)  # sent as written: no client-side normalising
    return connection.getresponse()


@pytest.mark.parametrize("path", ["/../site.yaml", "/%2e%2e/site.yaml", "/..%2fsite.yaml", "/%252e%252e/site.yaml",
                                  "/assets/..%5c..%5csite.yaml", "/leak/site.yaml", "/./../site.yaml", "/%00",
                                  "/%ff"])
def test_requests_cannot_leave_the_output_folder(host_root: tuple[str, int], path: str) -> None:
    response = _raw_get(host_root, path)
    assert response.status == 404 and b"secret" not in response.read()


def test_the_output_folder_itself_is_served(host_root: tuple[str, int]) -> None:
    response = _raw_get(host_root, "/")
    page = response.read().decode("utf-8")
    assert response.status == 200 and "首页" in page and "/__site_gen/live.js" in page


def test_the_server_binds_to_loopback_by_default() -> None:
    from site_gen.cli import _parser
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"


def test_a_site_under_a_subpath_is_served_under_it(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<html><body>甲</body></html>", encoding="utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0, "/nianjian/", LiveState())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host_port = ("127.0.0.1", server.server_address[1])
    try:
        response = _raw_get(host_port, "/")
        assert response.status == 301 and response.getheader("Location") == "/nianjian/"
        response = _raw_get(host_port, "/nianjian/a")
        assert response.status == 301 and response.getheader("Location") == "/nianjian/a/"
        assert "甲" in _raw_get(host_port, "/nianjian/a/").read().decode("utf-8")
        assert _raw_get(host_port, "/a/").status == 404
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_the_browser_reloads_on_save_and_shows_build_errors(preview: Preview, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(preview.url + ENTRY_URL)
    page.wait_for_function("() => !!document.querySelector('script[data-version]')")
    page.wait_for_timeout(300)  # the event stream connects
    preview.edit(ENTRY, "继续公示26家", "继续公示26家（浏览器已刷新）")
    page.wait_for_function("() => document.body.textContent.includes('浏览器已刷新')", timeout=TIMEOUT * 1000)

    good = preview.read(ENTRY)
    preview.save(ENTRY, good.replace("---\n", "--\n", 1))
    page.wait_for_selector("#site-gen-error", timeout=TIMEOUT * 1000)
    assert f"{ENTRY}:1" in page.inner_text("#site-gen-error")
    preview.save(ENTRY, good.replace("浏览器已刷新", "错误已修正"))
    page.wait_for_function("() => document.body.textContent.includes('错误已修正')", timeout=TIMEOUT * 1000)
    assert page.query_selector("#site-gen-error") is None
    page.close()


@pytest.mark.slow
def test_search_catches_up_in_the_background_without_delaying_the_reload(
        tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> None:
    with start_preview(copy_project(tmp_path_factory.mktemp("searched")), search=True) as running:
        deadline = time.monotonic() + 300
        while running.watcher.indexing.is_set() or not (running.builder.config.output / "pagefind").is_dir():
            assert time.monotonic() < deadline, "the first index never finished"
            time.sleep(0.5)
        started = time.monotonic()
        running.edit(ENTRY, "7家企业入选", "7家企业入选，并设猫头鹰观测站")
        assert time.monotonic() - started < 2.0  # the reload does not wait for the index (tens of seconds)
        page = browser.new_page()
        deadline = time.monotonic() + 300
        while True:
            page.goto(f"{running.url}/search/?q=猫头鹰观测站")
            page.wait_for_selector(".search-message", timeout=30000)
            page.wait_for_function("document.querySelector('.search-message').textContent.includes('结果')",
                                   timeout=30000)
            if "企业信用建设" in page.inner_text("main"):
                break
            assert time.monotonic() < deadline, "the new text never became searchable"
            time.sleep(2)
        page.close()


@pytest.mark.slow
def test_a_save_while_the_search_index_runs_is_served_before_the_index_ends(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The first save after `site-gen serve` answers comes while its first index runs (seconds on the bundled
    books): it is rebuilt at once, not after the index, which then runs again for it."""
    with start_preview(copy_project(tmp_path_factory.mktemp("first-save")), search=True) as running:
        assert running.watcher.indexing.is_set()  # the index asked for at start is running
        running.edit(ENTRY, "7家企业入选", "7家企业入选（首次保存）")
        assert "7家企业入选（首次保存）" in running.get(ENTRY_URL)
        assert running.watcher.indexing.is_set(), "the save waited for the search index"
        deadline = time.monotonic() + 300
        while running.watcher.indexing.is_set():  # the index, made again for the save, ends
            assert time.monotonic() < deadline, "the index never finished"
            time.sleep(0.2)
        assert not running.builder.html_changed
