"""site.yaml → a typed, validated config. Every problem is reported with `site.yaml:LINE`, all at once."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_gen.errors import Diagnostic, SiteGenError, did_you_mean, fail
from site_gen.files import kind_of
from site_gen.theme import THEME_DIR

SITE_KEYS = {
    "title": "the site's name, shown in every page header",
    "base_url": "the path (or full URL) the site is served under, e.g. / or /nianjian/",
    "output": "the output folder, relative to site.yaml",
    "language": "the BCP 47 language of every page",
    "description": "the home page's introduction of the site, a paragraph per line; said from the books when omitted",
    "footer": "the line at the foot of every page, e.g. the office's name; the site's title when omitted",
}
YEARBOOK_KEYS = {
    "id": "a lower-case ASCII id, used in URLs and content/<id>/",
    "title": "the book's title as printed, e.g. 上城年鉴（2022）",
    "edition": "the year of the edition",
    "covers": "the year the book reports on",
    "editor": "the book's 主要责任者 as it prints it (its editorial board, e.g. 上城年鉴编纂委员会), for citations; "
              "omit when unknown",
    "publisher": "the publisher (出版者) as the book prints it, for citations; omit when unknown",
    "place": "the place of publication (出版地) as the book prints it, e.g. 北京; omit when unknown",
    "sources": "the book's source texts in reading order",
    "profile": "the book's genre: 年鉴 or 志 (built in), or a profile file in sources/ (`extends: 年鉴` and what "
               "the book does otherwise); detected from the text when omitted",
}
SOURCE_KEYS = {
    "file": "a file in sources/",
    "category": "the category (类目) of a text that does not print its own",
    "format": "'wrapped' (hard-wrapped PDF text), 'paragraphs' (a paragraph a line) or 'markdown'; detected "
              "when omitted",
    "encoding": "the text's encoding, e.g. gb18030; UTF-8 or GB18030 is detected when omitted",
    "category_level": "the heading level (1–6) of the categories in a Markdown or Word text; the top level "
                      "present when omitted",
}
CACHE = ".site-gen-cache"
BACKUPS = "backups"  # hand-edited pages saved before `import --force` overwrites them
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# The site's own top-level folders (registers, search, assets, exports): a yearbook there would replace them.
SITE_FOLDERS = ("assets", "compare", "data", "documents", "glossary", "pagefind", "people", "search")
NULL_TAG = "tag:yaml.org,2002:null"  # `~`, `null`: YAML's nothing
HEADING_LEVELS = ("1", "2", "3", "4", "5", "6")
FORMATS = ("wrapped", "paragraphs", "markdown")  # the shapes yearbook/readers.py reads


@dataclass(frozen=True, slots=True)
class SourceConfig:
    path: Path
    category: str | None
    format: str | None
    encoding: str | None = None
    category_level: int | None = None  # Markdown/Word heading level of the categories; None: the top level


@dataclass(frozen=True, slots=True)
class YearbookConfig:
    id: str
    title: str
    edition: int
    covers: int
    sources: tuple[SourceConfig, ...]
    publisher: str | None = None  # for citations, as the book prints it
    editor: str | None = None  # the book's 主要责任者 (its editorial board), for citations
    place: str | None = None
    profile: str | Path | None = None  # a built-in profile's name, or a profile file; None: detected
    ocr_cache: Path | None = None  # where the OCR of scanned pages is kept between imports; None: not kept

    def read_files(self) -> list[Path]:
        """The files an import of the book reads: its sources, and a profile file with every YAML file beside
        it (the profiles it may `extend`), so that an edit of any of them makes its pages stale."""
        files = [source.path for source in self.sources]
        if isinstance(self.profile, Path):
            folder = self.profile.parent
            beside = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern)) \
                if folder.is_dir() else []
            files += [self.profile, *(p for p in beside if p != self.profile)]
        return files


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    root: Path
    title: str
    base_url: str
    output: Path
    language: str
    yearbooks: tuple[YearbookConfig, ...]
    description: str | None = None  # the home page's introduction, as the office words it
    footer: str | None = None

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        """The project's own templates and assets: each file overrides the theme's of that name."""
        return self.root / "templates"

    @property
    def template_dirs(self) -> tuple[Path, Path]:
        """Where a template or asset is looked up, first match wins: the project's, then the theme's."""
        return self.templates_dir, THEME_DIR

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def output_shown(self) -> str:
        return self.shown(self.output)

    @property
    def cache_dir(self) -> Path:
        """Beside site.yaml, not in the output folder: nothing of it is published."""
        return self.root / CACHE

    def shown(self, path: Path | str) -> str:
        """A path as messages name it: relative to the project when inside it."""
        absolute = Path(os.path.abspath(path))
        return absolute.relative_to(self.root).as_posix() if absolute.is_relative_to(self.root) else str(absolute)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always with leading and trailing '/'."""
        path = re.sub(r"^[a-z]+://[^/]+", "", self.base_url)
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class _Reader:
    """Walks the YAML node tree, collecting diagnostics instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.problems.append(Diagnostic(str(self.path), message, mark.line + 1, mark.column + 1, hint=hint))

    def mapping(self, node: yaml.Node, allowed: dict[str, str], what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping")
            return {}
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.error(key_node, f"unknown key '{key}' in {what}", did_you_mean(key, allowed))
            elif key in result:
                self.error(key_node, f"duplicate key '{key}' in {what}")
            else:
                result[key] = value_node
        return result

    def text(self, fields: dict[str, yaml.Node], key: str, parent: yaml.Node, default: str | None = None) -> str:
        node = fields.get(key)
        if node is None:
            if default is None:
                self.error(parent, f"missing required key '{key}'")
            return default or ""
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and node.value:
            self.error(node, f"'{key}' has no value: '{node.value}' means nothing in YAML",
                       "leave the key out for its default" if default is not None else None)
            return default or ""
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.error(node, f"'{key}' must be a non-empty string")
            return default or ""
        return str(node.value).strip()

    def year(self, fields: dict[str, yaml.Node], key: str, parent: yaml.Node) -> int:
        value = self.text(fields, key, parent)
        if value and not re.fullmatch(r"\d{4}", value):
            self.error(fields[key], f"'{key}' must be a four-digit year, not '{value}'")
            return 0
        return int(value) if value else 0


def load_config(path: Path) -> Config:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(path, "config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(path, f"cannot read config: {exc}") from None
    try:
        root_node = yaml.compose(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise fail(path, f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if root_node is None:
        raise fail(path, "config file is empty", 1)
    return _parse(path, root_node)


def _parse(path: Path, root_node: yaml.Node) -> Config:
    reader = _Reader(path)
    top = reader.mapping(root_node, {"site": "", "yearbooks": ""}, "the config")
    site_node = top.get("site")
    site = reader.mapping(site_node, SITE_KEYS, "'site'") if site_node is not None else {}
    if site_node is None:
        reader.error(root_node, "missing required key 'site'")
    anchor = site_node or root_node
    title = reader.text(site, "title", anchor)
    base_url = reader.text(site, "base_url", anchor, default="/")
    output = reader.text(site, "output", anchor, default="public")
    language = reader.text(site, "language", anchor, default="zh-CN")
    yearbooks = _yearbooks(reader, top.get("yearbooks"), root_node, path.parent / "sources")
    root = path.parent.resolve()
    output_path = (root / Path(output).expanduser()).resolve()  # `~/site`: in the user's home, as in a shell
    if output and _unsafe_output(root, output_path):
        # the build deletes what it did not generate in the output folder
        reader.error(site["output"], f"output folder '{output}' would overwrite the project's own files")
    description = reader.text(site, "description", anchor, default="") or None
    footer = reader.text(site, "footer", anchor, default="") or None
    if reader.problems:
        raise SiteGenError(reader.problems)
    return Config(path=path, root=root, title=title, base_url=base_url, output=output_path, language=language,
                  yearbooks=tuple(yearbooks), description=description, footer=footer)


def _unsafe_output(root: Path, output: Path) -> bool:
    own = [root / name for name in ("content", "sources", "templates", "site_gen", "tests", ".git", BACKUPS, CACHE)]
    return root.is_relative_to(output) or any(output.is_relative_to(p) or p.is_relative_to(output) for p in own)


def _items(reader: _Reader, node: yaml.Node | None, parent: yaml.Node, message: str,
           hint: str | None = None) -> list[yaml.Node]:
    if node is None or not isinstance(node, yaml.SequenceNode) or not node.value:
        reader.error(node or parent, message, hint)
        return []
    return list(node.value)


def _yearbooks(reader: _Reader, node: yaml.Node | None, parent: yaml.Node,
               sources_dir: Path) -> list[YearbookConfig]:
    result: list[YearbookConfig] = []
    seen: set[str] = set()
    for item in _items(reader, node, parent, "'yearbooks' must be a non-empty list"):
        fields = reader.mapping(item, YEARBOOK_KEYS, "a yearbook")
        book_id = reader.text(fields, "id", item)
        if book_id and not ID_PATTERN.match(book_id):
            reader.error(fields["id"], f"yearbook id '{book_id}' must be lower-case ASCII letters, digits, '-'")
        if book_id in SITE_FOLDERS:
            reader.error(fields["id"], f"yearbook id '{book_id}' is the name of the site's own folder /{book_id}/",
                         "choose another id, e.g. the place and year: shangcheng-2022")
        if book_id and book_id in seen:
            reader.error(fields["id"], f"duplicate yearbook id '{book_id}'")
        seen.add(book_id)
        sources = _sources(reader, fields.get("sources"), item, sources_dir)
        result.append(YearbookConfig(id=book_id, title=reader.text(fields, "title", item),
                                     edition=reader.year(fields, "edition", item),
                                     covers=reader.year(fields, "covers", item), sources=tuple(sources),
                                     publisher=reader.text(fields, "publisher", item, "") or None,
                                     editor=reader.text(fields, "editor", item, "") or None,
                                     place=reader.text(fields, "place", item, "") or None,
                                     profile=_profile(reader, fields, item, sources_dir),
                                     ocr_cache=sources_dir.parent / CACHE / "ocr"))
    return result


def _profile(reader: _Reader, fields: dict[str, yaml.Node], item: yaml.Node, sources_dir: Path) -> str | Path | None:
    """A built-in profile's name as written (the import checks it), or a profile file in sources/."""
    name = reader.text(fields, "profile", item, default="")
    if not name.endswith((".yaml", ".yml")):
        return name or None
    path = sources_dir / name
    if not path.is_file():
        message, hint = _not_a_file(path, name)
        reader.error(fields["profile"], message.replace("source file", "profile file"), hint)
    return path


