"""People: one register of names across yearbooks, from the structured places that name people, and the
links from running text to them.

Sources, most reliable first: person records (人物 pages, `person:` front matter), the 附录 list of
leaders (`### institution`, then `- 书记：陈瑾（女）、…`), the name columns of honours tables (获奖人姓名,
提案人), and author credits (kept as contributions, apart from what a page says of a person). A name is
only taken when it looks like a personal name (a known surname, 2–4 characters), so a role, an
institution or a phrase (`书记对浙江`) never gets a page. In running text a registered subject's name is
linked where it stands as a word of its own: at a text boundary, after a role (`区委书记陈瑾`) or a list
separator, and before punctuation or a verb that follows a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from site_gen.site.collect.inline_marks import Mark, link, mark_text, words_pattern
from site_gen.site.collect.tables import TableData
from site_gen.site.load.pages import Page, Site
from site_gen.slug import slugify

PEOPLE_PATH = "people/"
NAME_COLUMNS = {"获奖人姓名", "获奖人", "提案人"}
LIST_LABEL = 6  # characters: a label over an award list (`三等功`, `记嘉奖`)
# The commonest surnames (compound ones first), enough to tell a name from a role or an institution.
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "公孙", "尉迟")
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫严段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施"
    "陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢骆岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童"
    "欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑"
    "邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郁晏栾郗仇蓝荀乔虞楼宣竺寿练封储麻裘滑卓惠荣应茅厉缪诸"
    "揭赖占桑郦俞岑乐仲伏卞花帅师权戈巩居危汝闻晁蔺荆隆宗计邝喻暴冷訾寇巫宓钭蒲操竹干步芮吾康言易常")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_NOTE = re.compile(r"（(?P<note>[^（）]*)）")
_ROLE_LINE = re.compile(r"^(?P<role>[^：:]{1,24})[：:](?P<names>.+)$")
# Words a name follows or is followed by in running text (`区委书记陈瑾`, `陈瑾被评为`).
ROLE_ENDINGS = ("书记", "区长", "主任", "部长", "主席", "局长", "委员", "常委", "组长", "社长", "院长", "校长",
                "会长", "处长", "科长", "所长", "站长", "馆长", "经理", "董事长", "总裁", "队长", "厂长", "代表",
                "同志", "党员", "居民", "老人", "教师", "医生", "民警", "志愿者", "选手", "运动员", "作者", "主持人")
# Characters a name may follow: punctuation, conjunctions, `的`, and the last character of words that
# introduce people (任命, 免去, 评定, 输送, 接受, 印发, 关于, 领导, 社工, 学生, 模范, 传承人, 中心, 支部).
_BEFORE = set("、，。；：（“‘《》”’）,;: \n") | set("和与及的命免去定送工生年范人心部区员长记委队受发于导对")
# Characters a name may precede: punctuation and the first character of what is said of a person
# (被评为, 获, 等, 同志, 代表, 撰写, 传达, 跟随, 开展, 先后, 走进, 副主任, 摄).
_AFTER = set("、，。；：（）“”‘’《》,;: \n") | set("被获等为在任说带向同作参以荣当入出和与及是的领主率将已") \
    | set("讲指强调会致宣介提要对到赴看一代撰传随坚通摄跟开先走副")
# Names that are also common words (`严峻的形势`): linked only after a role (`区委书记…`).
COMMON_WORDS = {"严峻", "金兰", "高峰", "江山", "方向", "常青", "文明", "黎明", "和平", "海燕", "长江", "平安",
                "向阳", "安全", "王者", "华夏", "田野", "高明", "高远", "金星", "程序", "左右", "万里", "成功"}


def is_name(text: str) -> bool:
    if not _NAME.match(text):
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) >= 3
    return text[0] in SURNAMES and len(text) <= 3


@dataclass(slots=True)
class Role:
    what: str  # 书记, 全国“三八红旗手”, 提案人
    where: str  # institution, or the table / page that says so
    note: str | None
    url: str  # the page (and anchor) that records it
    book: Page


@dataclass(eq=False, slots=True)
class Person:
    name: str
    url: str
    gender: str | None = None
    records: list[Page] = field(default_factory=list)  # 人物 pages
    roles: list[Role] = field(default_factory=list)
    mentions: list[Page] = field(default_factory=list)  # pages whose text names this person
    contributions: list[Page] = field(default_factory=list)  # pages this person wrote (author credits)

    def books(self) -> list[str]:
        """URLs of the yearbooks that name this person."""
        pages = [*self.records, *self.mentions, *self.contributions]
        return sorted({p.yearbook().url for p in pages} | {r.book.url for r in self.roles})

    def role_pages(self) -> set[str]:
        return {role.url.split("#")[0] for role in self.roles}

    @property
    def subject(self) -> bool:
        """Named by a record, a role or an honour (not only as an author): linked in running text."""
        return bool(self.records or self.roles)


@dataclass(slots=True)
class People:
    by_name: dict[str, Person] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None

    def person(self, name: str) -> Person:
        if name not in self.by_name:
            self.by_name[name] = Person(name, f"/{PEOPLE_PATH}{slugify(name)}/")
        return self.by_name[name]

    def sorted(self) -> list[Person]:
        """In pinyin order (the URL segment is the name's pinyin)."""
        return sorted(self.by_name.values(), key=lambda p: (p.url, p.name))

    def pattern(self) -> re.Pattern[str] | None:
        """The subjects' names as one pattern; the longest name wins."""
        if self._pattern is None:
            names = [p.name for p in self.by_name.values() if p.subject]
            self._pattern = words_pattern(names)
        return self._pattern


@dataclass(frozen=True, slots=True)
class NamedRole:
    """A role a page's text gives a name (a leaders list, an award list), before people are gathered."""
    name: str
    role: Role
    female: bool = False


def gather(site: Site, tables: dict[str, list[tuple[Page, TableData]]], roles: dict[str, list[NamedRole]]) -> People:
    """Everyone the site names: 人物 records, authors, the roles of `page_roles` (per page URL), honours."""
    people = People()
    taken: set[str] = set()
    for page in site.pages:
        record = page.front.person
        if record is not None and is_name(str(record.get("name", ""))):
            person = people.person(str(record["name"]))
            person.gender = person.gender or record.get("gender")
            person.records.append(page)
        for author in page.front.authors:
            name = "".join(str(author).split())
            if is_name(name):
                people.person(name).contributions.append(page)
        for named in roles.get(page.url, ()):
            person = people.person(named.name)
            if named.female:
                person.gender = "女"
            person.roles.append(named.role)
    for book in site.yearbooks():
        for page, table in tables.get(book.url, []):
            _honours(page, table, book, people)
    for person in people.by_name.values():  # keep URLs unique when two names share a pinyin
        url, n = person.url, 2
        while url in taken:
            url, n = f"{person.url.rstrip('/')}-{n}/", n + 1
        person.url = url
        taken.add(url)
    return people


def page_roles(page: Page, tokens: list[Token]) -> list[NamedRole]:
    """The roles a page's own text gives names: its leaders list, then its award lists."""
    return _leaders(page, tokens) + _name_lists(page, tokens)


def _leaders(page: Page, tokens: list[Token]) -> list[NamedRole]:
    """`### institution` then `- role：name（note）、name…` items (the 附录 list of leaders)."""
    found: list[NamedRole] = []
    institution = None
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            institution = tokens[k + 1].content.strip() if token.tag == "h3" else None
        elif token.type == "inline" and institution and k >= 2 and tokens[k - 2].type == "list_item_open":
            line = _ROLE_LINE.match(token.content.strip())
            if line is None:
                continue
            for item in line["names"].split("、"):
                name = _NOTE.sub("", item).strip()
                notes = [n for n in _NOTE.findall(item) if n != "女" and not n.startswith("按")]
                if is_name(name):
                    found.append(NamedRole(name, Role(line["role"].replace(" ", ""), institution,
                                                      "，".join(notes) or None, page.url, page.yearbook()),
                                           "（女）" in item))
    return found


def _name_lists(page: Page, tokens: list[Token]) -> list[NamedRole]:
    """Award lists: a paragraph that is nothing but names (`郑远、潘泽林、…`) names the page's honour,
    under the label printed before it (`三等功`) if any."""
    found: list[NamedRole] = []
    label = None
    for k, token in enumerate(tokens):
        if token.type != "inline" or k == 0 or tokens[k - 1].type != "paragraph_open" or tokens[k - 1].level:
            continue
        names = token.content.split("、")
        if len(names) >= 2 and all(is_name(n) for n in names):
            what = f"{page.title}（{label}）" if label else page.title
            found += [NamedRole(name, Role(what, page.front.section or "", None, page.url, page.yearbook()))
                      for name in names]
        else:
            label = token.content.strip() if len(token.content.strip()) <= LIST_LABEL else None
    return found


def _honours(page: Page, table: TableData, book: Page, people: People) -> None:
    columns = [k for k, c in enumerate(table.columns) if c in NAME_COLUMNS]
    if not columns:
        return
    honour = next((k for k, c in enumerate(table.columns) if "荣誉" in c or c == "案由"), None)
    unit = next((k for k, c in enumerate(table.columns) if c in ("获奖单位", "获奖部门")), None)
    for row in table.rows:
        for k in columns:
            for name in row[k].split("、"):
                if is_name(name):
                    what = row[honour] if honour is not None else table.columns[k]
                    where = row[unit] if unit is not None else table.label
                    people.person(name).roles.append(Role(what, where, None, f"{page.url}#{table.anchor}", book))


def link_people(tokens: list[Token], page: Page, people: People) -> list[Person]:
    """Link subjects' names where they stand as words; returns the people named (not a page's own
    person, and not inside an existing link)."""
    pattern = people.pattern()
    if pattern is None:
        return []
    named: list[Person] = []
    own = page.front.person.get("name") if page.front.person is not None else None

    def find(text: str) -> list[Mark]:
        spans = []
        for match in pattern.finditer(text):
            if match.group() == own or not _stands_alone(text, *match.span()):
                continue
            person = people.by_name[match.group()]
            spans.append(link(*match.span(), person.url, "person-link"))
            if person not in named:
                named.append(person)
        return spans

    mark_text(tokens, find)
    return named


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    by_role = any(text.endswith(role, 0, start) for role in ROLE_ENDINGS)
    if text[start:end] in COMMON_WORDS:
        return by_role and after in _AFTER
    return (before in _BEFORE or by_role) and after in _AFTER


def person_view(person: Person) -> dict[str, object]:
    """What templates see of a person: everything grouped by yearbook, newest first."""
    books: dict[str, dict[str, list[dict[str, str | None]]]] = {}

    def add(book: Page, kind: str, item: dict[str, str | None]) -> None:
        kinds = ("records", "roles", "mentions", "contributions")
        empty: dict[str, list[dict[str, str | None]]] = {k: [] for k in kinds}
        books.setdefault(book.title, empty)[kind].append(item)

    for page in person.records:
        record = page.front.person or {}
        facts = [f for f in (record.get("gender"), _born(record.get("born")), record.get("affiliation")) if f]
        add(page.yearbook(), "records", {"url": page.url, "title": page.front.section or page.title,
                                         "facts": "，".join(facts)})
    for role in person.roles:
        add(role.book, "roles", {"url": role.url, "what": role.what, "where": role.where, "note": role.note})
    for page in person.mentions:
        add(page.yearbook(), "mentions", {"url": page.url, "title": page.title})
    for page in person.contributions:
        add(page.yearbook(), "contributions", {"url": page.url, "title": page.title})
    births = {(page.front.person or {}).get("born") for page in person.records}
    genders = {g for g in [person.gender, *((page.front.person or {}).get("gender") for page in person.records)] if g}
    ambiguous = None
    if len(births) > 1 or len(genders) > 1:
        ambiguous = f"注意：年鉴中名为{person.name}的可能不止一人（出生年月或性别不同），以下内容未经区分。"
    return {"name": person.name, "url": person.url, "gender": person.gender, "ambiguous": ambiguous,
            "books": sorted(books.items(), reverse=True)}


def _born(value: object) -> str | None:
    """`1970-08` → `1970年8月出生`."""
    match = re.match(r"^(\d{4})-(\d{2})$", str(value or ""))
    return f"{match[1]}年{int(match[2])}月出生" if match else None


def index_entry(person: Person) -> dict[str, str]:
    """A line of the people index: name, link, the first letter of its pinyin, what the person is."""
    what = "人物简介" if person.records else (person.roles[0].what if person.roles else "撰稿人")
    return {"name": person.name, "url": person.url, "letter": person.url.strip("/").split("/")[-1][:1].upper(),
            "what": what}


def appears_in(person: Person, book: Page) -> bool:
    """Whether a yearbook says anything of the person: a record, a role, a mention or a credit."""
    pages = (*person.records, *person.mentions, *person.contributions)
    return any(p.yearbook() is book for p in pages) or any(r.book is book for r in person.roles)
