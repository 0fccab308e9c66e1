"""The default theme: the Jinja templates and static assets (`assets/`) a site is built with. A project's own
`templates/` folder overrides it file by file, as Hugo's and MkDocs' themes are overridden."""

from __future__ import annotations

from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent
ASSETS = "assets"  # the static files' folder, in the theme and in a project's templates/
