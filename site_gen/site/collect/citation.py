"""How a page is cited, made once per page and shown everywhere alike: the citation box, the meta tags
a reference manager reads (Highwire `citation_*`, schema.org JSON-LD), the RIS and BibTeX downloads and
the data export all take their fields from one `Citation`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.config import Config
from site_gen.site.load.pages import Page

_PAGE_COLUMN = re.compile(r"^(\d+)([abc]?)$")  # `385a`: page 385, first column


@dataclass(frozen=True, slots=True)
class Citation:
    title: str
    authors: tuple[str, ...]
    book: str  # the yearbook's title as printed
    year: int | None  # the edition's year of publication
    first_page: str | None  # `385`
    printed_page: str | None  # `第385页a栏`, as a reader cites a printed page
    publisher: str | None
    place: str | None  # 出版地
    editor: str | None  # the book's 主要责任者 (its editorial board)
    url: str  # absolute when base_url names a host
    language: str
    last_page: str | None = None  # where a part is known to end (a range `32-36` in the reference)

    @property
    def reference(self) -> str:
        """A GB/T 7714—2025 reference to a part of a book read online (图书中的析出文献, electronic form), the
        book's 主要责任者 before its title where known, set as the standard sets its examples (ASCII marks, no
        spaces after them): `杨斌.“最美人墙”志愿服务[M/OL]//上城年鉴编纂委员会.上城年鉴（2022）.北京:方志出版社,
        2022:385.https://…/.` No 引用日期: the 2025 edition keeps it for sources that change (websites, web
        pages, datasets, preprints), not for a book's part."""
        imprint = ":".join(part for part in (self.place, self.publisher) if part)
        where = ",".join(str(part) for part in (imprint, self.year) if part)
        if self.first_page:
            pages = f"{self.first_page}-{self.last_page}" if self.last_page else self.first_page
            where += f":{pages}"
        authors = ",".join(self.authors)
        book = f"{self.editor}.{self.book}" if self.editor else self.book
        kind = "[M/OL]" if self.url else "[M]"  # (no URL: the printed book's part)
        reference = f"{authors + '.' if authors else ''}{self.title}{kind}//{book}.{where + '.' if where else ''}"
        return f"{reference}{self.url}." if self.url else reference

    def linked_data(self) -> dict[str, object]:
        """The page as schema.org sees it: a chapter (a part) of the yearbook, its authors and first page."""
        book: dict[str, object] = {"@type": "Book", "name": self.book}
        if self.year:
            book["datePublished"] = str(self.year)
        if self.publisher:
            book["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.place:
            book["locationCreated"] = {"@type": "Place", "name": self.place}
        if self.editor:
            book["editor"] = {"@type": "Organization", "name": self.editor}
        data: dict[str, object] = {"@context": "https://schema.org", "@type": "Chapter", "name": self.title,
                                   "url": self.url, "inLanguage": self.language, "isPartOf": book}
        if self.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in self.authors]
        if self.first_page:
            data["pageStart"] = self.first_page
        return data

    def fields(self) -> dict[str, object]:
        """The citation as the data export gives it: the same fields the page shows."""
        return {"title": self.title, "authors": list(self.authors), "book": self.book, "year": self.year,
                "first_page": self.first_page, "printed_page": self.printed_page, "publisher": self.publisher,
                "place": self.place, "editor": self.editor, "url": self.url, "reference": self.reference}


def imprint(book: Page, config: Config) -> tuple[str | None, str | None, str | None]:
    """(publisher, place, editor) of a yearbook, as site.yaml gives them; None where it does not."""
    configured = next((b for b in config.yearbooks if b.id == book.front.yearbook), None)
    return (configured.publisher, configured.place, configured.editor) if configured else (None, None, None)


def cite(page: Page, config: Config) -> Citation:
    book = page.yearbook()
    publisher, place, editor = imprint(book, config)
    match = _PAGE_COLUMN.match(str(page.front.page)) if page.front.page else None
    edition = book.front.edition
    return Citation(
        title=page.title, authors=tuple(str(a) for a in page.front.authors), book=book.title,
        year=edition if isinstance(edition, int) else None, first_page=match[1] if match else None,
        printed_page=f"第{match[1]}页" + (f"{match[2]}栏" if match[2] else "") if match else None,
        publisher=publisher, place=place, editor=editor,
        url=permalink(config.base_url, page.url), language=config.language)


def permalink(base_url: str, path: str) -> str:
    """The address a reader cites: absolute when base_url is a full URL, else the site path."""
    if has_host(base_url):
        return base_url.rstrip("/") + "/" + path.lstrip("/")
    return "/" + base_url.strip("/") + ("/" if base_url.strip("/") else "") + path.lstrip("/")


def no_host_note(base_url: str) -> str:
    """What a site without a host in its base_url gives up (`site-gen -v build` and `site-gen check` say it)."""
    return (f"site.yaml: note: base_url '{base_url}' names no host, so citations and permanent links give a path "
            "on the site, not a full address (set base_url: https://<host>/… before publishing)")


def has_host(base_url: str) -> bool:
    return "://" in base_url
