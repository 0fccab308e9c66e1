"""What a yearbook's pages in content/ were imported from, so that `site-gen build` imports again only the books
whose sources, profile, entry in site.yaml or parser changed since.

The stamp is a digest of the bytes of those inputs (not their times: a fresh clone of a project, whose files
all have new times, is up to date), kept in `content/<book>/.import-stamp`: it travels with the pages it
describes when content/ is copied or committed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from site_gen import __version__
from site_gen.config import Config, YearbookConfig

STAMP_NAME = ".import-stamp"
UNFINISHED = "# an import of this book's pages began and did not finish: `site-gen build` imports it again\n"
_HEADER = "# what `site-gen import` read to write this folder's pages; `site-gen build` imports again when it differs\n"


def stamp_path(config: Config, book: YearbookConfig) -> Path:
    return config.content_dir / book.id / STAMP_NAME


def stamp_text(config: Config, book: YearbookConfig) -> str | None:
    """The stamp an import of `book` now would write; None when a source or profile file cannot be read
    (the import would say why: `build` leaves the book's pages as they are, `import` reports it)."""
    digest = hashlib.sha256(f"site-gen {__version__}\n".encode())
    fields = {name: getattr(book, name) for name in ("id", "title", "edition", "covers", "publisher", "editor",
                                                      "place")}
    digest.update(repr(sorted(fields.items())).encode())
    files = book.read_files()
    if not isinstance(book.profile, Path):
        digest.update(f"profile {book.profile}\n".encode())
    for source in book.sources:
        described = (config.shown(source.path), source.category, source.format, source.encoding,
                     source.category_level)
        digest.update(repr(described).encode())
    try:
        for path in files:
            digest.update(f"{config.shown(path)}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None
    return f"{_HEADER}{digest.hexdigest()}\n"


def stale_books(config: Config) -> list[tuple[YearbookConfig, str]]:
    """The books an import must bring up to date before a build, each with why (for the log)."""
    return [(book, why) for book in config.yearbooks if (why := _staleness(config, book))]


def _staleness(config: Config, book: YearbookConfig) -> str | None:
    """Why `book` has no pages in content/, or pages imported from other inputs than an import would read now;
    None when neither. Pages without a stamp (written by hand, or by a site-gen before 0.15) are left as they
    are: `site-gen import` is the one to replace them. So are those of a book whose sources cannot be read."""
    try:
        recorded = stamp_path(config, book).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None if (config.content_dir / book.id).is_dir() else "no import of them in content/ yet"
    except (OSError, UnicodeDecodeError):  # a stamp that cannot be read is no stamp of ours
        return None
    wanted = stamp_text(config, book)
    if wanted is None or recorded == wanted:
        return None
    return "its last import did not finish" if recorded == UNFINISHED else "changed since its last import"
