"""Reading a source text: decode it, refuse what is not text, split it into cleaned lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import fail
from site_gen.yearbook.text import clean_line


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based physical line number in the source file
    text: str  # cleaned, without leading or trailing spaces
    indented: bool  # began with a space: the first line after a page or column break


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise fail(_shown(path), "source text is empty", 1)
    if b"\x00" in data[:65536]:
        raise fail(_shown(path), "source is a binary file, not text", 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(_shown(path), f"not valid UTF-8 at byte offset {exc.start}", line) from None


def split_lines(text: str, keep_blank: bool = False) -> list[Line]:
    result: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        cleaned = clean_line(raw)
        if cleaned.strip() or keep_blank:
            result.append(Line(number, cleaned.strip(), cleaned[:1] == " "))
    return result


def _shown(path: Path) -> str:
    return f"sources/{path.name}" if path.parent.name == "sources" else str(path)
