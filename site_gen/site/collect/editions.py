"""The same section or entry across editions: 区委重要会议 in 2019 and in 2022.

Pages are counterparts when their kind and title (spacing aside) are the same in two or more yearbooks
and the title is unique within each of them (so `综述` or `概况`, printed under many categories, never
pairs up). Each group gets a comparison page showing its pages side by side, newest edition first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from site_gen.site.load.pages import Page, Site
from site_gen.slug import slugify

COMPARE_PATH = "compare/"
KINDS = {"category": "category", "section": "section", "entry": "entry", "document": "entry"}


@dataclass(frozen=True, slots=True)
class Editions:
    title: str
    url: str  # the comparison page
    pages: tuple[Page, ...]  # newest edition first


def find_editions(site: Site) -> dict[str, Editions]:
    """Page URL → the group it belongs to (only pages that have counterparts)."""
    groups: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for page in site.pages:
        if page.kind in KINDS:
            groups[KINDS[page.kind], "".join(page.title.split())].append(page)
    result: dict[str, Editions] = {}
    taken: set[str] = set()
    for (kind, _), pages in groups.items():
        books = [p.yearbook() for p in pages]
        if len(set(map(id, books))) < 2 or len(set(map(id, books))) != len(books):
            continue
        pages.sort(key=lambda p: _edition(p.yearbook()), reverse=True)
        slug = f"{kind}-{slugify(pages[0].title)}"
        while slug in taken:
            slug += "-2"
        taken.add(slug)
        group = Editions(pages[0].title, f"/{COMPARE_PATH}{slug}/", tuple(pages))
        result.update({p.url: group for p in pages})
    return result


def groups_of(editions: dict[str, Editions]) -> list[Editions]:
    """Each group once (`find_editions` maps every page of a group to it), in the order first met."""
    return list({id(group): group for group in editions.values()}.values())


def _edition(book: Page) -> int:
    value = book.front.edition
    return value if isinstance(value, int) else 0


def others_view(page: Page, group: Editions | None) -> dict[str, object] | None:
    """The other editions of a page, and the comparison page, as a template sees them."""
    if group is None:
        return None
    return {"compare": group.url,
            "others": [{"book": p.yearbook().title, "url": p.url} for p in group.pages if p is not page]}
