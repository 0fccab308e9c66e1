"""The pages parsed once for a build or a preview: their text, their HTML bodies, the links their
authors wrote, and the data collected across them (collect/). `edit` takes a page's new text."""

from __future__ import annotations

from markdown_it.token import Token

from site_gen.config import Config
from site_gen.site.collect.editions import Editions, find_editions
from site_gen.site.collect.gather import Collected, collect, contribute, relink
from site_gen.site.collect.prose import Prose, to_prose, to_text
from site_gen.site.load.pages import Page, Site
from site_gen.site.render.markdown import links_in, parse, to_html
from site_gen.site.render.outline import Heading, mark_opening, outline


class SiteContent:
    def __init__(self, site: Site, config: Config) -> None:
        self.site, self.config = site, config
        parsed = {page.url: parse(page.body) for page in site.pages}  # not kept: tokens weigh ~30× the text
        self.authored = {url: links_in(tokens) for url, tokens in parsed.items()}  # the authors' own, before marking
        self.collected: Collected = collect(site, parsed)
        self.editions: dict[str, Editions] = find_editions(site)
        self.texts = {url: to_text(tokens) for url, tokens in parsed.items()}
        self.prose: dict[str, Prose] = {url: to_prose(tokens) for url, tokens in parsed.items()}
        self.outlines: dict[str, tuple[Heading, ...]] = {url: _outlined(tokens) for url, tokens in parsed.items()}
        self.bodies = {url: to_html(tokens, config.base_path) for url, tokens in parsed.items()}

    def edit(self, page: Page, body: str) -> set[str] | None:
        """Give `page` a new body; returns the keys of the data that changed, or None when the edit
        changes what the page adds to shared data (its tables, events, roles, terms): then only a
        full render is right."""
        tokens = parse(body)
        if contribute(page, parse(page.body)).key() != contribute(page, tokens).key():
            return None
        page.body = body
        self.authored[page.url] = links_in(tokens)
        changed = relink(self.site, page, tokens, self.collected)
        self.texts[page.url] = to_text(tokens)
        self.prose[page.url] = to_prose(tokens)
        self.outlines[page.url] = _outlined(tokens)
        self.bodies[page.url] = to_html(tokens, self.config.base_path)
        return changed | {f"page:{page.url}", f"book:{page.yearbook().url}", "texts"}


def _outlined(tokens: list[Token]) -> tuple[Heading, ...]:
    """The page's headings, now with ids; its opening lines marked (outline.py)."""
    mark_opening(tokens)
    return outline(tokens)
