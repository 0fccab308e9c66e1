"""What a probe of hostile input found beyond the bad-input table: a port out of range, a source whose control
characters sit past the binary check's first 64 KiB, the preview with a relative `--config` and on a full
disk. Real files, real commands, a real preview server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from site_gen.preview.watch import RETRY

from ..preview import TIMEOUT, preview
from .cases import built
from .project import ENTRY, SOURCE, fill, make_project, run, small_disk, with_output

PAGE = "public/test-2022/wen-hua/zong-shu/gai-kuang/index.html"  # the entry's page


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_port_out_of_range_is_one_line(tmp_path: Path, port: str) -> None:
    built(tmp_path)
    result = run(tmp_path, "serve", "--no-search", "--port", port, timeout=60)
    assert result.code == 1 and result.lines == [
        f"--port {port}: error: a port is a number from 0 to 65535 (0 picks a free one)"]


def test_control_characters_anywhere_are_left_out_and_reported(tmp_path: Path) -> None:
    padding = ("区文化工作稳步推进。" * 20 + "\n\n") * 400  # 96 kB: past the 64 KiB the binary check reads
    source = SOURCE.replace("活动12场。", "活动\x0712\x1b场。") + "\n【其他】 " + padding + "结尾\x07铃\x1b[31m。\n"
    make_project(tmp_path, source.encode())
    result = run(tmp_path, "import")
    assert result.code == 0, result.err
    assert result.lines == ["sources/a.txt:15: warning: control characters left out on 2 lines "
                            "(import-report.txt lists them)"]
    report = (tmp_path / "content/test-2022/import-report.txt").read_text(encoding="utf-8")
    assert "sources/a.txt:15\t控制字符 U+0007 U+001B\t活动<U+0007>12<U+001B>场。（季玳弘）" in report
    assert "控制字符 U+0007 U+001B\t结尾<U+0007>铃<U+001B>[31m。" in report
    assert run(tmp_path, "build", "--no-search").code == 0
    for folder in ("content", "public"):
        held = [p for p in (tmp_path / folder).rglob("*") if p.is_file() and p.suffix in (".md", ".html", ".json")
                and any(ch in p.read_text(encoding="utf-8") for ch in "\x07\x1b")]
        assert held == []
    assert "活动12场" in (tmp_path / "public/test-2022/wen-hua/fei-wu-zhi-wen-hua-yi-chan/fei-yi-bao-hu-gong-zuo"
                           "/index.html").read_text(encoding="utf-8")


def test_control_characters_typed_into_a_page_are_left_out_with_a_warning(tmp_path: Path) -> None:
    built(tmp_path)
    entry = tmp_path / ENTRY
    lines = entry.read_text(encoding="utf-8").split("\n")
    entry.write_text("\n".join([*lines, "铃声\x07响起。"]), encoding="utf-8")
    result = run(tmp_path, "build", "--no-search")
    assert result.code == 0
    assert result.lines == [f"{ENTRY}:{len(lines) + 1}: warning: control characters left out of the page: U+0007"]
    page = (tmp_path / PAGE).read_text(encoding="utf-8")
    assert "铃声响起。" in page and "\x07" not in page


def test_the_preview_sees_site_yaml_edits_with_a_relative_config(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`site-gen serve` reads ./site.yaml by default: watchdog names it by its absolute path."""
    built(tmp_path)
    monkeypatch.chdir(tmp_path)
    with preview(tmp_path, config=Path("site.yaml")) as running:
        assert "<title>测试年鉴</title>" in running.get("/")
        state = running.edit("site.yaml", "title: 测试年鉴\n", "title: 改名年鉴\n")
        assert state["error"] is None
        assert "<title>改名年鉴</title>" in running.get("/")


def test_a_full_disk_while_serving_keeps_every_page_whole_and_writes_it_once_there_is_room(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        root = tmp_path / "project"
        built(root)
        with_output(root, str(disk / "public"))
        with preview(root) as running:
            page = disk / "public" / PAGE.removeprefix("public/")
            before = page.read_bytes()
            filler = fill(disk)
            longer = "（满盘测试）" * 4000  # the page grows by 72 kB: the disk has no room for it
            state = running.edit(ENTRY, "工作稳步推进。", "工作稳步推进。" + longer)
            assert state["error"] and state["error"][0].endswith(
                "gai-kuang/index.html: error: no space left on the disk: free some and run again "
                "(no file was left half-written)"), state
            assert page.read_bytes() == before  # whole, as it was: not cut at the disk's last byte
            assert "工作稳步推进。</p>" in running.get("/test-2022/wen-hua/zong-shu/gai-kuang/")
            time.sleep(RETRY * 1.5)  # tried again
            assert page.read_bytes() == before
            version = running.live.version
            filler.unlink()  # room again: the page is written without another edit
            deadline = time.monotonic() + TIMEOUT
            while longer not in page.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline, "the page was not written once the disk had room"
                time.sleep(0.1)
            assert running.wait_version(version)["error"] is None
            assert longer in running.get("/test-2022/wen-hua/zong-shu/gai-kuang/")
