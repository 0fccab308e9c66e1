"""The thin command line: new | import | check | build | serve | install-search. Bad input → one line per
problem, exit 1."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen import __version__, lock
from site_gen.config import BACKUPS, Config, load_config
from site_gen.errors import SiteGenError, fail, refusal
from site_gen.site.write import manifest

if TYPE_CHECKING:
    from site_gen.config import YearbookConfig
    from site_gen.preview.rebuild import Builder
    from site_gen.preview.serve import LiveState, PreviewServer
    from site_gen.site.build import BuildReport
    from site_gen.yearbook.emit import EmitReport
    from site_gen.yearbook.report import ImportReport

# The commands import their machinery when run: an unchanged project's `build` then answers from the
# manifest in a fraction of a second instead of first loading the templates, Markdown and pinyin engines.

log = logging.getLogger("site_gen")
OLD_SEARCH = "index with PyPI's Pagefind 1.5 if 1.6 is not installed (some Chinese queries miss)"
FORCE_OUTPUT = "replace the output folder even if it holds files site-gen did not write"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-gen", description="Publish Chinese local yearbooks as static sites.")
    parser.add_argument("--version", action="version", version=f"site-gen {__version__}")
    _global_options(parser, after_command=False)
    common = argparse.ArgumentParser(add_help=False)  # the same options after the command: `site-gen check -v`
    _global_options(common, after_command=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new_cmd = sub.add_parser("new", parents=[common], help="start a project: a commented site.yaml, sources/, a guide")
    new_cmd.add_argument("folder", type=Path, help="the project's folder (created if missing)")
    import_cmd = sub.add_parser("import", parents=[common], help="parse the yearbooks' source texts into content/")
    import_cmd.add_argument("--force", action="store_true",
                            help="overwrite hand-edited pages too, after saving them under backups/")
    build_cmd = sub.add_parser("build", parents=[common], help="render content/ into the output folder")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    build_cmd.add_argument("--force-output", action="store_true", help=FORCE_OUTPUT)
    build_cmd.add_argument("--allow-old-search", action="store_true", help=OLD_SEARCH)
    serve = sub.add_parser("serve", parents=[common], help="build, serve locally, rebuild and reload on change")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    serve.add_argument("--force-output", action="store_true", help=FORCE_OUTPUT)
    serve.add_argument("--allow-old-search", action="store_true", help=OLD_SEARCH)
    sub.add_parser("check", parents=[common], help="print what the import finds in each yearbook")
    sub.add_parser("install-search", parents=[common],
                   help="install Pagefind 1.6 from the npm registry into the user's cache (for the search index)")
    return parser


def _global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    """--config, -v and -q, before the command or after it: after it they default to nothing (SUPPRESS), so
    what was given before the command stands unless repeated."""
    def default(value: object) -> object:
        return argparse.SUPPRESS if after_command else value

    parser.add_argument("--config", type=Path, default=default(Path("site.yaml")),
                        help="site config (default ./site.yaml)")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", default=default(False),
                          help="also log each stage of the work, with its time")
    loudness.add_argument("-q", "--quiet", action="store_true", default=default(False),
                          help="print only warnings and errors")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.verbose and args.quiet:  # one before the command, the other after it
        parser.error("argument -q/--quiet: not allowed with argument -v/--verbose")
    _configure_logging(args.verbose, args.quiet)
    config: Config | None = None
    try:
        if args.command == "install-search":
            return _install_search()
        if args.command == "new":
            return _new(args.folder)
        config = load_config(args.config)
        return int(COMMANDS[args.command](config, args) or 0)
    except SiteGenError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # render workers ignore it (site/render/pool.py): this is the one line
        print(f"site-gen: {args.command} {'stopped' if args.command == 'serve' else 'interrupted'}",
              file=sys.stderr)
        return 130
    except OSError as exc:  # the disk, permissions: the user's to fix, not a bug of ours
        print(os_error(exc, config), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: one line, unless asked for the traceback
        if os.environ.get("SITE_GEN_DEBUG"):
            raise
        print(f"site-gen: internal error: {type(exc).__name__}: {exc} (set SITE_GEN_DEBUG=1 for details)",
              file=sys.stderr)
        return 70


def _configure_logging(verbose: bool, quiet: bool) -> None:
    """This program's messages at the level asked; other libraries' (markdown-it's debug, Pagefind's request
    log) only when they warn, however loud this program is."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("site_gen").setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)


def run() -> None:
    """The program: `main`, then an exit that skips freeing the site object by object. A build's or an
    import's hundreds of thousands of objects took the interpreter 0.1–0.2 s to tear down, which the
    kernel does at once; what it would have flushed is flushed first."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def os_error(exc: OSError, config: Config | None) -> str:
    """An operating system's refusal as one diagnostic line naming the file."""
    return str(refusal(exc, config.shown if config else None))


