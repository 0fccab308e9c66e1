"""A scanned page (a PDF page without a text layer) read by OCR into the characters and rules the layout reader
(pdf.py) reads a text page by: each character with its box, its line's size and baseline; each ruling line of a
table found in the image.

RapidOCR runs the PaddleOCR models (PP-OCR, trained for Chinese print) on ONNX Runtime: both are wheels from PyPI
and the models ship inside the rapidocr wheel, so OCR works offline after `pip install` with no system package.
Tesseract's chi_sim, the other engine a registry offers, read our typeset pages with far more errors (it runs
lines across the gutter and reads 〔〕 as []). A page takes seconds: each is kept on disk (`Kept`) and a
progress bar (`Progress`) shows the pages read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from statistics import median
from typing import Any

from site_gen.yearbook.text import consecutive_runs

RULE_ACROSS = 40  # points: the shortest horizontal rule of a table (a title's stroke at 36 points is shorter)
RULE_DOWN = 12  # points: the shortest vertical rule (one row of a table)
VERSION = "3"  # of what read_page gives: kept pages of another version are read again
INK = 160  # a pixel darker than this (of 255) is ink
DPI = 300  # a scan is rendered at this resolution for the engine (the models were trained on print at it)
UNCERTAIN = 0.95  # a line the engine is less sure of than this is listed in the import report for an editor
BODY_NEAR = 0.12  # a line measured this close to the body size is set in it
LATIN_SPACE = 0.25  # ems: a gap this wide between two digits or Latin letters is a space
HAN_SPACE = 0.34  # ems: a gap this wide between two Han characters is a space (their own gaps are narrower)
SHORT = 6  # ems: a line shorter is measured by its height too
SIZE_GAP = 1.04  # other sizes measured this close to the next are one size
# the Chinese print convention: punctuation next to a Han character is full width; the engine often reads it half
_HALF = str.maketrans(",;:?!", "，；：？！")
_PARENS = str.maketrans("()", "（）")
_HALF_MARK = re.compile(r"(?<![A-Za-z0-9])[,;:?!]|[,;:?!](?![A-Za-z0-9])")
_SQUARE_CLOSE = re.compile(r"〔([^〔〕\[\]]*)\]")
_SQUARE_OPEN = re.compile(r"\[([^〔〕\[\]]*)〕")
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…]"  # (· is half width in most faces)
_WIDE_CHAR = re.compile(_WIDE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPENING = tuple("（「『【《“‘〔")
_CLOSING = tuple("，。、；：？！）」』】》”’〕")

log = logging.getLogger(__name__)


class OcrMissing(Exception):
    """No OCR engine can be loaded here."""


@dataclass(slots=True)
class OcrLine:
    text: str
    confidence: float
    box: tuple[float, float, float, float]  # its ink: x0, y0, x1, y1 in points from the page's top left
    chars: list[tuple[str, float, float]]  # (character, x0, x1) in points
    gaps: list[tuple[float, float]] = field(default_factory=list)  # in its ink: (middle, width) in points
    size: float = 0.0  # the size it is set in, in points


@dataclass(slots=True)
class OcrPage:
    lines: list[OcrLine]
    rules: list[tuple[bool, float, float, float]] = field(default_factory=list)  # (horizontal, at, from, to)

    def to_json(self) -> str:
        return json.dumps({"lines": [[line.text, line.confidence, line.box, line.chars, line.gaps]
                                     for line in self.lines], "rules": self.rules}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> OcrPage:
        data = json.loads(text)
        lines = [OcrLine(t, float(c), (box[0], box[1], box[2], box[3]), [(ch, x0, x1) for ch, x0, x1 in chars],
                         [(middle, width) for middle, width in gaps]) for t, c, box, chars, gaps in data["lines"]]
        return cls(lines, [(bool(h), at, start, end) for h, at, start, end in data["rules"]])


@cache
def _engine() -> Any:
    try:
        from rapidocr import RapidOCR

        return RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False,  # pages stand upright
                                "Global.text_score": 0.0,  # nothing dropped: unsure lines are listed instead
                                "Det.unclip_ratio": 2.0})  # (boxes padded more: a “ set high is kept)
    except (ImportError, OSError, RuntimeError) as exc:  # (a broken install: rapidocr, onnxruntime or a model)
        raise OcrMissing(str(exc)) from None


def ensure_engine() -> None:
    """Load the engine (a second), or raise OcrMissing."""
    _engine()


def read_page(page: Any) -> OcrPage:
    """The lines and rules of a pypdfium2 page, read from its image."""
    scale = DPI / 72
    image = page.render(scale=scale, grayscale=True).to_numpy()
    image = image.reshape(image.shape[0], image.shape[1])
    found = _engine()(image, return_word_box=True, return_single_char_box=True)
    lines: list[OcrLine] = []
    if found.boxes is None:  # (nothing on the page)
        return OcrPage(lines, _rules(image, scale))
    for box, text, score, words in zip(found.boxes, found.txts, found.scores, found.word_results, strict=True):
        xs, ys = [float(p[0]) / scale for p in box], [float(p[1]) / scale for p in box]  # (numpy's: not JSON's)
        chars = [(word[0], float(min(p[0] for p in word[2])) / scale, float(max(p[0] for p in word[2])) / scale)
                 for word in words if word[0]]
        if "".join(c for c, _, _ in chars) != text:  # (words not one per character: spread the line's width)
            step = (max(xs) - min(xs)) / max(len(text), 1)
            chars = [(c, min(xs) + k * step, min(xs) + (k + 1) * step) for k, c in enumerate(text)]
        for part, left, right in _parts(image, scale, chars, (min(xs), min(ys), max(xs), max(ys))):
            ink = _ink(image, scale, (left, min(ys), right, max(ys)))
            if part[0][0] in _OPENING and ink[0] - left > (ink[3] - ink[1]) / 3:  # a “ set high, above the box
                ink = (left, *ink[1:])
            line = OcrLine("".join(c for c, _, _ in part), float(score), ink, _fitted(part, ink[0], ink[2]))
            line.gaps = _gaps(image, scale, ink)
            lines.append(line)
    return OcrPage(lines, _rules(image, scale))


def _parts(image: Any, scale: float, chars: list[tuple[str, float, float]], box: tuple[float, float, float, float]
           ) -> list[tuple[list[tuple[str, float, float]], float, float]]:
    """The engine's line cut where its ink leaves a gap an em wide or wider (it may read two columns' lines as
    one): each part's characters and its left and right edge."""
    x0, y0, x1, y1 = (max(0, int(v * scale)) for v in box)
    runs, width = _blank_runs(image, x0, y0, x1, y1)
    gaps = [((x0 + run[0]) / scale, (x0 + run[-1] + 1) / scale) for run in runs
            if len(run) >= (y1 - y0) * 0.9 and run[0] > 0 and run[-1] < width - 1]
    parts: list[tuple[list[tuple[str, float, float]], float, float]] = []
    left = box[0]
    for start, end in [*gaps, (box[2], box[2])]:
        part = [c for c in chars if left <= (c[1] + c[2]) / 2 < start or (end == box[2] and (c[1] + c[2]) / 2 >= left)]
        chars = [c for c in chars if c not in part]
        if part:
            parts.append((part, left, start))
        left = end
    return parts


def _ink(image: Any, scale: float, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The box of the ink inside the engine's box (which it pads), in points: its left and right edge from the
    middle of its rows (the padding may reach the lines above and below)."""
    x0, y0, x1, y1 = (max(0, round(v * scale)) for v in box)
    ink = image[y0:y1 + 1, x0:x1 + 1] < INK
    band = max(1, (y1 - y0) // 5)
    columns, rows = ink[band:-band or None].any(axis=0).nonzero()[0], ink.any(axis=1).nonzero()[0]
    if not len(columns):
        return box
    return ((x0 + int(columns[0])) / scale, (y0 + int(rows[0])) / scale, (x0 + int(columns[-1]) + 1) / scale,
            (y0 + int(rows[-1]) + 1) / scale)


def _fitted(chars: list[tuple[str, float, float]], left: float, right: float) -> list[tuple[str, float, float]]:
    """The characters' places (the engine's estimate) stretched to span the ink from `left` to `right`."""
    start, end = chars[0][1], chars[-1][2]
    stretch = (right - left) / (end - start) if end > start else 1.0
    return [(c, left + (x0 - start) * stretch, left + (x1 - start) * stretch) for c, x0, x1 in chars]


def _gaps(image: Any, scale: float, box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The gaps in a line's ink a fifth of its height wide or wider: (middle, width) in points."""
    x0, y0, x1, y1 = (int(v * scale) for v in box)
    runs, _ = _blank_runs(image, x0, y0, x1, y1)
    return [((x0 + (run[0] + run[-1] + 1) / 2) / scale, len(run) / scale) for run in runs if len(run) >= (y1 - y0) / 5]


def _blank_runs(image: Any, x0: int, y0: int, x1: int, y1: int) -> tuple[list[list[int]], int]:
    """The runs of columns without ink in the image's box x0..x1, y0..y1 (pixels, counted from x0), and the
    box's width."""
    blank = ~(image[y0:y1 + 1, x0:x1 + 1] < INK).any(axis=0)
    return consecutive_runs(blank.nonzero()[0].tolist()), len(blank)


def put_spaces(pages: Iterable[OcrPage]) -> None:
    """A space put back where the ink leaves a gap of a quarter em or more between two Latin letters or digits
    (`表4 2018年`), or of a third of an em between two Han characters (the names of a credit; Chinese print sets
    Han characters closer): the engine reads Chinese print without spaces. (After measure_sizes: an em is the
    line's size.)"""
    for line in (line for page in pages for line in page.lines):
        chars, at = list(line.chars), 0
        for middle, width in line.gaps:
            while at + 1 < len(chars) and (chars[at + 1][1] + chars[at + 1][2]) / 2 < middle:
                at += 1
            if at + 1 < len(chars) and _spaced_apart(chars[at][0], chars[at + 1][0], width / (line.size or 1)):
                chars.insert(at + 1, (" ", middle, middle))
                at += 1
        line.chars = chars
        line.text = "".join(c for c, _, _ in chars)


def _spaced_apart(before: str, after: str, gap: float) -> bool:
    """Whether a gap of `gap` ems between two characters is a space."""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return gap >= LATIN_SPACE
    return gap >= HAN_SPACE and bool(_HAN.match(before)) and bool(_HAN.match(after))


def full_width(text: str) -> str:
    """A line with Chinese in it with its marks as print sets them, full width: the engine reads many as half
    width. A comma or colon between two digits or Latin letters (1,000 and 8:30) stays; a bracket the engine
    read square closes or opens a 〔〕 pair as its partner does (`〔2018]`)."""
    if not _HAN.search(text):
        return text
    text = _HALF_MARK.sub(lambda m: m[0].translate(_HALF), text.translate(_PARENS))
    return _SQUARE_CLOSE.sub(r"〔\1〕", _SQUARE_OPEN.sub(r"〔\1〕", text))


def measure_sizes(pages: Iterable[OcrPage]) -> None:
    """Each line's size in points, so that lines set in one size have one size, as in a text layer. A line is
    measured by the width of its ink over its characters (Chinese print sets a full-width character one em wide,
    a digit or Latin letter about half); a short line also by its height, scaled as the long lines' heights are
    to their sizes, and the measure nearer the body size is taken (a short line's width says less). A scan
    measures with some noise: every line within BODY_NEAR of the body size (the most common size of long lines)
    is set in it; the other sizes (headings, small print) are grouped where they stand close together."""
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return
    widths = {id(line): _by_width(line) for line in lines}
    long = [line for line in lines if widths[id(line)][1] >= SHORT]
    ratio = median(widths[id(line)][0] / (line.box[3] - line.box[1]) for line in long) if long else 1.0
    body = Counter(round(widths[id(line)][0] * 4) / 4 for line in long).most_common(1)[0][0] if long else \
        median((line.box[3] - line.box[1]) * ratio for line in lines)
    measured = {}
    for line in lines:
        width, ems = widths[id(line)]
        height = (line.box[3] - line.box[1]) * ratio
        measured[id(line)] = width if ems >= SHORT else min((width, height) if width else (height,),
                                                            key=lambda size: abs(size - body))
    others: list[list[float]] = []
    for size in sorted(size for size in measured.values() if abs(size - body) > body * BODY_NEAR):
        if others and size <= others[-1][-1] * SIZE_GAP:
            others[-1].append(size)
        else:
            others.append([size])
    snapped = {size: round(median(group) * 2) / 2 for group in others for size in group}
    body = round(body * 2) / 2
    for line in lines:
        line.size = snapped.get(measured[id(line)], body)


def _by_width(line: OcrLine) -> tuple[float, float]:
    """(the size the line's ink width gives, the ems it counts): a full-width character one em and another half,
    an opening mark first and a closing mark last half (they set their ink in half their em); (0, ems) for a
    line under 1.5 em."""
    text = full_width(line.text)
    ems = sum(1.0 if _WIDE_CHAR.match(c) else 0.5 for c in text if not c.isspace())
    ems -= 0.5 * (text[:1] in _OPENING) + 0.5 * (text[-1:] in _CLOSING) + 0.1  # (and a hair of side bearings)
    return ((line.box[2] - line.box[0]) / ems if ems >= 1.5 else 0.0), ems


def _rules(image: Any, scale: float) -> list[tuple[bool, float, float, float]]:
    """The ruling lines of the image: long thin runs of ink, horizontal or vertical, in points."""
    import cv2  # (opencv ships with rapidocr)

    ink = (image < INK).astype("uint8")
    rules = []
    for horizontal in (True, False):  # (a rule across a table is longer than a stroke of a large title)
        length = int((RULE_ACROSS if horizontal else RULE_DOWN) * scale)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for k in range(1, count):
            x, y, w, h = (int(v) for v in stats[k][:4])
            if horizontal and h <= 2 * scale:
                rules.append((True, (y + h / 2) / scale, x / scale, (x + w) / scale))
            elif not horizontal and w <= 2 * scale:
                rules.append((False, (x + w / 2) / scale, y / scale, (y + h) / scale))
    return rules


class Kept:
    """The OCR of a PDF's pages kept on disk, by the PDF's bytes, the page and the reader's version."""

    def __init__(self, path: Path, folder: Path | None) -> None:
        self.folder = folder
        self.key = hashlib.sha256(path.read_bytes()).hexdigest()[:32] if folder else ""

    def _file(self, k: int) -> Path:
        assert self.folder is not None
        return self.folder / f"{self.key}-{k + 1}-{VERSION}.json"

    def get(self, k: int) -> OcrPage | None:
        if self.folder is None:
            return None
        try:
            return OcrPage.from_json(self._file(k).read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError):  # (not kept, or kept by a run cut short)
            return None

    def put(self, k: int, page: OcrPage) -> OcrPage:
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                part = self._file(k).with_suffix(".part")
                part.write_text(page.to_json(), encoding="utf-8")
                part.replace(self._file(k))
            except OSError as exc:  # (a full or read-only disk: the import goes on, the page is read again next time)
                log.warning("cannot keep the OCR of a page in %s: %s", self.folder, exc)
        return page


class Progress:
    """A progress bar on standard error when it is a terminal; a log line per page otherwise."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.started = label, total, 0, time.monotonic()
        self.tty = sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        each = (time.monotonic() - self.started) / self.done
        if self.tty:
            filled = 30 * self.done // self.total
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} pages, "
                             f"{each:.1f} s a page ")
            sys.stderr.flush()
        else:
            log.info("%s: page %d of %d (%.1f s a page)", self.label, self.done, self.total, each)

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\n")
