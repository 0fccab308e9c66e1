"""Indexing the built site with Pagefind's extended binary (the one that segments Chinese)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from site_gen.write import sync_tree

BUNDLE = "pagefind"


async def _write_index(site_dir: Path, out_dir: Path) -> int:
    config = IndexConfig(output_path=str(out_dir))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
        return int(result.get("page_count", 0))


def index_site(site_dir: Path) -> tuple[int, int]:
    """Index `site_dir` into `site_dir/pagefind/`, rewriting only the files that changed.

    Returns (pages indexed, files written).
    """
    with tempfile.TemporaryDirectory(prefix="site-gen-pagefind-") as tmp:
        pages = asyncio.run(_write_index(site_dir, Path(tmp)))
        files = {path.relative_to(tmp).as_posix(): path.read_bytes()
                 for path in Path(tmp).rglob("*") if path.is_file()}
    written = sync_tree(site_dir / BUNDLE, files)
    return pages, written