def _unlisted(sources_dir: Path) -> str:
    """What to list under an empty `sources:`: the files the folder holds, or where to put them."""
    files = sorted(p.name for p in sources_dir.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if sources_dir.is_dir() else []
    if not files:
        return "put the book's files (.pdf, .txt, .docx, .md) in sources/ and list them here, one `- name` a line"
    shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    return f"list them here, one `- name` a line, in reading order: sources/ holds {shown}"


def _sources(reader: _Reader, node: yaml.Node | None, parent: yaml.Node,
             sources_dir: Path) -> list[SourceConfig]:
    result: list[SourceConfig] = []
    listed: dict[str, int] = {}  # file → the line it is first listed on
    for item in _items(reader, node, parent, "'sources' must be a non-empty list of files in sources/",
                       _unlisted(sources_dir)):
        if isinstance(item, yaml.ScalarNode):
            fields: dict[str, yaml.Node] = {"file": item}
        else:
            fields = reader.mapping(item, SOURCE_KEYS, "a source")
        name = reader.text(fields, "file", item)
        fmt = reader.text(fields, "format", item, default="") or None
        if fmt is not None and fmt not in FORMATS:
            reader.error(fields["format"], f"unknown format '{fmt}'", did_you_mean(fmt, FORMATS))
        category = reader.text(fields, "category", item, default="") or None
        encoding = reader.text(fields, "encoding", item, default="") or None
        codec = _codec(encoding) if encoding is not None else None
        if encoding is not None and codec is None:
            reader.error(fields["encoding"], f"unknown encoding '{encoding}'",
                         did_you_mean(encoding, ["utf-8", "gb18030", "gbk", "big5"]))
        elif codec is not None and not _decodes_texts(codec):
            reader.error(fields["encoding"], f"'{encoding}' is not an encoding of texts",
                         "e.g. utf-8, gb18030, gbk, big5")
        source_path = sources_dir / name
        if name and name in listed:  # its text would be imported twice, every entry a duplicate
            reader.error(fields["file"], f"sources/{name} is listed twice in this yearbook (first on line "
                         f"{listed[name]})", "list each file once")
        listed.setdefault(name, item.start_mark.line + 1)
        if name and not source_path.is_file():
            reader.error(fields["file"], *_not_a_file(source_path, name))
        result.append(SourceConfig(path=source_path, category=category, format=fmt, encoding=encoding,
                                   category_level=_heading_level(reader, fields, item)))
    return result


def _heading_level(reader: _Reader, fields: dict[str, yaml.Node], item: yaml.Node) -> int | None:
    level = reader.text(fields, "category_level", item, default="")
    if level and level not in HEADING_LEVELS:
        reader.error(fields["category_level"], f"'category_level' must be a heading level from 1 to 6, not '{level}'")
    return int(level) if level in HEADING_LEVELS else None


def _not_a_file(path: Path, name: str) -> tuple[str, str | None]:
    """What a source that is no regular file is instead: (message, hint)."""
    if path.is_symlink() and not path.exists():
        return f"sources/{name} is a symbolic link to '{os.readlink(path)}', which does not exist", None
    try:
        mode = path.stat().st_mode
    except OSError:
        others = [p.name for p in path.parent.glob("*") if p.name != name]
        return f"source file not found: sources/{name}", did_you_mean(name, others)
    return f"sources/{name} is {kind_of(mode)}, not a text file", None


def _codec(name: str) -> codecs.CodecInfo | None:
    try:
        return codecs.lookup(name)
    except LookupError:
        return None


def _decodes_texts(codec: codecs.CodecInfo) -> bool:
    """A codec that decodes bytes into a text (not `hex` or `rot13`, which turn bytes into bytes or text
    into text, nor `idna`, which decodes host names)."""
    return bool(getattr(codec, "_is_text_encoding", True)) and codec.name not in _NOT_BOOK_CODECS


_NOT_BOOK_CODECS = ("idna", "punycode", "undefined")
