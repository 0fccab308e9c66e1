"""A yearbook's imported model typeset as its print PDF would be, for the PDF reader's tests: A4, two columns,
running heads (the book's title on even pages, the category's on odd ones) and folios, category and section
titles larger and in 黑体, each entry's 【title】 in 黑体, the body in 宋体, credits set right, tables ruled with
their captions. reportlab lays it out; the fonts are Debian's (fonts-arphic-uming, fonts-wqy-zenhei).

`python -m tests.typeset BOOK_ID FOLDER` typesets one of the bundled books, a PDF per source text.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from site_gen.config import SourceConfig, YearbookConfig
from site_gen.yearbook.model import Entry, Yearbook
from site_gen.yearbook.parse import parse_yearbook

BODY, HEI = "Ming", "Hei"  # the faces' names in the default layout: 宋体 text, 黑体 titles


@dataclasses.dataclass(frozen=True)
class Layout:
    """How a book is set: the default is the usual yearbook (A4, two columns, 宋体 text at 10.5 points, 黑体
    titles, the folio centred at the foot); others test what the reader must not assume."""

    columns: int = 2
    page: tuple[float, float] = A4
    margin: float = 18 * mm
    body: str = "AR PL UMing CN"  # font families (fontconfig)
    titles: str = "WenQuanYi Zen Hei"
    size: float = 10.5
    folio: str = "· {} ·"
    folio_on_top: bool = False  # at the top outer corner, beside the running head


# 16开 (185 × 260 mm), one column, 黑体 text at 10 points and 宋体 titles, the folio `第N页` at the top outer corner
ONE_COLUMN = Layout(columns=1, page=(185 * mm, 260 * mm), margin=20 * mm, body="WenQuanYi Micro Hei",
                    titles="AR PL UMing CN", size=10, folio="第{}页", folio_on_top=True)
_MARK = re.compile(r"\*\*|__|`")


def font_file(family: str) -> str:
    """The file of an installed font family (fontconfig)."""
    found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout
    if not found:
        raise FileNotFoundError(family)
    return found


def _face(family: str) -> str:
    """The reportlab name of a font family, registered on first use."""
    name = {"AR PL UMing CN": BODY, "WenQuanYi Zen Hei": HEI}.get(family, family.replace(" ", ""))
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, font_file(family), subfontIndex=0))
    return name


def _styles(layout: Layout) -> dict[str, ParagraphStyle]:
    body_face, title_face, size = _face(layout.body), _face(layout.titles), layout.size
    body = ParagraphStyle("body", fontName=body_face, fontSize=size, leading=size * 10 / 7, firstLineIndent=size * 2,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    return {
        "body": body,
        "category": ParagraphStyle("category", fontName=title_face, fontSize=20, leading=28, alignment=TA_CENTER,
                                   spaceBefore=12, spaceAfter=12, wordWrap="CJK"),
        "section": ParagraphStyle("section", fontName=title_face, fontSize=14, leading=20, alignment=TA_CENTER,
                                  spaceBefore=8, spaceAfter=6, wordWrap="CJK"),
        "credit": ParagraphStyle("credit", parent=body, alignment=TA_RIGHT, firstLineIndent=0),
        "document": ParagraphStyle("document", fontName=title_face, fontSize=12, leading=18, alignment=TA_CENTER,
                                   spaceBefore=8, spaceAfter=4, wordWrap="CJK"),
        "caption": ParagraphStyle("caption", fontName=title_face, fontSize=9, leading=13, alignment=TA_CENTER,
                                  spaceBefore=4, spaceAfter=2, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=body_face, fontSize=8, leading=10.5, wordWrap="CJK"),
        "photo": ParagraphStyle("photo", fontName=body_face, fontSize=9, leading=12, alignment=TA_CENTER,
                                spaceBefore=3, spaceAfter=3, wordWrap="CJK"),
    }


class _Category(Flowable):
    """Marks where a category starts, for the running heads of the pages after it."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def wrap(self, *_: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._category = self.title  # type: ignore[attr-defined]


def _plain(text: str) -> str:
    return escape(_MARK.sub("", text))


