"""Placing categories with the book's own index, where the text prints no title line for some of them.

The index gives every category, section and entry a printed page. Entries matched to their index
term carry that page into the text, so each category's first entry (the first one whose page falls
in the category's page range) tells where the category begins.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field

from site_gen.yearbook.model import BookIndex, IndexTerm
from site_gen.yearbook.readers.block import Block
from site_gen.yearbook.text import compact

FUZZY_TITLE_RATIO = 0.8  # the index rewords 4 entry titles slightly (ratios 0.86–0.98)


@dataclass(slots=True)
class Placement:
    categories: list[IndexTerm] = field(default_factory=list)  # in page order
    first_entry_line: dict[str, int] = field(default_factory=dict)  # category → line of its first entry
    entry_page: dict[int, str] = field(default_factory=dict)  # entry title line → printed page
    section_page: dict[str, str] = field(default_factory=dict)  # compact section title → printed page
    reworded: dict[int, str] = field(default_factory=dict)  # entry title line → the index's other wording
    paged_lines: list[int] = field(default_factory=list)  # the lines of the entries the index gives pages, in order

    def names(self) -> set[str]:
        return {compact(term.term) for term in self.categories}


def place(index: BookIndex | None, titles: list[tuple[int, str]], lines: list[Block]) -> Placement:
    """Classify the index terms as entries, sections or categories and locate the categories."""
    if index is None:
        return Placement()
    by_key: dict[str, list[int]] = {}
    for line_no, title in titles:
        by_key.setdefault(compact(title), []).append(line_no)
    heading_keys = _heading_keys(lines)
    result = Placement()
    unmatched: list[IndexTerm] = []
    for term in index.terms:
        if term.key in by_key:
            for line_no in by_key[term.key]:
                result.entry_page[line_no] = term.locator
        elif not term.column:  # only categories are indexed without a column letter
            result.categories.append(term)
        elif term.key in heading_keys:
            result.section_page[term.key] = term.locator
        else:
            unmatched.append(term)
    _match_reworded(unmatched, titles, result)
    result.categories.sort(key=lambda t: t.order)
    _locate_categories(result, titles)
    result.paged_lines = sorted(result.entry_page)
    return result


def _heading_keys(lines: list[Block]) -> set[str]:
    keys = {compact(line.text) for line in lines if len(line.text) <= 20}
    keys.update(compact(a.text + b.text) for a, b in itertools.pairwise(lines)
                if len(a.text) <= 16 and len(b.text) <= 16)
    return keys


def _match_reworded(unmatched: list[IndexTerm], titles: list[tuple[int, str]], result: Placement) -> None:
    """Terms the index words differently from the body: the closest unmatched title, else a category."""
    free = [(line_no, compact(title)) for line_no, title in titles if line_no not in result.entry_page]
    for term in unmatched:
        best = max(free, key=lambda item: difflib.SequenceMatcher(None, term.key, item[1]).ratio(),
                   default=None)
        if best and difflib.SequenceMatcher(None, term.key, best[1]).ratio() >= FUZZY_TITLE_RATIO:
            result.entry_page[best[0]] = term.locator
            result.reworded[best[0]] = term.term
            free.remove(best)
        else:
            result.categories.append(term)


def _locate_categories(result: Placement, titles: list[tuple[int, str]]) -> None:
    paged = sorted((line_no, page_order(result.entry_page[line_no])) for line_no, _ in titles
                   if line_no in result.entry_page)
    after = 0
    for i, category in enumerate(result.categories):
        upper = result.categories[i + 1].order if i + 1 < len(result.categories) else (10**6, "")
        first = next((line_no for line_no, order in paged
                      if line_no > after and category.order <= order < upper), None)
        if first is not None:
            result.first_entry_line[compact(category.term)] = first
            after = first


def page_order(locator: str) -> tuple[int, str]:
    """`85b` → (85, "b"): printed pages in order."""
    digits = locator.rstrip("abc")
    return (int(digits), locator[len(digits):])
