"""Marking words in running text, the walk shared by documents, people and the glossary: each finder
returns the spans of a text it wants wrapped (in a link or an `<abbr>`); text already inside a link is
left alone, so the first pass to claim a word keeps it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from markdown_it.token import Token


class Mark(NamedTuple):
    start: int
    end: int
    opening: Token
    closing: Token


Finder = Callable[[str], list[Mark]]


def mark_text(tokens: list[Token], find: Finder) -> None:
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        result: list[Token] = []
        depth = 0
        for child in token.children:
            depth += (child.type == "link_open") - (child.type == "link_close")
            spans = find(child.content) if child.type == "text" and not depth and child.content else None
            if spans:
                result.extend(_wrap(child.content, spans))
            else:  # nothing to mark: the token as it is (a new one per text was a tenth of collecting)
                result.append(child)
        token.children = result


def _wrap(text: str, spans: list[Mark]) -> list[Token]:
    out: list[Token] = []
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < at:  # overlaps a span already taken
            continue
        if span.start > at:
            out.append(text_token(text[at:span.start]))
        out += [span.opening, text_token(text[span.start:span.end]), span.closing]
        at = span.end
    if at < len(text):
        out.append(text_token(text[at:]))
    return out


def link(start: int, end: int, href: str, css: str, title: str | None = None) -> Mark:
    opening = Token("link_open", "a", 1)
    opening.attrSet("href", href)
    opening.attrSet("class", css)
    if title:
        opening.attrSet("title", title)
    return Mark(start, end, opening, Token("link_close", "a", -1))


def html(start: int, end: int, opening: str, closing: str) -> Mark:
    return Mark(start, end, html_token(opening), html_token(closing))


def text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def html_token(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of `words`, the longest where several start at the same place, built as a
    trie (`王(?:晨云?|军)`): a plain alternation of a thousand names would try each at every character."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return re.compile(walk(trie)) if trie else None
