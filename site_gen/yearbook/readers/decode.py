"""Reading a source file: decode it (a Word manuscript through word.py), refuse what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

from site_gen.errors import fail
from site_gen.yearbook.readers.word import is_word, word_text

FALLBACK_ENCODING = "gb18030"  # what Chinese Windows tools save as "ANSI"
MIN_HAN_SHARE = 0.3  # a text decoded as GB18030 must read as Chinese, not as mojibake
MAX_SOURCE_BYTES = 32 * 1024 * 1024  # a whole yearbook's text is 1–5 MB: anything this big is the wrong file
# Byte-order marks, longest first (UTF-32's starts like UTF-16's): they name the encoding outright.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Files an office may drop into sources/ by mistake, by their first bytes.
_NOT_TEXT = ((b"PK\x03\x04", "a ZIP archive but no Word document (an .xlsx?): save it as text or .docx first"),
             (b"\xd0\xcf\x11\xe0", "an Office document (.doc or .xls): save it as plain text first"),
             (b"{\\rtf", "an RTF document: save it as plain text first"))


def read_text(path: Path, encoding: str | None = None) -> str:
    """The text of a source: in the declared encoding, else the one its byte-order mark names, else
    UTF-8, else GB18030 if it reads as Chinese. Anything else is refused with the file and byte offset."""
    shown = _shown(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise fail(shown, f"source is {size / 2**20:.1f} MB, more than the {MAX_SOURCE_BYTES // 2**20} MB "
                       "a yearbook text can be: is it the right file?")
        data = path.read_bytes()
    except IsADirectoryError:
        raise fail(shown, "source is a folder, not a text file") from None
    except OSError as exc:
        raise fail(shown, f"cannot read source: {exc.strerror}") from None
    mark, bom = next(((m, name) for m, name in _BOMS if data.startswith(m)), (b"", None))
    if not data[len(mark):].strip(b"\x00 \t\r\n" if bom else b" \t\r\n"):
        raise fail(shown, "source text is empty", 1)
    if bom is None and data.startswith(b"PK\x03\x04") and is_word(data):  # a Word manuscript
        return word_text(data)
    if bom is None:
        kind = next((what for magic, what in _NOT_TEXT if data.startswith(magic)), None)
        if kind:
            raise fail(shown, f"source is {kind}", 1)
        if b"\x00" in data[:65536] and not (encoding or "").lower().replace("-", "").startswith(("utf16", "utf32")):
            raise fail(shown, "source is a binary file, not text", 1)
    try:
        return data.decode(encoding or bom or "utf-8").removeprefix("\ufeff")
    except UnicodeError as exc:  # a decode error, or a codec's own (UTF-7's)
        start = getattr(exc, "start", 0)
        line = data[:start].count(b"\n") + 1
        hint = "" if encoding or bom else "; declare the encoding in site.yaml (encoding: …)"
        error = fail(shown, f"not valid {encoding or bom or 'UTF-8'} at byte offset {start}{hint}", line)
    if encoding is None and bom is None:
        try:
            text = data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            raise error from None
        letters = [ch for ch in text if not ch.isspace()]
        if sum("\u4e00" <= ch <= "\u9fff" for ch in letters) >= MIN_HAN_SHARE * len(letters):
            return text
    raise error


def _shown(path: Path) -> str:
    return f"sources/{path.name}" if path.parent.name == "sources" else str(path)
