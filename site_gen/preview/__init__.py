"""The local preview, on top of both halves: watch the sources, content and templates, rebuild what a
change touches, serve the site with live reload."""