def _blocks(blocks: list[str], styles: dict[str, ParagraphStyle], lead: str = "", width: float = 84 * mm
            ) -> list[Flowable]:
    """An entry's (or section's) Markdown blocks as paragraphs and ruled tables (`width` wide); `lead` opens the
    first paragraph."""
    flow: list[Flowable] = []
    titles = styles["section"].fontName
    for block in blocks:
        if block.startswith("::: table"):
            head, *rows = block.split("\n")
            caption = head.removeprefix("::: table").strip()
            cells = [[Paragraph(_plain(c.strip()), styles["cell"]) for c in row.strip().strip("|").split("|")]
                     for row in rows if row.startswith("|") and not re.match(r"^\|\s*-", row)]
            if caption:
                flow.append(Paragraph(_plain(caption), styles["caption"]))
            if cells:
                count = max(len(r) for r in cells)
                cells = [r + [Paragraph("", styles["cell"])] * (count - len(r)) for r in cells]
                table = Table(cells, colWidths=[width * 0.95 / count] * count, repeatRows=1)
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"),
                                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                flow.append(table)
            continue
        if block.startswith("::: caption"):  # a photo's caption: small, centred under where the photo stands
            caption = " ".join(line for line in block.split("\n")[1:] if not line.startswith(":::"))
            flow.append(Paragraph(_plain(caption), styles["photo"]))
            continue
        if block.startswith("::: glossary"):  # a 资料 box: its title, then each term and its definition
            items = [line for line in block.split("\n")[1:] if line.strip() and not line.startswith(":::")]
            title, items = (items[0], items[1:]) if items and not items[0].startswith(":") else ("", items)
            if title:
                flow.append(Paragraph(f'<font name="{titles}">{_plain(title)}</font>', styles["body"]))
            for term, definition in zip(items[::2], items[1::2], strict=False):
                flow.append(Paragraph(f"{_plain(term)}：{_plain(definition.lstrip(':').strip())}", styles["body"]))
            continue
        lines = [line for line in block.split("\n") if not line.startswith(":::")]
        for line in lines:
            if line.strip().startswith("#"):  # a heading inside the page: a line in 黑体, as print sets it
                flow.append(Paragraph(f'<font name="{titles}">{_plain(line.lstrip("#").strip())}</font>',
                                      styles["body"]))
            elif line.strip():
                text = _plain(line.strip().lstrip(":").strip())
                flow.append(Paragraph(lead + text, styles["body"]))
                lead = ""
    if lead:
        flow.append(Paragraph(lead, styles["body"]))
    return flow


def _entry(entry: Entry, styles: dict[str, ParagraphStyle], credited: bool = True, width: float = 84 * mm
           ) -> list[Flowable]:
    if entry.kind in ("table", "list"):  # a table or a list of names under its title, as the appendix prints them
        title = [] if entry.kind == "table" and any(b.startswith("::: table") for b in entry.blocks) else \
            [Paragraph(escape(entry.title), styles["document" if entry.kind == "list" else "caption"])]
        return title + _blocks(entry.blocks, styles, width=width)
    if entry.kind == "person" and entry.blocks and entry.blocks[0].startswith(entry.title):  # 徐荣培 男，1970年…
        first = f'<font name="{styles["section"].fontName}">{escape(entry.title)}</font> ' \
                f'{_plain(entry.blocks[0][len(entry.title):])}'
        return [Paragraph(first, styles["body"]), *_blocks(entry.blocks[1:], styles, width=width),
                *_credit(entry, styles, credited)]
    if entry.kind == "document":  # a document printed in full: its title centred, its issuer and date set right
        closing = [b for b in entry.blocks[-2:] if len(b) < 40 and not b.startswith("#")]
        flow = [Paragraph(escape(entry.title), styles["document"])]
        flow += _blocks(entry.blocks[:len(entry.blocks) - len(closing)], styles, width=width)
        return flow + [Paragraph(_plain(line), styles["credit"]) for line in closing]
    flow = _blocks(entry.blocks, styles, f'<font name="{styles["section"].fontName}">【{escape(entry.title)}】</font>',
                   width)
    return flow + _credit(entry, styles, credited)


