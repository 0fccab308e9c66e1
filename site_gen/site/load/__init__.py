"""Stage 1: content/ → pages, their URLs, tree and reading order."""
