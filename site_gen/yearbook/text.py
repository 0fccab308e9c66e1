"""Character-level clean-up of PDF-extracted Chinese text: one place, small steps, each tested."""

from __future__ import annotations

import functools
import re
from collections import Counter

# Han characters, CJK punctuation, full-width forms and the typographic quotes/dashes used in Chinese text.
CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
)
_LATIN = "0-9A-Za-z%."
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{CJK}])")
_SPACE_BEFORE_LATIN = re.compile(rf"(?<=[{CJK}])[ \t]+(?=[{_LATIN}])")
_SPACE_AFTER_LATIN = re.compile(rf"(?<=[{_LATIN}])[ \t]+(?=[{CJK}])")
_RUNS_OF_SPACE = re.compile(r"[ \t]{2,}")
# Extraction junk: replacement characters go, every other space (no-break, en, em, thin, ideographic…)
# becomes a plain one, digits half width.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CLEAN = str.maketrans({"\ufffd": None} | dict.fromkeys(_SPACES, " ") | {chr(0xFF10 + d): str(d) for d in range(10)})
SENTENCE_END = "。！？"
PARAGRAPH_ENDS = "。！？；）)”」』】…"  # how a whole paragraph (not a title) ends
# The paired marks a wrap may cut between: an opening one ends a line, its closing twin starts the next.
BRACKET_PAIRS = (("（", "）"), ("“", "”"), ("《", "》"), ("〈", "〉"))


def clean_line(raw: str) -> str:
    """Drop extraction junk from one physical line; keep leading space (it marks a page/column break)."""
    return raw.translate(_CLEAN).rstrip()


def clean_text(raw: str) -> str:
    """`clean_line` for a whole text in one pass in C; the caller strips each line's end."""
    return raw.translate(_CLEAN)


_HALF_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！"})
_HALF_IN_CJK = re.compile(rf"(?<=[{CJK}]) *[,;:?!] *| *[,;:?!] *(?=[{CJK}])")
_HALF_PARENS = re.compile(r"\(([^()]*)\)")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def fullwidth_punctuation(text: str) -> str:
    """Half-width `,;:?!()` in Chinese context → full width (a converter's text may mix both paragraph by paragraph).

    A comma or colon between two digits (`27,321`, `8:30`) and brackets around Latin text stay as
    they are, unless Chinese text touches them.
    """
    text = _HALF_IN_CJK.sub(lambda m: m.group().strip().translate(_HALF_PUNCT), text)

    def paren(match: re.Match[str]) -> str:
        before = text[:match.start()].rstrip()[-1:]
        after = text[match.end():].lstrip()[:1]
        if _HAN_CHAR.search(match.group(1) + before + after):
            return f"（{match.group(1).strip()}）"
        return match.group()

    return _HALF_PARENS.sub(paren, text)


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def han_counts(text: str) -> Counter[str]:
    """How often each Han character occurs: the measure of "nothing lost" between a source and its pages."""
    return Counter(_NOT_HAN.sub("", text))  # counted in C, about 4× faster than a generator per character


def normalise_spaces(text: str) -> str:
    """Remove the spaces extraction put between Chinese characters, and between Chinese and Latin/digits."""
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _SPACE_BEFORE_LATIN.sub("", text)
    text = _SPACE_AFTER_LATIN.sub("", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 17)  # the parser's rules ask for the same line's key many times
def compact(text: str) -> str:
    """A whitespace-free key for comparing titles that differ only in spacing."""
    return "".join(text.split())


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines of one paragraph: no separator, except between two Latin words."""
    result = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if result.endswith("\u2010") and line[:1].isascii() and line[:1].isalpha():
            result = result[:-1]  # soft hyphen of a wrapped English word
        elif result and result[-1].isascii() and result[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            result += " "
        result += line
    return normalise_spaces(result)


@functools.lru_cache(maxsize=1 << 16)  # measured of each line by several rules in turn
def display_width(text: str) -> float:
    """Width in CJK cells: a Han character fills one cell, an ASCII character about half."""
    text = text.strip()
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


_MD_INLINE = re.compile(r"([\\`*_\[\]<>])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])")


def escape_inline(text: str) -> str:
    """Make plain text safe inside a Markdown line (a table cell cannot start a list or a heading)."""
    return _MD_INLINE.sub(r"\\\1", text)


def escape_markdown(text: str) -> str:
    """Make plain text safe as a Markdown paragraph: it must render as the same characters."""
    text = escape_inline(text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def consecutive_runs(numbers: list[int]) -> list[list[int]]:
    """`numbers` (ascending) in runs of consecutive ones: [1, 2, 3, 7] → [[1, 2, 3], [7]]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs
