"""Diagnostics that name a place (file, line, column), as editors need to fix the real input."""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    message: str
    line: int | None = None
    col: int | None = None
    level: str = "error"
    hint: str | None = None

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.col is not None:
                place += f":{self.col}"
        text = f"{place}: {self.level}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class SiteGenError(Exception):
    """One or more diagnostics that stop a command; the CLI prints each on one line."""

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]) -> None:
        self.diagnostics = [diagnostics] if isinstance(diagnostics, Diagnostic) else list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[SiteGenError], tuple[list[Diagnostic]]]:
        """Pickled whole (a render worker raises it in the parent process)."""
        return SiteGenError, (self.diagnostics,)


def fail(path: str | Path, message: str, line: int | None = None, col: int | None = None,
         hint: str | None = None) -> SiteGenError:
    return SiteGenError(Diagnostic(str(path), message, line, col, hint=hint))


DISK_FULL = "no space left on the disk: free some and run again (no file was left half-written)"


def refusal(exc: OSError, shown: Callable[[str], str] | None = None) -> Diagnostic:
    """An operating system's refusal (the disk, permissions: the user's to fix, not a bug of ours) as one
    diagnostic naming the file; `shown`: how the file is named (relative to the project)."""
    name = os.fsdecode(exc.filename) if exc.filename else None
    where = (shown(name) if shown else name) if name else "site-gen"
    reason = DISK_FULL if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (exc.strerror or str(exc)).lower()
    return Diagnostic(where, reason)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
