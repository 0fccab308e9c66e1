"""Stage 3: every file of the site planned as a job and rendered (Markdown, Jinja, on all cores)."""
