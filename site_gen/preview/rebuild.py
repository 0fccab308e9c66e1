"""Rebuilds for the preview server: a batch of changed input files → the output files it touches.

- a content page whose front matter is unchanged → that page, the pages that show its text (comparison
  pages) and the backlink pages whose lists it joins or leaves (documents, people, glossary);
- a template → the files rendered from it or from a template that extends, includes or imports it;
- a static file → that file;
- a source text (or a book's profile file) → its yearbook re-imported (hand-edited pages kept), then the pages
  that import changed;
- `site.yaml`, a page added, removed or retitled, or an edit that changes a page's tables, events,
  roles or defined terms → a full render (still writing only the files whose bytes changed).

Everything is rendered in memory before anything is written, so a failure leaves the last good site.
Files no page view needs (data exports, the search map) wait for `settle`, with the search index.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.meta

from site_gen.config import Config, load_config
from site_gen.contract.front_matter import DIGEST_KEY
from site_gen.errors import SiteGenError, fail
from site_gen.files import overwrite_if_changed, sync_tree
from site_gen.gc_pause import gc_paused
from site_gen.lock import hold
from site_gen.site.build import search_records
from site_gen.site.index.engine import Engine, engine
from site_gen.site.index.search import BUNDLE, make_index, write_index
from site_gen.site.load.pages import Page, load_page, load_site
from site_gen.site.render.plan import SitePlan, plan_site
from site_gen.site.write.stage import claim
from site_gen.theme import ASSETS
from site_gen.yearbook.importer import import_book, plan_imports, write_all
from site_gen.yearbook.stamp import stale_books

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Rebuilt:
    """What one rebuild did, for the log and the browser."""
    why: str
    rendered: int = 0  # files rendered
    changed: list[str] = field(default_factory=list)  # output paths written or removed
    full: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        kind = "full render" if self.full else "rebuild"
        return (f"{kind} ({self.why}): {self.rendered} files rendered, {len(self.changed)} written "
                f"in {self.seconds * 1000:.0f} ms")


class Builder:
    """The site as last built, kept in memory between changes. Thread-safe: one change at a time."""

    def __init__(self, config_path: Path, force_output: bool = False, search_engine: Engine | None = None) -> None:
        self.config_path = config_path
        self.config: Config = load_config(config_path)
        self.force_output = force_output  # replace an output folder site-gen did not write (stage.claim)
        self.search_engine = search_engine  # the Pagefind serve chose at start; None: found at the first index
        self.state: SitePlan | None = None  # None: the next change renders everything
        self.unapplied: set[Path] = set()  # changes of a batch that failed, retried with the next one
        self.deferred: set[str] = set()  # output paths left for `settle`
        self.html_changed = True  # since the last search index
        self.lock = threading.Lock()
        # Held while output files are written in place; the preview's server reads under it, so a
        # browser never gets half a page (files.overwrite_if_changed).
        self.writing = threading.Lock()

    def full(self, why: str = "start") -> Rebuilt:
        with self.lock, hold(self.config.cache_dir, "serve"):
            return self._full(why, time.perf_counter())

    def update(self, paths: Iterable[Path]) -> Rebuilt:
        """Apply a batch of changed input files (absolute paths); raises SiteGenError with the first
        problem, leaving the output folder as it was."""
        with self.lock, hold(self.config.cache_dir, "serve"):
            started = time.perf_counter()
            batch = {Path(p) for p in paths} | self.unapplied
            self.unapplied = batch
            result = self._update(batch, started)
            self.unapplied = set()
            result.seconds = time.perf_counter() - started
            return result

    def settle(self) -> list[str]:
        """Render and write the deferred files; returns their paths that changed."""
        with self.lock, hold(self.config.cache_dir, "serve"):
            if self.state is None:
                return []
            files = {path: self.state.jobs[path].render() for path in self.deferred if path in self.state.jobs}
            changed = self._write(files)
            self.deferred = set()  # (kept when the write fails: the next settle writes them)
            return changed

    def index_search(self) -> int | None:
        """Re-index the site with Pagefind if a page changed since the last index; pages indexed."""
        with self.lock:
            if self.state is None or not self.html_changed:
                return None
            records = search_records(self.state.content.site, self.state.content.collected.books)
            self.html_changed = False
            config = self.config
        # Pagefind reads the pages for seconds outside both locks: a save meanwhile is rebuilt at once (not
        # after the index), and the index it may have missed is made again (`html_changed`).
        self.search_engine = self.search_engine or engine(config.root)  # asked once, not per index
        pages, files = make_index(config.output, config.root, records, found=self.search_engine)
        with hold(config.cache_dir, "serve"):
            write_index(config.output, files)
        return pages

    def _full(self, why: str, started: float) -> Rebuilt:
        self.state = None  # until the render is through: a failure leaves nothing half-applied
        config = load_config(self.config_path)
        claim(config.output, config.output_shown, self.force_output)
        stale = [book for book, _ in stale_books(config)]  # as `site-gen build`: changed since the preview ran
        for found, written in write_all(plan_imports(config, stale)):  # all parsed before any is written
            log.info("%s: imported its sources first: %d files written, %d hand-edited pages kept", found.book.id,
                     written.written, len(written.kept_edited))
        with gc_paused():  # the site lives on in memory (gc_pause.py)
            state = plan_site(load_site(config.content_dir, config.root), config)
        problems = state.collisions + state.broken_links()
        if problems:  # the same errors as `site-gen build`
            raise SiteGenError(problems)
        files = state.render_all()
        with self.writing:
            changed = sync_tree(config.output, files, keep=(BUNDLE,), write=overwrite_if_changed)
        self.config, self.state, self.deferred = config, state, set()
        self.html_changed = self.html_changed or any(p.endswith(".html") for p in changed)
        return Rebuilt(why, len(files), changed, True, time.perf_counter() - started)

    def _update(self, batch: set[Path], started: float) -> Rebuilt:
        config, state = self.config, self.state
        root = config.root.resolve()
        relative = sorted({p.resolve().relative_to(root) for p in batch if _inside(p, root)})
        what = ", ".join(str(p) for p in relative[:3]) + (" …" if len(relative) > 3 else "")
        if state is None:
            return self._full(f"{what}, after an earlier failure", started)
        if config.path.resolve().relative_to(root) in relative:
            return self._full(what, started)
        sources = {s.path.resolve().relative_to(root): [b] for b in config.yearbooks for s in b.sources}
        for book in config.yearbooks:  # a book's profile file: the books it describes are read again
            if isinstance(book.profile, Path) and _inside(book.profile, root):
                sources.setdefault(book.profile.resolve().relative_to(root), []).append(book)
        content: set[Path] = set()
        templates: set[str] = set()
        assets: set[str] = set()
        for rel in relative:
            top, inside = rel.parts[0], "/".join(rel.parts[1:])
            for book in sources.get(rel, ()):
                _, emitted = import_book(config, book)
                content |= {p.resolve() for p in emitted.changed if p.suffix == ".md"}
            if rel in sources:
                continue
            elif top == config.content_dir.name and rel.suffix == ".md":
                content.add(root / rel)
            elif top == config.templates_dir.name and inside.startswith(ASSETS + "/"):
                assets.add(inside)
            elif top == config.templates_dir.name and rel.suffix == ".html":
                templates.add(inside)

        edits = self._load_edits(state, content)  # every page read before any is applied
        if edits is None:
            return self._full(f"{what}: a page added, removed or retitled", started)
        if any(f"{ASSETS}/{a}" not in state.jobs or not (config.templates_dir / ASSETS / a).is_file()
               or f"{ASSETS}/{a}" not in state.overrides for a in assets):
            return self._full(f"{what}: a static file added or removed", started)
        if any((config.templates_dir / t).is_file() != (t in state.overrides) for t in templates):
            return self._full(f"{what}: a template of the theme overridden or restored", started)
        paths = self._users(state, templates) | {f"assets/{a}" for a in assets}
        if edits:
            self.state = None  # until the edits are rendered: a failure half-way leaves a state to rebuild
            keys: set[str] = set()
            for page, body in edits:
                edited = state.content.edit(page, body)
                if edited is None:
                    return self._full(f"{what}: a page's tables, events, roles or terms changed", started)
                keys |= edited
            problems = state.broken_links()
            if problems:
                raise SiteGenError(problems)
            paths |= state.files_showing(keys)
        self.deferred |= {p for p in paths if state.jobs[p].deferred}
        now = {p: state.jobs[p].render() for p in sorted(paths) if not state.jobs[p].deferred}
        self.state = state
        try:
            changed = self._write(now)
        except OSError:  # a full disk: some files are not written, and which is not known to the state
            self.state = None
            raise
        self.html_changed = self.html_changed or any(p.endswith(".html") for p in changed)
        return Rebuilt(what or "nothing", len(now), changed)

    def _write(self, files: dict[str, bytes]) -> list[str]:
        """Write rendered files into the output folder; returns the paths whose bytes changed."""
        with self.writing:
            return [path for path, data in files.items() if overwrite_if_changed(self.config.output / path, data)]

    def _load_edits(self, state: SitePlan, paths: set[Path]) -> list[tuple[Page, str]] | None:
        """(page, new body) for each saved page whose front matter is unchanged; None when a page was
        added, removed or its front matter changed (only a full render is right then)."""
        root = self.config.root.resolve()
        by_source = {p.source.as_posix(): p for p in state.content.site.pages}
        edits = []
        for path in sorted(paths):
            shown = path.relative_to(root).as_posix()
            old = by_source.get(shown)
            if old is None or not path.is_file():
                return None
            page = load_page(path, self.config.content_dir.resolve(), shown)
            if old.url != page.url or _shown_meta(old.front.keys) != _shown_meta(page.front.keys):
                return None
            old.front = page.front
            if old.body != page.body:
                edits.append((old, page.body))
        return edits

    def _users(self, state: SitePlan, templates: set[str]) -> set[str]:
        """Output paths rendered from one of `templates` or from a template that uses one."""
        if not templates:
            return set()
        uses = _template_uses(state.views.env)
        return {path for path, job in state.jobs.items()
                if job.template is not None and uses.get(job.template, {job.template}) & templates}


def _template_uses(env: jinja2.Environment) -> dict[str, set[str]]:
    """Each template → itself and every template it extends, includes or imports, transitively."""
    direct: dict[str, set[str]] = {}
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        try:
            found = jinja2.meta.find_referenced_templates(env.parse(source))
        except jinja2.TemplateSyntaxError as exc:
            raise fail(f"templates/{name}", f"template syntax error: {exc.message}", exc.lineno) from None
        direct[name] = {ref if ref is not None else "*" for ref in found}

    def closure(name: str, seen: set[str]) -> set[str]:
        seen.add(name)
        for ref in direct.get(name, ()):
            if ref == "*":  # a name computed at render time: it may be any template
                seen.update(direct)
            elif ref not in seen:
                closure(ref, seen)
        return seen

    return {name: closure(name, set()) for name in direct}


def _shown_meta(meta: Mapping[str, object]) -> dict[str, object]:
    """Front matter without the import's digest (which changes with every re-imported body)."""
    return {key: value for key, value in meta.items() if key != DIGEST_KEY}


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True