def _credit(entry: Entry, styles: dict[str, ParagraphStyle], credited: bool) -> list[Flowable]:
    if not (credited and entry.authors):
        return []
    return [Paragraph(f"（{escape(' '.join(entry.authors))}）", styles["credit"])]


def typeset_book(book: YearbookConfig, folder: Path, layout: Layout = Layout()) -> YearbookConfig:
    """Each source of `book` imported and typeset as a PDF in `folder`; returns the book with those PDFs as its
    sources (in the same order, each with its `category:`, whose title a text that prints none does not print)."""
    sources = []
    for source in book.sources:
        part = parse_yearbook(dataclasses.replace(book, sources=(source,)))
        pdf = typeset(part, folder / f"{source.path.stem}.pdf", titled=source.category is None, layout=layout)
        sources.append(SourceConfig(pdf, source.category, None))
    return dataclasses.replace(book, sources=tuple(sources))


def typeset(book: Yearbook, path: Path, titled: bool = True, layout: Layout = Layout()) -> Path:
    """Write `book` as a print-like PDF at `path` (`titled`: with its categories' titles); returns `path`."""
    styles = _styles(layout)
    width, height = layout.page
    margin, gap, columns = layout.margin, 6 * mm, layout.columns
    column = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + k * (column + gap), 20 * mm, column, height - 45 * mm, id=f"c{k}", leftPadding=0,
                    rightPadding=0, topPadding=0, bottomPadding=0) for k in range(columns)]

    def furniture(canvas: Any, doc: Any) -> None:
        number = doc.page
        head = book.title if number % 2 == 0 else getattr(canvas, "_category", book.title)
        canvas.setFont(styles["body"].fontName, 9)
        canvas.drawCentredString(width / 2, height - 15 * mm, head)
        canvas.setLineWidth(0.3)
        canvas.line(margin, height - 17 * mm, width - margin, height - 17 * mm)
        folio = layout.folio.format(number)
        if not layout.folio_on_top:
            canvas.drawCentredString(width / 2, 10 * mm, folio)
        elif number % 2:  # (the outer corner: right on a recto, left on a verso)
            canvas.drawRightString(width - margin, height - 15 * mm, folio)
        else:
            canvas.drawString(margin, height - 15 * mm, folio)

    doc = BaseDocTemplate(str(path), pagesize=layout.page, title=book.title,
                          pageTemplates=[PageTemplate(id="two", frames=frames, onPage=furniture)])
    flow: list[Flowable] = []
    for category in book.categories:
        flow.append(_Category(category.title))
        if titled:
            flow.append(Paragraph(escape(category.title), styles["category"]))
        flow += _blocks(category.blocks, styles, width=column)
        for section in category.sections:
            flow.append(Paragraph(escape(section.title), styles["section"]))
            flow += _blocks(section.blocks, styles, width=column)
            for k, entry in enumerate(section.entries):
                following = section.entries[k + 1] if k + 1 < len(section.entries) else None
                closes = following is None or entry.credit_line is None or following.credit_line != entry.credit_line
                # a credit closing a group of entries: once, after it
                flow += _entry(entry, styles, credited=closes, width=column)
                flow.append(Spacer(1, 2))
    doc.build(flow)
    return path


if __name__ == "__main__":
    from site_gen.config import load_config

    config = load_config(Path("site.yaml"))
    book_config = next(b for b in config.yearbooks if b.id == sys.argv[1])
    print(typeset_book(book_config, Path(sys.argv[2])))


def scan_book(book: YearbookConfig, folder: Path, dpi: int = 300) -> YearbookConfig:
    """`book`'s PDF sources rasterised as a scanner would (poppler's pdftoppm, greyscale at `dpi`) and bound again
    as PDFs of images, with no text layer, in `folder`; returns the book with those as its sources."""
    from PIL import Image

    sources = []
    for source in book.sources:
        pages = folder / source.path.stem
        pages.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source.path), str(pages / "p")], check=True)
        images = [Image.open(png) for png in sorted(pages.glob("p-*.png"))]
        scan = folder / f"{source.path.stem}-scan.pdf"
        images[0].save(scan, save_all=True, append_images=images[1:], resolution=dpi)
        sources.append(dataclasses.replace(source, path=scan))
    return dataclasses.replace(book, sources=tuple(sources))
