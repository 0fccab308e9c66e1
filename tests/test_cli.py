"""The command line as a user runs it: a real subprocess, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, interruptible, write


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_gen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_check_prints_counts_per_yearbook() -> None:
    result = run("check")
    assert result.returncode == 0
    assert "shangcheng-2022: 31 categories, 223 sections, 1350 entries, 1 documents, 51 person records, " \
           "367 credits" in result.stdout
    assert "shangcheng-2019: 3 categories, 22 sections, 108 entries, 8 documents, 0 person records, " \
           "23 credits" in result.stdout
    assert "book index: 1382/1382 terms matched — 31 categories, 201 sections, 1150 entries (4 worded " \
        "differently)" in result.stdout
    assert "worded differently: 职工技能素养提升行动 → 职工技能素质提升行动" in result.stdout
    assert "Han characters reaching content/: 482250/482250 (100.000%)" in result.stdout  # 2022, dropped lines left out


def test_bad_config_gives_one_line_and_no_traceback(tmp_path: Path) -> None:
    write(tmp_path / "site.yaml", "site:\n  title: x\n  colour: red\nyearbooks: []\n")
    result = run("build", "--config", str(tmp_path / "site.yaml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'site.yaml'}:3:3: error: unknown key 'colour'" in result.stderr


def test_missing_config_file_is_named() -> None:
    result = run("import", "--config", "nowhere.yaml")
    assert result.returncode == 1 and result.stderr.strip() == "nowhere.yaml: error: config file not found"


def test_broken_front_matter_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("x", encoding="utf-8")
    write(tmp_path / "site.yaml", "site:\n  title: t\nyearbooks:\n  - {id: b, title: t, edition: 2022, covers: 2021,"
          " sources: [a.txt]}\n")
    write(tmp_path / "content" / "b" / "_index.md", "---\ntitle: t\nkind: yearbook\n---\n")
    write(tmp_path / "content" / "b" / "x.md", "---\ntitle: [broken\nkind: entry\n---\ntext\n")
    result = run("build", "--no-search", "--config", str(tmp_path / "site.yaml"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("content/b/x.md:3:")
    assert not (tmp_path / "public").exists()


def test_committed_content_is_what_the_importer_produces() -> None:
    """`site-gen import` on a clean checkout writes nothing: content/ is up to date with the parser."""
    result = run("import")
    assert result.returncode == 0, result.stderr
    for line in result.stderr.splitlines():
        assert " 0 files written" in line and "0 removed" in line, line


def test_serve_builds_answers_on_localhost_and_rebuilds_on_save(tmp_path: Path) -> None:
    import signal
    import socket
    import time
    import urllib.request

    from .preview import ENTRY, ENTRY_URL, copy_project

    copy_project(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = interruptible([sys.executable, "-m", "site_gen", "serve", "--no-search", "--port", str(port)],
                           cwd=tmp_path, stderr=subprocess.PIPE)

    def served(path: str, text: str) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                return text in response.read().decode("utf-8")
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            return False

    def wait_for(path: str, text: str) -> None:
        deadline = time.monotonic() + 120
        while not served(path, text):
            assert time.monotonic() < deadline, f"{text} not served at {path} in 120 s"
            time.sleep(0.2)

    try:
        wait_for("/", "《上城年鉴（2022）》")
        entry = tmp_path / ENTRY
        entry.write_text(entry.read_text(encoding="utf-8") + "\n预览时保存的一句话。\n", encoding="utf-8")
        wait_for(ENTRY_URL, "预览时保存的一句话。")
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            code = server.wait(timeout=30)
        finally:  # a server that ignored it must not outlive the test
            if server.poll() is None:
                server.kill()
                server.wait()
    assert code == 130
    log = server.stderr.read() if server.stderr else ""
    assert "serving public at http://127.0.0.1:" in log and "1 files rendered, 1 written" in log, log


@pytest.mark.slow
def test_an_unchanged_project_builds_from_the_manifest_and_any_change_rebuilds(tmp_path: Path) -> None:
    from .preview import ENTRY, copy_project

    copy_project(tmp_path)
    first = run("build", "--no-search", cwd=tmp_path)
    assert first.returncode == 0 and "built 1825 pages" in first.stderr, first.stderr
    again = run("build", "--no-search", cwd=tmp_path)
    assert again.returncode == 0 and "public is up to date" in again.stderr, again.stderr

    entry = tmp_path / ENTRY
    entry.write_text(entry.read_text(encoding="utf-8") + "\n新加一句。\n", encoding="utf-8")
    edited = run("build", "--no-search", cwd=tmp_path)
    assert "built 1825 pages" in edited.stderr and "no file written" not in edited.stderr, edited.stderr

    page = tmp_path / "public" / "index.html"
    page.write_text("damaged", encoding="utf-8")  # an output changed behind the build's back
    repaired = run("build", "--no-search", cwd=tmp_path)
    assert "built 1825 pages" in repaired.stderr and "1 files written" in repaired.stderr, repaired.stderr
    assert "《上城年鉴（2022）》" in page.read_text(encoding="utf-8")
    assert "public is up to date" in run("build", "--no-search", cwd=tmp_path).stderr
    assert "search: " in run("build", cwd=tmp_path).stderr  # a build that wants the index is no no-op


def test_a_template_error_in_a_render_worker_is_one_line_naming_the_template(tmp_path: Path) -> None:
    from .preview import copy_project, override

    template = override(copy_project(tmp_path), "entry.html")
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = run("build", "--no-search", cwd=tmp_path)
    line = len(template.read_text(encoding="utf-8").splitlines())
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [f"templates/entry.html:{line}: error: template syntax error: "
                                                  "Expected an expression, got 'end of statement block'"]


def test_version_and_options_before_or_after_the_command(tmp_path: Path) -> None:
    from site_gen import __version__

    assert run("--version").stdout.strip() == f"site-gen {__version__}"
    before = run("--config", str(ROOT / "site.yaml"), "check", cwd=tmp_path)  # no site.yaml in the folder
    after = run("check", "--config", str(ROOT / "site.yaml"), cwd=tmp_path)
    assert before.returncode == after.returncode == 0 and before.stdout == after.stdout
    both = run("--config", "nowhere.yaml", "check", "--config", str(ROOT / "site.yaml"), cwd=tmp_path)
    assert both.returncode == 0, both.stderr  # given after the command, it wins
    clash = run("-v", "check", "-q")
    assert clash.returncode == 2 and "not allowed with argument" in clash.stderr


def test_verbose_logs_this_programs_stages_and_quiet_only_warnings(tmp_path: Path) -> None:
    from .preview import copy_project

    copy_project(tmp_path)
    verbose = run("-v", "build", "--no-search", cwd=tmp_path)
    lines = verbose.stderr.splitlines()
    assert verbose.returncode == 0 and [line.split(":")[0] for line in lines[:4]] == [
        "load", "collect", "plan", "render and write"], verbose.stderr
    assert "entering" not in verbose.stderr and len(lines) < 10  # no markdown-it debug: 145 lines of 150
    assert "names no host" in verbose.stderr  # the base_url note, for -v only
    quiet = run("build", "--no-search", "-q", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    plain = run("build", "--no-search", cwd=tmp_path)
    assert plain.stderr.splitlines() == ["public is up to date: nothing changed since the last build"]


def test_new_writes_a_project_to_fill_in_and_refuses_an_existing_one(tmp_path: Path) -> None:
    made = run("new", "某县志", cwd=tmp_path)
    project = tmp_path / "某县志"
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in project.iterdir()) == ["site.yaml", "sources", "说明.md"]
    config = (project / "site.yaml").read_text(encoding="utf-8")
    assert "title: 某县志\n" in config and "id: mou-xian-zhi-" in config
    unlisted = run("check", cwd=project)
    line = config.splitlines().index("    sources:") + 1  # (the error points at the empty `sources:`)
    assert unlisted.returncode == 1 and unlisted.stderr.startswith(
        f"site.yaml:{line}:13: error: 'sources' must be a non-empty list of files in sources/ (put the book's files")
    again = run("new", "某县志", cwd=tmp_path)
    assert again.returncode == 1 and again.stderr.strip() == (
        "某县志/site.yaml: error: a project is already here: `site-gen new` writes only into a new or empty folder")


def _one_book_project(folder: Path) -> Path:
    """A project with the 2013 yearbook's source and site.yaml only: no content/, output or cache."""
    (folder / "sources").mkdir(parents=True)
    for name in ("003_a7b482f5ab2a16e2.txt", "shangcheng.yaml"):
        (folder / "sources" / name).write_bytes((ROOT / "sources" / name).read_bytes())
    write(folder / "site.yaml", "site:\n  title: 上城年鉴\nyearbooks:\n  - id: shangcheng-2013\n"
          "    title: 上城年鉴（2013）\n    edition: 2013\n    covers: 2012\n    profile: shangcheng.yaml\n"
          "    sources:\n      - {file: 003_a7b482f5ab2a16e2.txt, category: 特载}\n")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_first_build_imports_first_and_gives_what_import_then_build_gives(tmp_path: Path) -> None:
    """The cold path in one command: the same content/ (with its stamp) and the same public/, byte for byte."""
    apart, together = _one_book_project(tmp_path / "apart"), _one_book_project(tmp_path / "together")
    assert run("import", cwd=apart).returncode == 0
    assert run("build", "--no-search", cwd=apart).returncode == 0
    result = run("build", "--no-search", cwd=together)
    assert result.returncode == 0, result.stderr
    assert "shangcheng-2013: importing its sources first (no import of them in content/ yet)" in result.stderr
    assert "shangcheng-2013: 9 files written, 0 unchanged, 0 removed" in result.stderr
    assert _tree(together / "public") == _tree(apart / "public")
    assert _tree(together / "content") == _tree(apart / "content")
    assert (together / "content" / "shangcheng-2013" / ".import-stamp").is_file()


