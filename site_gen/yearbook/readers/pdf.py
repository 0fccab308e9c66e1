"""A text PDF (the print file) read by its layout into the Markdown shape (readers.py), as a Word manuscript is
(word.py): what the text extracted from a PDF has lost, the PDF still knows.

- **Reading order**: each page's lines are cut where a gap wider than a character runs through them; a page
  whose body lines stand left and right of one gutter is read column by column, a line across the gutter (a
  title over both columns) where it stands.
- **Furniture by position**: lines in the top or bottom tenth of a page, apart from the text block, are its
  running head (书眉) or its folio (页码); they are dropped and reported, and the folio is the page's printed
  number: each line of the Markdown knows the printed page it was set on.
- **Headings by size**: lines set larger than the body text are headings, the largest size the first level.
- **Bold by face**: a run at body size set in another face — bold, or 黑体 as Chinese books set emphasis — is
  `**bold**` (a 【title】 so set opens an entry).
- **Paragraphs by indent**: a line indented past its column's left edge, or after a line that stopped short of
  the right edge, opens a paragraph; lines of a paragraph are joined across columns and pages.
- **Tables by their rules**: horizontal and vertical lines that cross make a grid; the characters in each
  cell are its text, and the grid is a pipe table.

PDFium (pypdfium2) reads the file: it is Chrome's PDF engine, fast (C, a page in milliseconds) and ships as a
wheel with no system library.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_gen.errors import fail
from site_gen.yearbook.text import PARAGRAPH_ENDS, consecutive_runs

FURNITURE_BAND = 0.1  # share of the page height at its top and its bottom where running heads and folios stand
HEADING_SIZE = 1.15  # a line this much larger than the body text is a heading
_FOLIO_MARKS = r"[\s·•.．。\-—–_~〔〕\[\]()（）第页]*"  # (a scan's · may be read as a full stop)
_FOLIO = re.compile(rf"^{_FOLIO_MARKS}(\d{{1,4}}|[ivxlcdm]{{1,6}}){_FOLIO_MARKS}$", re.I)
_BOLD_FACE = re.compile(r"bold|black|heavy|hei|黑|semibold|demi", re.I)
_SPACE_IN_BOLD = re.compile(r"(\s+)\*\*(?=\S|$)")  # `【概况】 **` → `【概况】** `: a bold run ends at its last mark
REPEATED_HEADER = "续表重复的表头"  # model.REPEATED_HEADER (the readers know no model): a header set again
_NO_LINE_START = tuple("，。、；：！？）」』】》”’…")  # marks Chinese typesetting never sets at a line's start
RULE = 1.5  # points: a path this thin is a rule (a line), not a shape
MIN_GUTTER = 4  # points: the narrowest gutter between two columns


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float
    size: float
    face: str
    base: float = 0.0  # the baseline, from the top of the page: a line's characters share it


@dataclass(slots=True)
class Piece:
    """A run of characters on one line, with no wide gap inside."""

    chars: list[Char]
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    table: list[list[str]] | None = None  # a ruled table standing here instead of text
    left: float = 0.0  # the edges of the column (or the page's text block) it stands in
    right: float = 0.0
    across: bool = False  # a line (a title) or table across both columns

    def __post_init__(self) -> None:
        if self.chars:
            self.x0 = min(c.x0 for c in self.chars)
            self.x1 = max(c.x1 for c in self.chars)
            self.y0 = min(c.y0 for c in self.chars)
            self.y1 = max(c.y1 for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def size(self) -> float:
        return Counter(round(c.size * 2) / 2 for c in self.chars if not c.text.isspace()).most_common(1)[0][0] \
            if self.chars else 0.0


@dataclass(slots=True)
class PdfText:
    """A PDF read: its Markdown, and what each Markdown line came from."""

    markdown: str
    folios: dict[int, str] = field(default_factory=dict)  # Markdown line → the printed page it was set on
    pages: dict[int, int] = field(default_factory=dict)  # Markdown line → the PDF page (1-based)
    furniture: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, PDF page, text, 书眉|页码)
    textless: list[int] = field(default_factory=list)  # PDF pages with no text, even by OCR
    ocr: list[int] = field(default_factory=list)  # PDF pages read by OCR (scans)
    uncertain: list[tuple[int, str, float]] = field(default_factory=list)  # OCR lines to check: (page, text, conf.)
    page_count: int = 0


def is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-")


def read_pdf(path: Path, shown: str, ocr_cache: Path | None = None) -> PdfText:
    """The PDF at `path` as Markdown; errors name it as `shown`. Pages without a text layer (scans) are read by
    OCR (ocr.py), page by page with a progress bar on a terminal, each page kept in `ocr_cache` (a minute's work
    not done twice)."""
    import pypdfium2 as pdfium  # imported when a PDF is read: 30 ms

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise fail(shown, "the PDF is encrypted (it asks for a password): save an unprotected copy first",
                       1) from None
        raise fail(shown, f"cannot read the PDF: {str(exc).rstrip('.')}", 1,
                   hint="is the file damaged or cut short?") from None
    try:
        found = [_text_layer(document[k]) for k in range(len(document))]
        scanned = [k for k, layer in enumerate(found) if not layer.chars]
        uncertain = _read_scans(document, path, scanned, found, shown, ocr_cache) if scanned else []
    finally:
        document.close()
    result = _markdown([_layout(layer) for layer in found])
    result.ocr = [k + 1 for k in scanned if found[k].chars]
    result.textless = [k for k in result.textless if k not in result.ocr]
    result.uncertain = uncertain
    return result


@dataclass(slots=True)
class _Layer:
    """What a page holds before its layout is read: characters and ruling lines, from its text layer or by OCR."""

    chars: list[Char]
    rules: list[tuple[bool, float, float, float]]  # (horizontal, at, from, to), y measured from the top
    width: float
    height: float


def _read_scans(document: Any, path: Path, scanned: list[int], found: list[_Layer], shown: str,
                ocr_cache: Path | None) -> list[tuple[int, str, float]]:
    """The pages `scanned` (indexes into `found`) of the PDF at `path` read by OCR into `found` (or taken from
    `ocr_cache`); the lines the engine was unsure of: (PDF page, text, confidence)."""
    from site_gen.yearbook.readers import ocr  # (17 ms a book of text PDFs never pays; the engine: a second more)

    kept = ocr.Kept(path, ocr_cache)
    read = {k: page for k in scanned if (page := kept.get(k)) is not None}
    if len(read) < len(scanned):
        try:
            ocr.ensure_engine()
        except ocr.OcrMissing as exc:
            pages = f"{len(scanned)} of its {len(found)} pages have" if len(scanned) < len(found) else \
                f"none of its {len(found)} pages has"
            raise fail(shown, f"{pages} a text layer (a scan), and no OCR engine can be loaded: {exc}", 1,
                       hint="reinstall site-gen (its OCR needs rapidocr and onnxruntime), or give the book's text") \
                from None
        bar = ocr.Progress(f"OCR {shown}", len(scanned) - len(read))
        for k in scanned:
            if k not in read:
                read[k] = kept.put(k, ocr.read_page(document[k]))
                bar.step()
        bar.end()
    ocr.measure_sizes(read.values())
    ocr.put_spaces(read.values())
    uncertain = []
    for k in scanned:
        for line in read[k].lines:
            text = ocr.full_width(line.text)  # (as a whole: a mark is made full width by its neighbours)
            middle, half = (line.box[1] + line.box[3]) / 2, line.size / 2
            found[k].chars += [Char(c, x0, middle - half, x1, middle + half, line.size, "", middle + half * 0.76)
                               for c, (_, x0, x1) in zip(text, line.chars, strict=True)]
            if line.confidence < ocr.UNCERTAIN:
                uncertain.append((k + 1, text, line.confidence))
        found[k].rules = read[k].rules
    return uncertain


@dataclass(slots=True)
class _Page:
    pieces: list[Piece]
    width: float
    height: float
    gutter: float | None  # the x between two columns; None: one column


def _text_layer(page: Any) -> _Layer:
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    chars: list[Char] = []
    left, bottom, right, top, origin_x, origin_y = (raw.c_double() for _ in range(6))
    name = (raw.c_char * 128)()
    flags = raw.c_int()
    faces: dict[tuple[str, int], str] = {}
    for k in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, k)
        if raw.FPDFText_IsGenerated(textpage, k) and code != 0x20:  # (a space PDFium sees between words stays)
            continue
        if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
            continue
        raw.FPDFText_GetCharBox(textpage, k, left, right, bottom, top)
        size = raw.FPDFText_GetFontSize(textpage, k)
        raw.FPDFText_GetFontInfo(textpage, k, name, 128, flags)
        face = name.value.decode("latin-1", "replace")
        weight = raw.FPDFText_GetFontWeight(textpage, k)
        key = (face, weight)
        faces.setdefault(key, f"{face}#{'bold' if weight >= 600 else ''}")  # one string per face: compared often
        raw.FPDFText_GetCharOrigin(textpage, k, origin_x, origin_y)
        chars.append(Char(chr(code), left.value, height - top.value, right.value, height - bottom.value, size,
                          faces[key], height - origin_y.value))
    textpage.close()
    return _Layer(chars, _rules(page, height) if chars else [], width, height)


def _layout(layer: _Layer) -> _Page:
    tables, chars = _tables(_grids(layer.rules), layer.chars)
    pieces, gutter = _pieces(chars, layer.width, layer.height, tables)
    return _Page([*pieces, *tables], layer.width, layer.height, gutter)


def _rules(page: Any, height: float) -> list[tuple[bool, float, float, float]]:
    """The ruling lines a page draws: (horizontal, at, from, to), y measured from the top."""
    import pypdfium2.raw as raw

    rules: list[tuple[bool, float, float, float]] = []
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        for (x0, y0), (x1, y1) in _segments(obj):  # a grid may be one path of many lines
            if abs(y1 - y0) <= RULE and abs(x1 - x0) > RULE * 4:
                rules.append((True, height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= RULE and abs(y1 - y0) > RULE * 4:
                rules.append((False, (x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))
    return rules


def _grids(rules: list[tuple[bool, float, float, float]]) -> list[tuple[list[float], list[float]]]:
    """The ruled grids among `rules`: (the y of its rules from the top, the x of its vertical rules), one per set
    of rules that cross each other."""
    group = list(range(len(rules)))

    def root(k: int) -> int:
        while group[k] != k:
            group[k] = group[group[k]]
            k = group[k]
        return k

    for i, (flat, at, start, end) in enumerate(rules):
        for j in range(i + 1, len(rules)):
            other = rules[j]
            if other[0] != flat and start - RULE <= other[1] <= end + RULE and other[2] - RULE <= at <= other[3] + RULE:
                group[root(i)] = root(j)
    grids = []
    for members in _groups(group, root):
        xs = sorted({round(rules[k][1], 1) for k in members if not rules[k][0]})
        ys = sorted({round(rules[k][1], 1) for k in members if rules[k][0]})
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append((ys, xs))
    return grids


def _segments(obj: Any) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight lines a path object draws, in page coordinates."""
    import pypdfium2.raw as raw

    matrix = obj.get_matrix()
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = raw.c_float(), raw.c_float()
    lines = []
    start = here = None
    for k in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = here = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and here is not None:
            lines.append((here, point))
        here = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            lines.append((here, start))
            here = start
    return lines


def _groups(group: list[int], root: Any) -> list[list[int]]:
    found: dict[int, list[int]] = {}
    for k in range(len(group)):
        found.setdefault(root(k), []).append(k)
    return list(found.values())


def _tables(grids: list[tuple[list[float], list[float]]], chars: list[Char]) -> tuple[list[Piece], list[Char]]:
    """Each grid as a piece holding its table; the characters outside every grid."""
    pieces = []
    for ys, xs in grids:
        inside = [c for c in chars if xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1] and ys[0] <= (c.y0 + c.y1) / 2 <= ys[-1]]
        taken = set(map(id, inside))
        chars = [c for c in chars if id(c) not in taken]
        rows: list[list[list[Char]]] = [[[] for _ in xs[1:]] for _ in ys[1:]]
        for char in inside:
            row = _slot(ys, (char.y0 + char.y1) / 2)
            col = _slot(xs, (char.x0 + char.x1) / 2)
            rows[row][col].append(char)
        cells = [[_cell_text(cell) for cell in row] for row in rows]
        cells = [row for row in cells if any(row)]
        if cells:
            piece = Piece([], xs[0], xs[-1], ys[0], ys[-1], table=cells)
            pieces.append(piece)
    return pieces, chars


def _slot(edges: list[float], at: float) -> int:
    return max(0, min(len(edges) - 2, next((k for k in range(len(edges) - 1) if at < edges[k + 1]), len(edges) - 2)))


def _cell_text(chars: list[Char]) -> str:
    return "".join(piece.text for piece in _lines_of(chars)).strip()


def _lines_of(chars: list[Char]) -> list[Piece]:
    """Characters grouped into lines (by their vertical middle), each in reading order."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.base, c.x0)):
        if lines and abs(char.base - lines[-1][-1].base) <= max(char.size, 1) * 0.3:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [Piece(sorted(line, key=lambda c: c.x0)) for line in lines]


def _pieces(chars: list[Char], width: float, height: float, tables: list[Piece]) -> tuple[list[Piece], float | None]:
    """The page's lines, each cut in two where the gutter between two columns runs through it (a title across
    both columns stays whole), and the gutter's x (None: one column)."""
    lines = _lines_of(chars)
    found = _gutter([*lines, *tables], width, height)
    gutter, wide = found or (None, 0.0)
    pieces = []
    for line in lines:
        left = [c for c in line.chars if gutter is None or c.x0 < gutter]  # (a mark hanging into the gutter: left)
        right = [c for c in line.chars if gutter is not None and c.x0 >= gutter]
        inked = [c for c in left if not c.text.isspace()]
        if inked and right and right[0].x0 - inked[-1].x1 < wide / 2:  # no gap as wide as the gutter: a title
            whole = Piece(line.chars)
            whole.across = True
            pieces.append(whole)
            continue
        pieces += [Piece(part) for part in (left, right) if "".join(c.text for c in part).strip()]
    return pieces, gutter


def _gutter(lines: list[Piece], width: float, height: float) -> tuple[float, float] | None:
    """The right edge of a vertical band in the middle third of the page that hardly a character covers (running
    heads and folios aside), with lines on both sides of it: (the band's middle, its width)."""
    covered = [0] * (int(width) + 2)
    band = height * FURNITURE_BAND
    for line in lines:
        spans = [(line.x0, line.x1)] if line.table is not None else [
            (c.x0, c.x1) for c in line.chars if not c.text.isspace() and band < (c.y0 + c.y1) / 2 < height - band]
        for x0, x1 in spans:  # (a table covers its width: the columns stand beside it)
            for x in range(max(0, int(x0) + 1), min(len(covered), int(x1))):
                covered[x] += 1
    middle = range(int(width / 3), int(width * 2 / 3))
    if len(lines) < 4 or not middle:
        return None
    low = min(covered[x] for x in middle)
    if low > len(lines) * 0.05:
        return None
    run = max(consecutive_runs([x for x in middle if covered[x] == low]), key=len)
    gutter = (run[0] + run[-1] + 1) / 2
    left = sum(len(line.table or [line]) for line in lines if line.x0 < gutter)  # (a table: its rows)
    right = sum(len(line.table or [line]) for line in lines if line.x1 > gutter)
    return (gutter, float(len(run))) if len(run) >= MIN_GUTTER and min(left, right) >= 3 else None


def _markdown(pages: list[_Page]) -> PdfText:
    body = [c for page in pages for piece in page.pieces for c in piece.chars if not c.text.isspace()]
    result = PdfText("", page_count=len(pages))
    if not body:
        result.textless = list(range(1, len(pages) + 1))
        return result
    body_size = Counter(round(c.size * 2) / 2 for c in body).most_common(1)[0][0]
    body_face = Counter(c.face for c in body if round(c.size * 2) / 2 == body_size).most_common(1)[0][0]
    heading_sizes = sorted({p.size for page in pages for p in page.pieces
                            if p.chars and p.size >= body_size * HEADING_SIZE}, reverse=True)
    out = _Writer(result, body_size, body_face, heading_sizes)
    for number, page in enumerate(pages, start=1):
        pieces = [p for p in page.pieces if p.table is not None or p.text.strip()]
        if not pieces:
            result.textless.append(number)
            continue
        text_block, furniture = _furniture(pieces, page.height)
        furniture = [part for piece in furniture for part in _apart(piece)]
        folio = next((p.text.strip() for p in furniture if _FOLIO.match(p.text.strip())), None)
        out.page(number, folio)
        for piece in furniture:
            reason = "页码" if _FOLIO.match(piece.text.strip()) else "书眉"
            result.furniture.append((out.line, number, piece.text.strip(), reason))
        for piece in _reading_order(text_block, page.gutter):
            out.piece(piece)
    out.end()
    return result


def _furniture(pieces: list[Piece], height: float) -> tuple[list[Piece], list[Piece]]:
    """(the text block, the running heads and folios): lines in the page's top or bottom band that stand apart
    from the text block."""
    band = height * FURNITURE_BAND
    furniture = []
    for piece in pieces:
        if piece.table is not None:
            continue
        tall = piece.y1 - piece.y0
        if piece.y1 < band:
            below = [p.y0 for p in pieces if p.y0 > piece.y1]
            if not below or min(below) - piece.y1 > tall:
                furniture.append(piece)
        elif piece.y0 > height - band:
            above = [p.y1 for p in pieces if p.y1 < piece.y0]
            if not above or piece.y0 - max(above) > tall:
                furniture.append(piece)
    return [p for p in pieces if p not in furniture], furniture


def _apart(piece: Piece) -> list[Piece]:
    """A line of furniture cut where a gap of two ems or more runs through it: a running head and the folio set
    at the outer corner of the same line are two."""
    parts: list[list[Char]] = []
    last: Char | None = None  # the last inked character
    for char in piece.chars:
        if parts and (char.text.isspace() or last is None or char.x0 - last.x1 < 2 * max(char.size, 1)):
            parts[-1].append(char)
        else:
            parts.append([char])
        last = last if char.text.isspace() else char
    return [Piece(part) for part in parts] if len(parts) > 1 else [piece]


def _reading_order(pieces: list[Piece], gutter: float | None) -> list[Piece]:
    """Column by column between the lines (and tables) that cross the gutter, where the page has one."""
    if gutter is None:
        return _edged(sorted(pieces, key=_line_order))
    ordered: list[Piece] = []
    band: list[Piece] = []
    for piece in sorted(pieces, key=_line_order):
        if piece.across or (piece.table is not None and piece.x0 < gutter < piece.x1):  # the columns above: first
            ordered += _columns(band, gutter)
            ordered += _edged([piece])
            band = []
        else:
            band.append(piece)
    return ordered + _columns(band, gutter)


def _line_order(piece: Piece) -> tuple[float, float]:
    return (piece.chars[0].base if piece.chars else piece.y0), piece.x0


def _columns(pieces: list[Piece], gutter: float) -> list[Piece]:
    left = [p for p in pieces if p.x0 < gutter]  # (a line's last mark may hang into the gutter)
    right = [p for p in pieces if p.x0 >= gutter]
    return _edged(sorted(left, key=_line_order)) + _edged(sorted(right, key=_line_order))


def _edged(pieces: list[Piece]) -> list[Piece]:
    """`pieces`, each told the edges of the column they make up."""
    if pieces:
        left, right = min(p.x0 for p in pieces), max(p.x1 for p in pieces)
        for piece in pieces:
            piece.left, piece.right = left, right
    return pieces


