"""The round trip's figures, per shape and book: `python -m tests.shape_agreement` prints a Markdown table
of whether the categories, sections, tables and credits are the first import's (✓/✗, in that order) and
how many entries are identical. The tests (test_shapes.py) assert the same; this shows the numbers."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.model import Yearbook
from site_gen.yearbook.parse import parse_yearbook

from .shapes import Writer, merged_pairwise, outline, rewrapped
from .test_shapes import LAYOUTS, SHAPES, SOURCES, imported, reimported

PARTS = ("categories", "sections", "tables", "credits")
WIDTHS = (10, 14, 18, 24, 40, 60, 80)


def agreement(source: str, again: Yearbook) -> str:
    got, expected = outline(again), outline(imported(source)[1])
    parts = "".join("✓" if got[part] == expected[part] else "✗" for part in PARTS)
    same = sum(want == have for want, have in zip(expected["entries"], got["entries"], strict=False))
    return f"{parts} {same}/{len(expected['entries'])}"


def written(config: YearbookConfig, path: Path, text: str) -> Yearbook:
    path.write_text(text, encoding="utf-8")
    return parse_yearbook(dataclasses.replace(config, sources=(SourceConfig(path, config.sources[0].category, None),)))


def rows(folder: Path) -> list[tuple[str, list[str]]]:
    table = [(shape, [agreement(s, reimported(s, shape, folder)) for s in SOURCES]) for shape in SHAPES]
    for layout, (markdown, lay_out) in LAYOUTS.items():
        cells = []
        for source in SOURCES:
            config, book = imported(source)
            path = folder / (config.sources[0].path.stem + (".md" if markdown else ".txt"))
            cells.append(agreement(source, written(config, path, lay_out(Writer(markdown=markdown).book(book)))))
        table.append((layout, cells))
    for width in WIDTHS:
        cells = []
        for source in SOURCES:
            config, book = imported(source)
            path = folder / (config.sources[0].path.stem + ".txt")
            cells.append(agreement(source, written(config, path, rewrapped(Writer(markdown=False).book(book), width))))
        table.append((f"wrapped at {width}", cells))
    merged = []
    for source in ("000", "001"):
        config, _ = imported(source)
        original = config.sources[0]
        path = folder / original.path.name
        path.write_text(merged_pairwise(original.path.read_text(encoding="utf-8")), encoding="utf-8")
        again = parse_yearbook(dataclasses.replace(config, sources=(dataclasses.replace(original, path=path),)))
        merged.append(agreement(source, again))
    table.append(("lines merged pairwise", [*merged, "—"]))
    return table


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        table = rows(Path(folder))
    print("| shape | " + " | ".join(SOURCES) + " |\n| --- |" + " --- |" * len(SOURCES))
    for name, cells in table:
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
