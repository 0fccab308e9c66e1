"""Pausing Python's cyclic garbage collector while a command builds large structures that live to its end.

Loading and collecting a site allocates hundreds of thousands of objects that are all still needed
afterwards; each automatic collection traverses every one of them again, which cost a third of the
collect stage (0.8 → 0.5 s on the bundled books). Reference counting still frees everything acyclic,
and the collector runs again as soon as the block ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # nested or called with the collector already off: leave it as found
            gc.enable()
