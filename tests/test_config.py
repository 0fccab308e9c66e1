from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.errors import SiteGenError

from .conftest import write

GOOD = """\
site:
  title: 上城年鉴
yearbooks:
  - id: book-2022
    title: 上城年鉴（2022）
    edition: 2022
    covers: 2021
    sources: [a.txt]
"""


def errors_of(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "sources" / "a.txt", "【标题】正文")
    config = write(tmp_path / "site.yaml", text)
    with pytest.raises(SiteGenError) as info:
        load_config(config)
    return [str(d) for d in info.value.diagnostics]


def test_valid_config_loads_with_defaults(tmp_path: Path) -> None:
    write(tmp_path / "sources" / "a.txt", "【标题】正文")
    config = load_config(write(tmp_path / "site.yaml", GOOD))
    assert config.base_path == "/" and config.output == (tmp_path / "public").resolve()
    assert config.yearbooks[0].sources[0].path.name == "a.txt"


def test_unknown_key_names_the_line_and_suggests(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, GOOD.replace("    covers: 2021", "    covres: 2021"))
    expected = f"{tmp_path / 'site.yaml'}:7:5: error: unknown key 'covres' in a yearbook (did you mean 'covers'?)"
    assert expected in errors


def test_missing_source_file_is_an_error_with_its_line(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, GOOD.replace("[a.txt]", "[b.txt]"))
    assert errors == [f"{tmp_path / 'site.yaml'}:8:15: error: source file not found: sources/b.txt "
                      "(did you mean 'a.txt'?)"]


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    book = GOOD.split("yearbooks:\n")[1]
    errors = errors_of(tmp_path, GOOD + book)
    assert any(":9:9: error: duplicate yearbook id 'book-2022'" in e for e in errors)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, GOOD.replace("  title: 上城年鉴", "  title: [上城年鉴"))
    assert len(errors) == 1 and errors[0].startswith(f"{tmp_path / 'site.yaml'}:3:") and "invalid YAML" in errors[0]


@pytest.mark.parametrize("output", [".", "..", "content", "sources/out"])
def test_output_folder_may_not_hold_the_project(tmp_path: Path, output: str) -> None:
    errors = errors_of(tmp_path, GOOD.replace("  title: 上城年鉴", f"  title: 上城年鉴\n  output: {output}", 1))
    assert errors == [f"{tmp_path / 'site.yaml'}:3:11: error: output folder '{output}' would overwrite the "
                      "project's own files"]