class _Writer:
    """Pieces in reading order → Markdown lines: headings, paragraphs joined across lines, columns and pages,
    bold runs, pipe tables; the printed page of each line."""

    def __init__(self, result: PdfText, body_size: float, body_face: str, heading_sizes: list[float]) -> None:
        self.result, self.body_size, self.body_face = result, body_size, body_face
        self.levels = {size: min(level, 6) for level, size in enumerate(heading_sizes, start=1)}
        self.lines: list[str] = []
        self.paragraph: list[str] = []
        self.last: Piece | None = None
        self.folio: str | None = None
        self.number = 0

    @property
    def line(self) -> int:
        return len(self.lines) + 1

    def page(self, number: int, folio: str | None) -> None:
        self.number, self.folio = number, folio.strip("·•.．。-—–_~ 〔〕[]()（）第页") if folio else None

    def piece(self, piece: Piece) -> None:
        if piece.table is not None:
            self._flush()
            rows = [[cell.replace("|", "｜") for cell in row] for row in piece.table]
            if self.last is None and self.header == rows[0] and self.lines and self.lines[-1] == "":
                self.lines.pop()  # a table continued in the next column or page, its header set again
                self.result.furniture.append((self.line, self.number, " ".join(rows[0]), REPEATED_HEADER))
                rows = rows[1:]
            else:
                self.header = rows[0]
                self._emit("| " + " | ".join(rows[0]) + " |")
                self._emit("| " + " | ".join("---" for _ in rows[0]) + " |")
                rows = rows[1:]
            for row in rows:
                self._emit("| " + " | ".join(row) + " |")
            self._emit("")
            self.last = None
            return
        self.header = None
        level = self.levels.get(piece.size)
        if level:
            heading = piece.text.strip()
            if self.last is not None and self.last.size == piece.size and self.paragraph and self._heading_open:
                self.paragraph.append(heading)  # a title set on two lines
                return
            self._flush()
            self._add(heading)
            self._heading_open = True
            self._level = level
            self.last = piece
            return
        if self._heading_open:
            self._flush()
        starts = self.last is None or self._opens(piece)
        if starts:
            self._flush()
        self._add(self._marked(piece))
        self.last = piece

    def _add(self, text: str) -> None:
        if not self.paragraph:
            self.started = (self.folio, self.number)
        self.paragraph.append(text)

    _heading_open = False
    _level = 0
    started: tuple[str | None, int] = (None, 0)  # (folio, PDF page) where the open paragraph began
    header: list[str] | None = None  # the header row of the table just set, while nothing else follows it

    def _opens(self, piece: Piece) -> bool:
        """Whether `piece` opens a paragraph: indented from its column's left edge, or after a line that
        stopped short of its column's right edge (or stood apart from it, as a credit set right)."""
        last = self.last
        assert last is not None
        size = self.body_size
        if piece.text.lstrip().startswith(_NO_LINE_START):  # (no line opens with these: the line before goes on)
            return False
        if piece.size != self.body_size:  # small print (a caption, a note), often centred: its lines run on
            return last.size != piece.size or piece.y0 - last.y1 > piece.size / 2
        short = last.right - last.x1
        ended = short > size * 1.5 and (last.text.rstrip().endswith(tuple(PARAGRAPH_ENDS)) or short > size * 5)
        return piece.x0 - piece.left > size * 0.8 or ended or last.x0 - last.left > size * 4

    def _marked(self, piece: Piece) -> str:
        """The piece's text with runs in another face at body size as **bold**."""
        out, bold = [], False
        for char in piece.chars:
            is_bold = not char.text.isspace() and char.face != self.body_face and (
                _BOLD_FACE.search(char.face) is not None)
            if char.text.isspace():
                is_bold = bold
            if is_bold != bold:
                out.append("**")
                bold = is_bold
            out.append(char.text)
        if bold:
            out.append("**")
        return "".join(out).strip()

    def _flush(self) -> None:
        if not self.paragraph:
            return
        text = _SPACE_IN_BOLD.sub(r"**\1", "".join(self.paragraph).replace("****", ""))
        if self._heading_open:
            text = "#" * self._level + " " + text
            self._heading_open = False
        self._emit(text, self.started)
        self._emit("")
        self.paragraph = []

    def _emit(self, text: str, at: tuple[str | None, int] | None = None) -> None:
        """A Markdown line, set on the printed page `at` (folio, PDF page): where its paragraph started."""
        folio, number = at or (self.folio, self.number)
        if folio is not None:
            self.result.folios[self.line] = folio
        self.result.pages[self.line] = number
        self.lines.append(text)

    def end(self) -> None:
        self._flush()
        self.result.markdown = "\n".join(self.lines) + "\n"
