"""A parsed book written back out in the shapes offices hand books over in, for the round trip
(test_shapes.py): a paragraph a line (Word/WPS "save as text"), Markdown with `#` category and `##`
section headings, the paragraphs hard-wrapped at another width, and the wrapped source with other space
characters or its lines merged pairwise. Generated, never committed."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from io import BytesIO

import docx
from docx.shared import Pt

from site_gen.yearbook.model import Category, Entry, Yearbook
from site_gen.yearbook.text import compact

_ESCAPE = re.compile(r"\\(.)")
_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Writer:
    markdown: bool  # `#` / `##` headings and pipe tables; else plain paragraphs and tab-separated rows

    def book(self, book: Yearbook) -> str:
        lines: list[str] = []
        for category in book.categories:
            lines += self.category(category)
        for page in book.back:  # the book's index: plain lines, as a manuscript lists it
            lines += ["索引", *self.blocks(page.blocks)]
        return "\n".join(lines) + "\n"

    def category(self, category: Category) -> list[str]:
        lines = [self.heading(1, category.title)]
        if category.subtitle:
            lines.append(category.subtitle)
        lines += self.blocks(category.blocks)
        for section in category.sections:
            if section.title != category.title:  # a section the import made for a category printing none
                lines.append(self.heading(2, section.title))
            lines += self.blocks(section.blocks)
            for entry in section.entries:
                lines += self.entry(entry)
        return lines

    def entry(self, entry: Entry) -> list[str]:
        blocks = list(entry.blocks)
        prose = [k for k, block in enumerate(blocks) if not block.startswith(":::")]
        if entry.authors and prose:  # the credit closes the entry's last paragraph: `…实事。（宋晓莺）`
            blocks[prose[-1]] += "（" + " ".join(entry.authors) + "）"
        lines = self.blocks(blocks)
        if entry.kind == "person" and entry.person and lines:
            name = str(entry.person["name"])  # as printed: `徐荣培 男，1970年…`
            lines[0] = name + " " + lines[0].removeprefix(name)
            return lines
        if entry.kind != "entry":
            return [self.heading(3, entry.title), *lines]
        return [f"【{entry.title}】" + (lines[0] if lines else ""), *lines[1:]]

    def heading(self, level: int, title: str) -> str:
        return "#" * level + " " + title if self.markdown else title

    def blocks(self, blocks: list[str]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            kind = block.split("\n", 1)[0]
            if kind.startswith("::: table"):
                lines += self.table(block)
            elif kind == "::: glossary":  # 资料, then `term：definition`
                for line in block.split("\n")[1:-1]:
                    if line.startswith(": "):
                        lines[-1] += "：" + _plain(line[2:])
                    elif line.strip():
                        lines.append(_plain(line))
            elif kind.startswith(":::"):
                lines += [_plain(line) for line in block.split("\n")[1:-1] if line.strip()]
            else:
                lines += [_plain(line) for line in block.split("\n")]
        return lines

    def table(self, block: str) -> list[str]:
        head, *rows = block.split("\n")[:-1]
        lines = [head.removeprefix("::: table ")]
        for row in rows:
            if set(row) <= set("|- "):
                if self.markdown:
                    lines.append(row)
                continue
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip()[1:-1])]
            lines.append("| " + " | ".join(cells) + " |" if self.markdown else "\t".join(_plain(c) for c in cells))
        return lines


def _plain(text: str) -> str:
    """A Markdown line as a manuscript has it: no list mark, heading mark, bold or escapes."""
    text = re.sub(r"^(?:- |#{1,6} )", "", text).replace("**", "")
    return _ESCAPE.sub(r"\1", text)


def word_manuscript(markdown: str, heading_styles: bool = True) -> bytes:
    """The Markdown shape as a Word manuscript written with python-docx: `#` lines in heading styles (or,
    as many offices type them, bold paragraphs in a larger size), pipe rows in Word tables, every other
    line a paragraph."""
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for cells, row in zip(table.rows, rows, strict=True):
                for cell, text in zip(cells.cells, row, strict=False):
                    cell.text = text
            rows.clear()

    for line in markdown.splitlines():
        if line.startswith("|"):
            if not set(line) <= set("|- "):
                rows.append([cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1])])
            continue
        flush()
        heading = re.match(r"^(#{1,6}) (.*)$", line)
        if heading and heading_styles:
            document.add_heading(heading.group(2), len(heading.group(1)))
        elif heading:
            run = document.add_paragraph().add_run(heading.group(2))
            run.bold, run.font.size = True, Pt(20 - 2 * len(heading.group(1)))
        elif line:
            document.add_paragraph(line)
    flush()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def merged_pairwise(text: str) -> str:
    """The wrapped text with its lines merged two by two, as a column twice as wide (or a tool that joins
    lines) leaves them: starts of entries, titles and credits run into the line before."""
    lines = [line for line in text.split("\n") if line.strip()]
    pairs = itertools.zip_longest(lines[::2], lines[1::2], fillvalue="")
    return "\n\n".join(first.rstrip() + second.lstrip() for first, second in pairs) + "\n"


def rewrapped(text: str, width: int) -> str:
    """Each line longer than `width` characters cut into lines of `width`, as a PDF set in another column
    width extracts (a run of letters and digits is not cut: `322c`); tab-separated rows stay whole."""
    lines: list[str] = []
    for line in text.split("\n"):
        while len(line) > width and "\t" not in line:
            cut = width
            while cut > 1 and _ALNUM.match(line[cut - 1]) and _ALNUM.match(line[cut]):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def other_spaces(text: str, space: str) -> str:
    """The wrapped text as some PDF tools extract it: no-break or ideographic spaces for spaces."""
    return text.replace(" ", space)


def outline(book: Yearbook) -> dict[str, list[tuple[str, ...]]]:
    """What a round trip must keep: categories, sections, entries (title, authors, text up to
    whitespace), tables and credits."""
    entries, tables = [], []
    for category in book.categories:
        for section in category.sections:
            for entry in section.entries:
                text = compact("".join(entry.blocks))
                entries.append((compact(category.title), compact(section.title), compact(entry.title), entry.kind,
                                " ".join(entry.authors), text))
                tables += [(compact(block),) for block in entry.blocks if block.startswith("::: table")]
    return {"categories": [(compact(c.title),) for c in book.categories],
            "sections": [(compact(c.title), compact(s.title)) for c in book.categories for s in c.sections],
            "entries": entries, "tables": tables,
            "credits": sorted({tuple(names) for _, _, names in book.credits})}  # a shape may credit per entry
