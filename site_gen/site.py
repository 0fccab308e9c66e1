"""content/ → Site: every page with its URL, its place in the tree and the reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_gen.errors import Diagnostic, SiteGenError, fail

REQUIRED_KEYS = ("title", "kind")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
SECTION_FILE = "_index.md"
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")  # a top-level front matter key


@dataclass(eq=False, slots=True)
class Page:
    source: Path  # path relative to the project root, for diagnostics
    url: str  # path on the site, starting and ending with "/"
    meta: dict[str, Any]
    body: str  # Markdown
    parent: Page | None = None
    children: list[Page] = field(default_factory=list)
    body_line: int = 1  # the file's line where the body starts, for diagnostics
    key_lines: dict[str, int] = field(default_factory=dict)  # front matter key → its line in the file

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def kind(self) -> str:
        return str(self.meta["kind"])

    @property
    def weight(self) -> int:
        value = self.meta.get("weight", 0)
        return value if isinstance(value, int) else 0

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


def split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a content file; errors name file and line."""
    if not text.startswith("---\n"):
        raise fail(shown, "missing front matter: the file must start with a '---' line", 1)
    end = text.find("\n---\n", 3)
    if end < 0:
        end = text.find("\n---", 3) if text.endswith("\n---") else -1
        if end < 0:
            raise fail(shown, "front matter is not closed by a '---' line", 1)
    try:
        meta = yaml.load(text[4:end + 1], Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(shown, f"invalid front matter: {getattr(exc, 'problem', exc)}",
                   mark.line + 2 if mark else 1, mark.column + 1 if mark else None) from None
    if not isinstance(meta, dict):
        raise fail(shown, "front matter must be a mapping of keys to values", 2)
    return meta, text[end + 5:]


def load_site(content_dir: Path, root: Path) -> Site:
    problems: list[Diagnostic] = []
    pages: dict[str, Page] = {}
    for path in sorted(content_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        try:
            page = load_page(path, content_dir, shown)
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


def load_page(path: Path, content_dir: Path, shown: str) -> Page:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(shown, f"not valid UTF-8 at byte offset {exc.start}", data.count(b"\n", 0, exc.start) + 1,
                   hint="save the file as UTF-8") from None
    meta, body = split_front_matter(text, shown)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    key_lines: dict[str, int] = {}
    for number, line in enumerate(text[: len(text) - len(body)].split("\n")[1:], start=2):
        found = _KEY.match(line)
        if found:
            key_lines.setdefault(found[1], number)
    for key in REQUIRED_KEYS:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise fail(shown, f"front matter needs a non-empty '{key}'", key_lines.get(key, 2))
    relative = path.relative_to(content_dir)
    parts = relative.parent.parts if path.name == SECTION_FILE else (*relative.parent.parts, path.stem)
    url = "/" + "".join(f"{part}/" for part in parts)
    return Page(Path(shown), url, meta, body, body_line=body_line, key_lines=key_lines)


def _link_tree(pages: dict[str, Page]) -> Site:
    roots: list[Page] = []
    for url, page in pages.items():
        parent_url = url[: url.rstrip("/").rfind("/") + 1]
        parent = pages.get(parent_url) if parent_url != url else None
        page.parent = parent if parent is not page else None
        (page.parent.children if page.parent else roots).append(page)
    order: list[Page] = []

    def visit(page: Page) -> None:
        order.append(page)
        page.children.sort(key=lambda p: (p.weight, p.url))
        for child in page.children:
            visit(child)

    roots.sort(key=lambda p: (p.weight, -int(p.meta.get("edition", 0) or 0), p.url))
    for page in roots:
        visit(page)
    return Site(order, {page.url: page for page in order})