def _import(config: Config, args: argparse.Namespace) -> int:
    from site_gen.forked import Forked
    from site_gen.yearbook.parse import parse_yearbook  # the parser alone: no pinyin, no YAML writer

    with lock.hold(config.cache_dir, "import"):
        largest = _largest(config.yearbooks)
        with Forked(parse_yearbook, largest) as parsing:  # while the rest is imported and the others parsed
            from site_gen.yearbook.importer import import_all

            imported = import_all(config, force=args.force, ahead={largest.id: parsing.result})
    _log_imported(config, imported)
    return 0


def _largest(books: Sequence[YearbookConfig]) -> YearbookConfig:
    """The book whose parse takes longest: it goes to another core."""
    return max(books, key=lambda book: sum(_size(s.path) for s in book.sources))


def _log_imported(config: Config, imported: Sequence[tuple[ImportReport, EmitReport]]) -> None:
    from site_gen.yearbook.report import REPORT_NAME

    kept = 0
    for found, report in imported:
        log.info("%s: %d files written, %d unchanged, %d removed; report in %s/%s/%s", found.book.id,
                 report.written, report.unchanged, report.removed, config.content_dir.name, found.book.id,
                 REPORT_NAME)
        for warning in found.warnings():
            log.warning("%s", warning)
        for path in report.kept_edited:
            log.info("  kept hand-edited page %s", path.relative_to(config.root))
        for path in report.backed_up:
            log.info("  overwrote hand-edited page; saved it as %s", path.relative_to(config.root))
        kept += len(report.kept_edited)
    if kept:
        pages = "page kept as it is; `site-gen import --force` overwrites it after saving a copy" if kept == 1 \
            else "pages kept as they are; `site-gen import --force` overwrites them after saving copies"
        log.info("%d hand-edited %s under %s/", kept, pages, BACKUPS)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the parser says what is wrong with it
        return 0


def _build(config: Config, args: argparse.Namespace) -> int:
    search = not args.no_search
    with lock.hold(config.cache_dir, "build"):
        before = manifest.input_stats(config)  # taken before anything is read
        inputs = manifest.digest_of(config, before)
        if manifest.unchanged(config, search, inputs):
            log.info("%s is up to date: nothing changed since the last build", config.output.name)
            return 0
        from site_gen.forked import Forked
        from site_gen.yearbook.stamp import stale_books

        stale = stale_books(config)
        if stale:
            report = _import_and_build(config, args, stale, before)
        else:
            from site_gen.site.load.pages import load_site  # the page contract and YAML: light

            # Loaded while the rest is imported; then, while this collects, the templates compiled for the
            # render workers to load (each would compile them all).
            with Forked(load_site, config.content_dir, config.root,
                        after=lambda: _compile_templates(config)) as loading:
                from site_gen.site.build import build

                report = build(config, search=search, workers=os.cpu_count() or 1, force_output=args.force_output,
                               allow_old_search=args.allow_old_search, loading=loading.result, inputs=inputs)
    _log_built(config, report, search)
    return 0


def _import_and_build(config: Config, args: argparse.Namespace, stale: Sequence[tuple[YearbookConfig, str]],
                      before: dict[str, str]) -> BuildReport:
    """The books whose sources changed since their import (or that were never imported) imported, and the
    site built from their pages as the import made them, in memory: content/ is written meanwhile by
    another process (keeping hand-edited pages, as `site-gen import` does), not written and read back."""
    from site_gen.forked import Forked
    from site_gen.site.index.engine import engine
    from site_gen.yearbook.parse import parse_yearbook

    found = None if args.no_search else engine(config.root, args.allow_old_search)  # refused before the import
    for book, why in stale:
        log.info("%s: importing its sources first (%s)", book.id, why)
    books = [book for book, _ in stale]
    largest = _largest(books)
    with Forked(parse_yearbook, largest) as parsing:  # while the rest is imported and the others parsed
        from site_gen.site.build import build
        from site_gen.site.load.pages import load_site
        from site_gen.yearbook.importer import plan_imports, write_all

        _compile_templates(config)  # while the largest book is parsed: the render workers will not compile them
        imported = plan_imports(config, books, ahead={largest.id: parsing.result})
    pages = {book.plan.root: book.plan.pages() for book in imported}
    with Forked(write_all, imported) as writing:  # the import reports made there too: nothing waits for them
        emitted: list[tuple[ImportReport, EmitReport]] = []
        waited = False

        def settle() -> str:
            nonlocal waited
            waited = True
            emitted.extend(writing.result())
            return manifest.settled_digest(config, before, list(pages))

        try:
            report = build(config, search=not args.no_search, workers=os.cpu_count() or 1,
                           force_output=args.force_output, allow_old_search=args.allow_old_search,
                           loading=lambda: load_site(config.content_dir, config.root, pages), settle=settle,
                           search_engine=found)
        except BaseException:
            if not waited:  # the build failed: the import's pages are written all the same
                _settle_after_failure(settle, config)
            _log_imported(config, emitted)
            raise
    _log_imported(config, emitted)
    return report


