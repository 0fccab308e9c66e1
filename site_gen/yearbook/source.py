"""Reading a source text: decode it, refuse what is not text, split it into cleaned lines."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from site_gen.errors import fail
from site_gen.yearbook.text import clean_text


class Line(NamedTuple):  # a tuple: a source has ~100,000 lines, and a tuple is built ~5× faster
    number: int  # 1-based physical line number in the source file
    text: str  # cleaned, without leading or trailing spaces
    indented: bool  # began with a space: the first line after a page or column break


FALLBACK_ENCODING = "gb18030"  # what Chinese Windows tools save as "ANSI"
MIN_HAN_SHARE = 0.3  # a text decoded as GB18030 must read as Chinese, not as mojibake


def read_text(path: Path, encoding: str | None = None) -> str:
    """The text of a source, in the declared encoding, else UTF-8, else GB18030 if it reads as Chinese."""
    data = path.read_bytes()
    if not data.strip():
        raise fail(_shown(path), "source text is empty", 1)
    if b"\x00" in data[:65536]:
        raise fail(_shown(path), "source is a binary file, not text", 1)
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        error = fail(_shown(path), f"not valid {encoding or 'UTF-8'} at byte offset {exc.start}"
                     + ("" if encoding else "; declare the encoding in site.yaml (encoding: …)"), line)
    if encoding is None:
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            raise error from None
        letters = [ch for ch in text if not ch.isspace()]
        if sum("\u4e00" <= ch <= "\u9fff" for ch in letters) >= MIN_HAN_SHARE * len(letters):
            return text
    raise error


def split_lines(text: str, keep_blank: bool = False) -> list[Line]:
    result: list[Line] = []
    for number, raw in enumerate(clean_text(text).splitlines(), start=1):
        cleaned = raw.rstrip()
        if cleaned.strip() or keep_blank:
            result.append(Line(number, cleaned.strip(), cleaned[:1] == " "))
    return result


def _shown(path: Path) -> str:
    return f"sources/{path.name}" if path.parent.name == "sources" else str(path)
