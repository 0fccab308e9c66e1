"""The model → `content/<yearbook>/…` Markdown files with YAML front matter.

Every generated file carries a digest of its own text; a file whose text no longer matches its
digest was edited by a person, and a re-import keeps it.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_gen.contract.front_matter import DIGEST_KEY
from site_gen.files import TEMPORARY, read_regular, write_if_changed
from site_gen.slug import unique_slug
from site_gen.yearbook.model import Category, Entry, Section, Yearbook
from site_gen.yearbook.stamp import UNFINISHED


@dataclass(slots=True)
class EmitReport:
    written: int = 0
    unchanged: int = 0
    kept_edited: list[Path] = field(default_factory=list)
    removed: int = 0
    changed: list[Path] = field(default_factory=list)  # pages written or removed
    backed_up: list[Path] = field(default_factory=list)  # copies of edited pages `--force` overwrote


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: same text, faster


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def page_text(meta: dict[str, Any], blocks: list[str]) -> str:
    """The file's text: front matter ending with the digest of everything else."""
    head = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    body = "\n\n".join(blocks)
    unsigned = f"---\n{head}---\n\n{body}\n" if body else f"---\n{head}---\n"
    signed_head = head + f"{DIGEST_KEY}: {digest_of(unsigned)}\n"
    return unsigned.replace(f"---\n{head}---\n", f"---\n{signed_head}---\n", 1)


def is_hand_edited(text: str) -> bool:
    """True when the text differs from what the importer signed (or was never signed). An empty file
    is what a crash of the machine left, not an edit."""
    if not text:
        return False
    lines = text.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if line == "---":
            return True  # front matter closed without a digest
        if line.startswith(f"{DIGEST_KEY}: "):
            unsigned = "\n".join(lines[:i] + lines[i + 1:])
            return digest_of(unsigned) != line.split(": ", 1)[1].strip()
    return True


class _Pages:
    """The text of every page of one yearbook, by path, before anything is written."""

    def __init__(self, book: Yearbook) -> None:
        self.book = book
        self.texts: dict[Path, str] = {}

    def write(self, path: Path, meta: dict[str, Any], blocks: list[str]) -> None:
        self.texts[path] = page_text(meta, blocks)

    def base(self, title: str, kind: str, source: str, weight: int) -> dict[str, Any]:
        return {"title": title, "kind": kind, "yearbook": self.book.id, "source": source, "weight": weight}


def render_pages(book: Yearbook, content_dir: Path) -> dict[Path, str]:
    """Every page of the book as it would be written under `content_dir`."""
    root = content_dir / book.id
    pages = _Pages(book)
    first = book.categories[0].span if book.categories else None
    meta = pages.base(book.title, "yearbook", str(first) if first else "", 0)
    meta.update({"edition": book.edition, "covers": book.covers, "sources": [f"sources/{s}" for s in book.sources]})
    pages.write(root / "_index.md", meta, [])
    taken: set[str] = set()
    items: list[Entry | Category] = [*book.front, *book.categories, *book.back]
    for weight, item in enumerate(items, start=1):
        slug = unique_slug(item.title, taken)
        if isinstance(item, Category):
            _emit_category(pages, item, root / slug, weight)
        else:
            pages.write(root / f"{slug}.md", pages.base(item.title, item.kind, str(item.span), weight), item.blocks)
    return pages.texts


def emit_yearbook(book: Yearbook, content_dir: Path) -> EmitReport:
    """Render and write one book's pages."""
    return emit_pages(render_pages(book, content_dir), content_dir / book.id, {})


def emit_pages(texts: dict[Path, str], root: Path, extra: dict[Path, str], backup: Path | None = None,
               project: Path | None = None) -> EmitReport:
    """Write a book's rendered pages (and `extra` generated files) under `root`; keep pages a person
    edited and remove generated pages the import no longer produces. With a `backup` folder, edited
    pages are copied there (under their path relative to `project`) and then overwritten or removed."""
    return plan_emit(texts, root, extra, backup, project).apply()