def _settle_after_failure(settle: Callable[[], object], config: Config) -> None:
    """Wait for content/ to be written after the build failed: the build's error is the one raised, the
    writer's (if any) is said before it."""
    try:
        settle()
    except SiteGenError as exc:
        log.error("%s", "\n".join(str(diagnostic) for diagnostic in exc.diagnostics))
    except OSError as exc:
        log.error("%s", os_error(exc, config))
    except Exception as exc:  # (a writer killed: the next build imports its book again)
        log.error("content/ was not written whole: %s", exc)


def _compile_templates(config: Config) -> None:
    from site_gen.site.render.templates import compile_templates

    compile_templates(config)


def _log_built(config: Config, report: BuildReport, search: bool) -> None:
    timing = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in report.seconds.items())
    written = f"{report.written} files written" if report.written else "no file written (nothing changed)"
    log.info("built %d pages into %s: %d files, %s (%s)", report.pages, config.output.name, report.files,
             written, timing)
    if report.indexed is not None:
        log.info("search: %d pages indexed with Pagefind %s, %d index files written", report.indexed,
                 report.search_version, report.search_written)
    elif search:
        log.info("search: index up to date (Pagefind %s)", report.search_version)


def _serve(config: Config, args: argparse.Namespace) -> int:
    """Build, serve, and rebuild on every change until Ctrl+C (see preview/)."""
    from site_gen.preview.rebuild import Builder
    from site_gen.preview.serve import LiveState, make_server
    from site_gen.site.index.engine import engine
    from site_gen.site.write.stage import claim

    if not 0 <= args.port <= 65535:
        raise fail(f"--port {args.port}", "a port is a number from 0 to 65535", hint="0 picks a free one")
    claim(config.output, config.output_shown, args.force_output)  # a foreign folder is neither served nor rebuilt
    found = None if args.no_search else engine(config.root, args.allow_old_search)  # refused before serving
    live = LiveState()
    builder = Builder(config.path, force_output=args.force_output, search_engine=found)
    try:
        server = make_server(config.output, args.host, args.port, config.base_path, live, builder.writing)
    except OSError as exc:  # before the first build: a busy port is said at once
        hint = "another server uses it: stop that one or pass --port" if exc.errno == errno.EADDRINUSE else None
        raise fail(f"{args.host}:{args.port}", f"cannot listen: {(exc.strerror or str(exc)).lower()}",
                   hint=hint) from None
    try:
        _preview(builder, server, live, config, args.no_search)
    finally:
        server.server_close()
    return 0


def _preview(builder: Builder, server: PreviewServer, live: LiveState, config: Config, no_search: bool) -> None:
    from site_gen.preview.watch import Watcher

    try:
        log.info("%s", builder.full().summary())
    except SiteGenError as exc:  # serve what the folder holds, with the error shown, until a fix
        lines = [str(d) for d in exc.diagnostics]
        log.error("build failed:\n  %s", "\n  ".join(lines))
        live.publish(error=lines)
    watcher = Watcher(builder, live, search=not no_search)
    watcher.start()
    if not no_search:
        watcher.request_index()
    host, port = server.server_address[:2]
    log.info("serving %s at http://%s:%d%s (rebuilds on change; Ctrl+C to stop)", config.output.name, host, port,
             config.base_path)
    try:
        server.serve_forever()
    finally:
        watcher.stop()


def _check(config: Config, args: argparse.Namespace) -> int:
    from site_gen.site.collect.citation import has_host, no_host_note
    from site_gen.yearbook.importer import check_all

    for report in check_all(config):
        print("\n".join([*report.summary(), "  outline:", *report.outline(), *report.warnings()]))
    if not has_host(config.base_url):
        print(no_host_note(config.base_url))
    return 0


def _new(folder: Path) -> int:
    """Needs no project: it writes one."""
    from site_gen.scaffold import GUIDE, new_project

    for path in new_project(folder):
        log.info("wrote %s%s", path, "/" if path.is_dir() else "")
    log.info("next: put the book's files in %s/sources/, list them in %s/site.yaml, then run `site-gen check` "
             "there (%s explains each step)", folder, folder, GUIDE)
    return 0


def _install_search() -> int:
    """Needs no project: the install is the user's, for every project."""
    from site_gen.site.index.engine import install

    log.info("search: %s installed; builds use it unless a project has its own", install())
    return 0


COMMANDS = {"import": _import, "build": _build, "serve": _serve, "check": _check}
