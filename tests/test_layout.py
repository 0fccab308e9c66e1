"""Independence from layout: the same books saved differently import to the same pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.yearbook.importer import import_all

ROOT = Path(__file__).resolve().parent.parent
# What a page says of where it came from: line numbers, and the digest that covers them.
POSITIONAL = ("source: ", "digest: ")


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def trailing_spaces(text: str) -> bytes:
    return "\n".join(line + "  " if line else line for line in text.split("\n")).encode("utf-8")


def gb18030(text: str) -> bytes:
    return text.encode("gb18030")


def two_blank_lines(text: str) -> bytes:
    return text.replace("\n\n", "\n\n\n").encode("utf-8")


def import_variant(tmp: Path, change: Callable[[str], bytes], config_text: str | None = None) -> Path:
    (tmp / "sources").mkdir()
    for source in sorted((ROOT / "sources").glob("*.txt")):
        (tmp / "sources" / source.name).write_bytes(change(source.read_text(encoding="utf-8")))
    for profile in (ROOT / "sources").glob("*.yaml"):  # the books' profiles, as they are
        (tmp / "sources" / profile.name).write_bytes(profile.read_bytes())
    (tmp / "site.yaml").write_text(config_text or (ROOT / "site.yaml").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    import_all(load_config(tmp / "site.yaml"))
    return tmp / "content"


def pages(content: Path, drop_positional: bool = False) -> dict[str, bytes]:
    result = {}
    for path in sorted(content.rglob("*.md")):
        data = path.read_bytes()
        if drop_positional:
            data = b"\n".join(line for line in data.split(b"\n") if not line.decode().startswith(POSITIONAL))
        result[str(path.relative_to(content))] = data
    return result


@pytest.fixture(scope="module")
def committed() -> dict[str, bytes]:
    return pages(ROOT / "content")


@pytest.mark.parametrize("change", [crlf, trailing_spaces, gb18030], ids=["crlf", "trailing-spaces", "gb18030"])
def test_saving_the_texts_differently_gives_byte_identical_pages(
        tmp_path: Path, committed: dict[str, bytes], change: Callable[[str], bytes]) -> None:
    assert pages(import_variant(tmp_path, change)) == committed


def test_a_declared_encoding_is_used(tmp_path: Path, committed: dict[str, bytes]) -> None:
    config = (ROOT / "site.yaml").read_text(encoding="utf-8").replace(
        "- 000_38369a8d8a03f93c.txt", "- {file: 000_38369a8d8a03f93c.txt, encoding: gb18030}")
    assert "encoding: gb18030" in config

    def only_000_in_gb18030(text: str) -> bytes:
        return gb18030(text) if "中共杭州市上城区委员会" in text[:200] else text.encode("utf-8")

    assert pages(import_variant(tmp_path, only_000_in_gb18030, config)) == committed


def test_two_blank_lines_change_nothing_but_the_line_numbers(tmp_path: Path) -> None:
    """Doubling the blank lines moves every physical line, so only the `source:` line spans (and the
    digest over them) may differ; every title, body and other field stays byte for byte the same, and
    every span still starts and ends on the same text."""
    content = import_variant(tmp_path, two_blank_lines)
    variant = pages(content, drop_positional=True)
    assert variant == pages(ROOT / "content", drop_positional=True)
    original_lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in (ROOT / "sources").glob("*.txt")}
    variant_lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in (tmp_path / "sources").glob("*.txt")}
    spans = 0
    for name in variant:
        ours, theirs = span_of(ROOT / "content" / name), span_of(content / name)
        if ours is None or theirs is None:
            assert ours == theirs
            continue
        assert ours[0] == theirs[0]
        for number, other in zip(ours[1:], theirs[1:], strict=True):
            assert original_lines[ours[0]][number - 1] == variant_lines[theirs[0]][other - 1]
        spans += 1
    assert spans > 1700


def span_of(page: Path) -> tuple[str, int, int] | None:
    """(file, first, last) of a page's `source: sources/<file>:<first>-<last>` line."""
    for line in page.read_text(encoding="utf-8").split("\n"):
        if line.startswith("source: sources/"):
            file, _, numbers = line.removeprefix("source: sources/").partition(":")
            first, _, last = numbers.partition("-")
            return file, int(first), int(last)
    return None