def test_a_build_imports_again_only_a_changed_source_and_keeps_a_hand_edited_page(tmp_path: Path) -> None:
    project = _one_book_project(tmp_path)
    assert run("build", "--no-search", cwd=project).returncode == 0
    section = project / "content" / "shangcheng-2013" / "te-zai" / "_index.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n编辑校对时加的一句。\n", encoding="utf-8")
    result = run("build", "--no-search", cwd=project)
    assert result.returncode == 0 and "importing" not in result.stderr, result.stderr  # the sources did not change
    source = project / "sources" / "003_a7b482f5ab2a16e2.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("上城区", "上城区（改）", 1), encoding="utf-8")
    result = run("build", "--no-search", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "shangcheng-2013: importing its sources first (changed since its last import)" in result.stderr
    assert "kept hand-edited page content/shangcheng-2013/te-zai/_index.md" in result.stderr
    published = (project / "public").rglob("index.html")
    site = "".join(page.read_text(encoding="utf-8") for page in published)
    assert "编辑校对时加的一句。" in site and "上城区（改）" in site
    assert "public is up to date" in run("build", "--no-search", cwd=project).stderr  # stamped, manifest kept


def test_a_build_imports_again_a_book_whose_import_did_not_finish(tmp_path: Path) -> None:
    """An import killed part-way (Ctrl+C, a full disk) leaves a stamp no import writes: the next build imports
    the book again, not a book with pages missing."""
    from site_gen.yearbook.stamp import UNFINISHED

    project = _one_book_project(tmp_path)
    assert run("build", "--no-search", cwd=project).returncode == 0
    book = project / "content" / "shangcheng-2013"
    (book / ".import-stamp").write_text(UNFINISHED, encoding="utf-8")
    page = next(book.rglob("_index.md"))
    page.unlink()
    result = run("build", "--no-search", cwd=project)
    assert "shangcheng-2013: importing its sources first (its last import did not finish)" in result.stderr
    assert page.is_file() and (book / ".import-stamp").read_text(encoding="utf-8") != UNFINISHED


def test_a_yaml_file_beside_the_profile_is_read_by_the_import(tmp_path: Path) -> None:
    """A profile may `extend` another file of its folder: an edit of one makes the books using it stale."""
    project = _one_book_project(tmp_path)
    assert run("build", "--no-search", cwd=project).returncode == 0
    write(project / "sources" / "base.yaml", "extends: 年鉴\n")
    result = run("build", "--no-search", cwd=project)
    assert "shangcheng-2013: importing its sources first (changed since its last import)" in result.stderr


def test_a_book_without_a_stamp_is_not_imported_by_a_build(tmp_path: Path) -> None:
    """Pages written by hand (or by a site-gen before stamps) are the editor's: only `import` replaces them."""
    project = _one_book_project(tmp_path)
    write(project / "content" / "shangcheng-2013" / "_index.md",
          "---\ntitle: 手写的年鉴\nkind: yearbook\nedition: 2013\ncovers: 2012\n---\n")
    result = run("build", "--no-search", cwd=project)
    assert result.returncode == 0 and "importing" not in result.stderr, result.stderr
    assert "手写的年鉴" in (project / "public" / "index.html").read_text(encoding="utf-8")


def test_a_build_that_fails_after_importing_still_writes_the_imported_pages(tmp_path: Path) -> None:
    """The import's pages are written whole (and stamped) even when the site cannot be built: the editor
    fixes the other page and builds again, without importing again."""
    project = _one_book_project(tmp_path)
    write(project / "content" / "zz" / "_index.md", "---\ntitle: [broken\nkind: yearbook\n---\n")
    failed = run("build", "--no-search", cwd=project)
    assert failed.returncode == 1, failed.stderr
    assert failed.stderr.splitlines()[1:] == [
        "shangcheng-2013: 9 files written, 0 unchanged, 0 removed; report in "
        "content/shangcheng-2013/import-report.txt",
        "content/zz/_index.md:3:5: error: invalid front matter: did not find expected ',' or ']'"]
    book = project / "content" / "shangcheng-2013"
    assert len(list(book.rglob("*.md"))) == 7 and (book / ".import-stamp").is_file()
    assert not (project / "public").exists()
    (project / "content" / "zz" / "_index.md").unlink()
    (project / "content" / "zz").rmdir()
    again = run("build", "--no-search", cwd=project)
    assert again.returncode == 0 and "importing" not in again.stderr, again.stderr