@dataclass(slots=True)
class EmitPlan:
    """What writing a book's pages will do, decided (every page there read) before a byte is written: the
    pages' texts are then known without reading them back (`generated`), and the writing can go on in
    another process while a build reads them (cli.py)."""

    root: Path
    report: EmitReport  # as it will be once applied
    writes: dict[Path, str] = field(default_factory=dict)  # pages to write
    extra: dict[Path, str] = field(default_factory=dict)  # generated files beside them, written if changed
    removals: list[Path] = field(default_factory=list)
    saves: list[tuple[Path, Path]] = field(default_factory=list)  # (edited page, its copy) before it goes
    generated: dict[Path, str] = field(default_factory=dict)  # the pages that will hold the import's text
    stamp: tuple[Path, str] | None = None  # written last: what the pages were made from (stamp.py)

    def pages(self) -> dict[Path, str | None]:
        """Every page the folder will hold once applied, with its text where it is the import's (None: a
        page a person edited, as it is on disk)."""
        return {**self.generated, **dict.fromkeys(self.report.kept_edited)}

    def apply(self) -> EmitReport:
        if self.stamp is not None and (self.writes or self.removals):  # a stamp no import writes: until the
            write_if_changed(self.stamp[0], UNFINISHED.encode())  # last page is written, the book is stale
        for page, copy in self.saves:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, copy)
        for path, text in self.writes.items():
            write_if_changed(path, text.encode("utf-8"))
        for leftover in self.root.rglob(TEMPORARY):  # a killed run's: no other writer is at work (lock.py)
            leftover.unlink()
        for path in self.removals:
            path.unlink()
        for folder in sorted((p for p in self.root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(folder.iterdir()):
                folder.rmdir()
        for path, text in [*self.extra.items(), *([self.stamp] if self.stamp else [])]:
            self.report.written += write_if_changed(path, text.encode("utf-8"))
        return self.report


def plan_emit(texts: dict[Path, str], root: Path, extra: dict[Path, str], backup: Path | None = None,
              project: Path | None = None) -> EmitPlan:
    """What `emit_pages` will do (same arguments), reading every page already there but writing nothing."""
    project = project or root
    plan = EmitPlan(root, EmitReport(), extra=extra)
    report = plan.report
    for path, text in texts.items():
        if path.exists():
            current = read_regular(path, _shown(path, project)).decode("utf-8", errors="surrogateescape")
            if current == text:
                report.unchanged += 1
                plan.generated[path] = text
                continue
            if is_hand_edited(current):
                if backup is None:
                    report.kept_edited.append(path)
                    continue
                plan.saves.append((path, _backup_copy(path, backup, project)))
        plan.writes[path] = text
        plan.generated[path] = text
        report.written += 1
        report.changed.append(path)
    _plan_removals(set(texts), plan, backup, project)
    report.backed_up = [copy for _, copy in plan.saves]
    return plan


def _shown(path: Path, project: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)


def _backup_copy(path: Path, backup: Path, project: Path) -> Path:
    """Where a hand-edited page is saved before it is overwritten or removed."""
    return backup / path.relative_to(project)


def _emit_category(pages: _Pages, category: Category, folder: Path, weight: int) -> None:
    meta = pages.base(category.title, "category", str(category.span), weight)
    meta.update({"page": category.page, "subtitle": category.subtitle})
    if category.chronicle:
        meta["chronicle"] = True
    pages.write(folder / "_index.md", meta, category.blocks)
    taken: set[str] = set()
    for number, section in enumerate(category.sections, start=1):
        _emit_section(pages, category, section, folder / unique_slug(section.title, taken), number)


def _emit_section(pages: _Pages, category: Category, section: Section, folder: Path, weight: int) -> None:
    meta = pages.base(section.title, "section", str(section.span), weight)
    meta.update({"category": category.title, "page": section.page})
    if section.chronicle:
        meta["chronicle"] = True
    pages.write(folder / "_index.md", meta, section.blocks)
    taken: set[str] = set()
    for number, entry in enumerate(section.entries, start=1):
        pages.write(folder / f"{unique_slug(entry.title, taken)}.md",
                    _entry_meta(pages, category, section, entry, number), entry.blocks)


def _entry_meta(pages: _Pages, category: Category, section: Section, entry: Entry,
                weight: int) -> dict[str, Any]:
    meta = pages.base(entry.title, entry.kind, str(entry.span), weight)
    meta.update({"category": category.title, "section": section.title, "authors": entry.authors,
                 "page": entry.page})
    if entry.person:
        meta["person"] = entry.person
    if entry.chronicle:
        meta["chronicle"] = True
    if entry.group:
        meta["group"] = entry.group
    if entry.index_term:
        meta["index_term"] = entry.index_term  # how the book's index words the title: the live index needs it
    return meta


def _plan_removals(produced: set[Path], plan: EmitPlan, backup: Path | None, project: Path) -> None:
    """Generated pages the import no longer produces (a source renamed, removed or re-parsed) go; edited
    ones are kept and reported, unless a backup folder is given: then saved first."""
    report = plan.report
    for path in sorted(plan.root.rglob("*.md")):
        if path in produced:
            continue
        if is_hand_edited(read_regular(path, _shown(path, project)).decode("utf-8", errors="surrogateescape")):
            if backup is None:
                report.kept_edited.append(path)
                continue
            plan.saves.append((path, _backup_copy(path, backup, project)))
        plan.removals.append(path)
        report.removed += 1
        report.changed.append(path)
