"""Characters no page holds: a source's are left out by the import (and listed in its report), a
hand-written page's by the build (with a warning naming the file and line)."""

from __future__ import annotations

import re

# Control characters a converter or a stray key leaves (BEL, ESC, DEL, C1): invalid in HTML, shown as
# nothing or as boxes. Tab, the line ends and the page and record separators that end a line stay.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def without_controls(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """`text` without control characters, and each line that held some: (line, the line with each shown
    as <U+0007>, the characters' code points) for the import report."""
    if not _CONTROL.search(text):
        return text, []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        codes = sorted({f"U+{ord(ch):04X}" for ch in _CONTROL.findall(line)})
        if codes:
            shown = _CONTROL.sub(lambda match: f"<U+{ord(match[0]):04X}>", line)
            found.append((number, shown.strip(), " ".join(codes)))
    return _CONTROL.sub("", text), found
