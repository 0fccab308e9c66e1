"""content/ → Site: every page with its URL, its place in the tree and the reading order."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.contract.characters import without_controls
from site_gen.contract.front_matter import Kind, PageMeta, read_front_matter
from site_gen.errors import Diagnostic, SiteGenError, fail
from site_gen.files import read_regular

log = logging.getLogger(__name__)
SECTION_FILE = "_index.md"
_URL_BREAKING = set("#?%\\/")  # a fragment, a query, an escape, a separator: the page's URL would be another


@dataclass(eq=False, slots=True)
class Page:
    source: Path  # path relative to the project root, for diagnostics
    url: str  # path on the site, starting and ending with "/"
    front: PageMeta  # the front matter, checked and typed (contract/front_matter.py)
    body: str  # Markdown
    parent: Page | None = None
    children: list[Page] = field(default_factory=list)
    body_line: int = 1  # the file's line where the body starts, for diagnostics
    key_lines: dict[str, int] = field(default_factory=dict)  # front matter key → its line in the file

    @property
    def title(self) -> str:
        return self.front.title

    @property
    def kind(self) -> Kind:
        return self.front.kind

    @property
    def weight(self) -> int:
        return self.front.weight

    def ancestors(self) -> list[Page]:
        chain: list[Page] = []
        page = self.parent
        while page is not None:
            chain.insert(0, page)
            page = page.parent
        return chain

    def yearbook(self) -> Page:
        return ([*self.ancestors(), self])[0]


@dataclass(slots=True)
class Site:
    pages: list[Page]  # reading order: depth first, by weight
    by_url: dict[str, Page]

    def yearbooks(self) -> list[Page]:
        return [page for page in self.pages if page.parent is None]

    def leaves(self, root: Page) -> list[Page]:
        """The pages without children under `root`, in reading order (for previous/next)."""
        result: list[Page] = []
        for child in root.children:
            result.extend(self.leaves(child) if child.children else [child])
        return result


def load_site(content_dir: Path, root: Path, imported: Mapping[Path, Mapping[Path, str | None]] | None = None) -> Site:
    """Every page under `content_dir`. `imported`: book folders being written while this reads (cli.py) →
    the pages each will hold, with their text (None: read it from the file, which is not being written)."""
    imported = imported or {}
    shown_dir = content_dir.relative_to(root).as_posix() if content_dir.is_relative_to(root) else str(content_dir)
    if not imported and not content_dir.is_dir():  # a build would publish an empty site over the last one
        raise fail(shown_dir, "no content folder: `site-gen import` writes the yearbooks' pages there")
    known = {path: text for pages in imported.values() for path, text in pages.items()}
    files = sorted([*_page_files(content_dir, set(imported)), *known])
    if not files:
        raise fail(shown_dir, "no pages (*.md) in the content folder: `site-gen import` writes them")
    problems: list[Diagnostic] = []
    pages: dict[str, Page] = {}
    for path in files:
        shown = path.relative_to(root).as_posix()
        text = known.get(path)
        try:
            page = load_page(path, content_dir, shown) if text is None else page_of(text, path, content_dir, shown)
        except SiteGenError as exc:
            problems.extend(exc.diagnostics)
            continue
        if page.url in pages:
            problems.append(Diagnostic(shown, f"two pages have the URL {page.url}",
                                       hint=f"the other is {pages[page.url].source}"))
            continue
        pages[page.url] = page
    if problems:
        raise SiteGenError(problems)
    return _link_tree(pages)


def _page_files(content_dir: Path, skipped: set[Path]) -> Iterator[Path]:
    """The pages (*.md) under `content_dir`, but for those under the `skipped` folders: never walked, as
    another process may be writing them."""
    if not skipped:
        yield from content_dir.rglob("*.md")
        return
    for child in content_dir.iterdir() if content_dir.is_dir() else ():
        if child in skipped:
            continue
        if child.is_dir() and not child.is_symlink():  # (rglob does not follow a linked folder either)
            yield from child.rglob("*.md")
        elif child.suffix == ".md":
            yield child


def load_page(path: Path, content_dir: Path, shown: str) -> Page:
    data = read_regular(path, shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(shown, f"not valid UTF-8 at byte offset {exc.start}", data.count(b"\n", 0, exc.start) + 1,
                   hint="save the file as UTF-8") from None
    return page_of(text, path, content_dir, shown)


def page_of(text: str, path: Path, content_dir: Path, shown: str) -> Page:
    """The page a file at `path` holding `text` makes."""
    text, controls = without_controls(text)
    for line, _, codes in controls:  # typed by a stray key or pasted: a page cannot show them
        log.warning("%s", Diagnostic(shown, f"control characters left out of the page: {codes}", line,
                                     level="warning"))
    relative = path.relative_to(content_dir)
    parts = relative.parent.parts if path.name == SECTION_FILE else (*relative.parent.parts, path.stem)
    for part in parts:  # before the front matter: the name is wrong whatever the file holds
        _check_url_part(part, shown)
    front = read_front_matter(text, shown)
    url = "/" + "".join(f"{part}/" for part in parts)
    return Page(Path(shown), url, front.page, front.body, body_line=front.body_line, key_lines=front.key_lines)


def _check_url_part(name: str, shown: str) -> None:
    """A file's or folder's name as a segment of its page's URL: `..md` would be the URL of its folder's
    parent, `a#b.md` of a page `a` with an anchor."""
    if not name.strip("."):
        raise fail(shown, f"'{name}' cannot name a page: its URL would be its folder's or its parent's",
                   hint="rename it with letters or digits, e.g. page.md")
    breaking = sorted({ch for ch in name if ch in _URL_BREAKING or ord(ch) < 32 or 127 <= ord(ch) < 160})
    if breaking:
        shown_chars = " ".join(repr(ch) for ch in breaking)
        raise fail(shown, f"the name '{name}' holds {shown_chars}, which cannot stand in a page's URL",
                   hint="rename it with letters, digits and '-'")


def _link_tree(pages: dict[str, Page]) -> Site:
    roots: list[Page] = []
    for url, page in pages.items():
        parent_url = url[: url.rstrip("/").rfind("/") + 1]
        parent = pages.get(parent_url) if parent_url != url else None
        page.parent = parent if parent is not page else None
        (page.parent.children if page.parent else roots).append(page)
    orphans = [_orphan(page) for page in roots if page.kind != "yearbook"]
    if orphans:  # it would be listed as a yearbook of its own
        raise SiteGenError(orphans)
    order: list[Page] = []

    def visit(page: Page) -> None:
        order.append(page)
        page.children.sort(key=lambda p: (p.weight, p.url))
        for child in page.children:
            visit(child)

    roots.sort(key=lambda p: (p.weight, -(p.front.edition or 0), p.url))
    for page in roots:
        visit(page)
    return Site(order, {page.url: page for page in order})


def _orphan(page: Page) -> Diagnostic:
    """A page that is no yearbook's, with where it would belong."""
    if page.url.count("/") <= 2:
        return Diagnostic(page.source.as_posix(), "page outside any yearbook: a yearbook's pages are in its folder,"
                          " content/<id>/, beside its _index.md (kind: yearbook)", page.key_lines.get("kind", 2))
    folder = page.source.parent if page.source.name != SECTION_FILE else page.source.parent.parent
    return Diagnostic(page.source.as_posix(), f"page without a parent: {folder.as_posix()}/{SECTION_FILE} is missing",
                      hint="add it, or move the page into a folder that has one")
