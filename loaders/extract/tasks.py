"""Obligations (tasks): who must do what, with whom, reporting to whom, how often, by when.

Walks the section tree of `parse/sections.py` (DOMAIN.md §4.1): a heading that is only
a list of bodies gives the assignees of everything under it (examples/seeds/001_… II);
a sentence that opens with bodies and a verb names its own (examples/seeds/000_… IV,
003_… II); "Giao X chủ trì" and "chỉ đạo X chủ trì" name X; field-style state plans write
"Đơn vị chủ trì: X". Press articles yield the directives a speaker gives to named
bodies. One task per (section, assignee group), as SCHEMA.md asks; every task
keeps the span of its sentences as evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from vbkg.loaders.extract import rules
from vbkg.loaders.extract.bodies import build_scope
from vbkg.loaders.extract.body_lists import may_open_list, parse_list
from vbkg.loaders.extract.body_parse import BodyMention, BodyScope
from vbkg.loaders.extract.evidence import evidence
from vbkg.loaders.extract.periods import (
    deadline,
    implementing,
    implementing_target,
    period,
    schedule,
)
from vbkg.loaders.extract.roles import (
    coordinators,
    find_subject,
    may_direct,
    may_have_subject,
    may_name_partners,
    may_nest,
    nested_leads,
    press_directives,
    report_targets,
    reported_directive,
    self_reference,
    sentence_tokens,
)
from vbkg.loaders.extract.tables import task_rows
from vbkg.loaders.extract.vocab import Token, Trie, first_token, words
from vbkg.loaders.knowledge.vocabulary import fold, load
from vbkg.loaders.parse.model import Paragraph, Section

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_TRAILING = {".", ":", "*", ";", ","}
NOI_DUNG_MAX = 300
SUBJECT_WINDOW = 240  # characters of a sentence read to find its subject
HEADING_GROUP_MAX = 240  # a heading that only names bodies is short


@dataclass
class _Task:
    section: str
    chu_tri: list[dict]
    rule: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    noi_dung: str = ""
    phoi_hop: list[dict] = field(default_factory=list)
    bao_cao_cho: list[dict] = field(default_factory=list)
    when: list[str] = field(default_factory=list)  # "Thời gian thực hiện" fields and cells


def _key(bodies: list[dict]) -> frozenset:
    return frozenset((b["ten"].casefold(), b["dia_ban"], bool(b.get("tap_the"))) for b in bodies)


def _add(bodies: list[dict], more: list[BodyMention]) -> None:
    have = _key(bodies)
    for m in more:
        if _key([m.body]) <= have:
            continue
        bodies.append(m.body)
        have = _key(bodies)


class _Tasks:
    """Tasks in order of first mention, merged per (section, assignee group)."""

    def __init__(self, issuer: dict | None = None) -> None:
        self.by_key: dict[tuple, _Task] = {}
        self.issuer = issuer  # the document's issuer, for "Văn phòng sẽ …"

    def get(self, section: str, bodies: list[BodyMention], rule: str) -> _Task:
        chu_tri = [m.body for m in bodies]
        key = (section, _key(chu_tri))
        if key not in self.by_key:
            self.by_key[key] = _Task(section, chu_tri, rule)
        return self.by_key[key]


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int


def sentences(text: str, start: int) -> list[_Sentence]:
    """A paragraph cut into sentences (a full stop, then a capital)."""
    out, last = [], 0
    for m in _SENTENCE_END.finditer(text):
        following = text[m.end():m.end() + 3].lstrip("*“\"(- ")
        if not following[:1].isupper():
            continue
        out.append(_Sentence(text[last:m.start()], start + last))
        last = m.end()
    out.append(_Sentence(text[last:], start + last))
    return [s for s in out if s.text.strip()]


def _record(task: _Task, s: _Sentence, tokens: list[Token], scope: BodyScope,
            verb: int | None, roles: bool = True) -> None:
    """Add one sentence of a task: its evidence, first words and (when `roles`) partners."""
    task.spans.append((s.start, s.start + len(s.text)))
    task.texts.append(s.text)
    if not task.noi_dung:
        begin = tokens[verb].start - s.start if verb is not None and verb < len(tokens) else 0
        task.noi_dung = _clean(s.text[begin:])
    if roles:
        _add(task.phoi_hop, coordinators(tokens, scope, start=verb or 0))
        _add(task.bao_cao_cho, report_targets(tokens, scope, start=verb or 0))


def _clean(text: str) -> str:
    text = " ".join(text.replace("*", " ").split()).strip(" .;:-")
    return text[:NOI_DUNG_MAX].rsplit(" ", 1)[0] if len(text) > NOI_DUNG_MAX else text


def _nested(tasks: _Tasks, section: str, s: _Sentence, tokens: list[Token],
            scope: BodyScope, verb: int | None) -> None:
    """"chỉ đạo Sở Nội vụ chủ trì cùng …": a task of its own for the directed lead
    (examples/seeds/000_… IV.2);
    "Giao X chủ trì" at the head of the sentence is the subject itself (`verb` is its verb)."""
    for bodies, lead_at in nested_leads(tokens, scope):
        if lead_at == verb:
            continue
        task = tasks.get(section, bodies, rules.NESTED_CHU_TRI)
        task.spans.append((s.start, s.start + len(s.text)))
        task.texts.append(s.text)
        if not task.noi_dung:
            task.noi_dung = _clean(s.text[tokens[lead_at].start - s.start:])
        _add(task.phoi_hop, coordinators(tokens, scope, start=lead_at, nested=True))


def _heading_group(section, scope: BodyScope) -> tuple[list[BodyMention] | None, int]:
    """The heading's bodies when the heading is nothing but a list of bodies ("1. Sở Tư pháp"),
    and how many paragraphs it takes: a heading hard-wrapped by the publisher goes on in a
    short first paragraph ("Ban Quản lý Khu kinh tế" / "Đông Nam")."""
    if section.heading is None or len(section.heading.text) > HEADING_GROUP_MAX \
            or not _may_be_list(section.heading.text, scope):
        return None, 0
    tokens = sentence_tokens(section.heading.text, section.heading.start)
    alone = _pure_list(tokens, scope)
    first = section.paragraphs[0] if section.paragraphs else None
    if alone and first is not None and not first.bullet and \
            len(first.text) <= HEADING_GROUP_MAX // 4:
        wrapped = _pure_list(tokens + sentence_tokens(first.text, first.start), scope)
        if wrapped:
            return wrapped, 1
    return alone, 0


def _may_be_list(heading: str, scope: BodyScope) -> bool:
    """Cheap test before tokenizing a heading for `_pure_list`: its first word (after "*" and
    "-") opens a heading prefix ("Trách nhiệm của") or may open a list of bodies."""
    word = first_token(heading, skip=_BULLET_MARKS)
    return word is not None and (
        fold(word) in _heading_prefixes().first_words() or may_open_list(word, scope))


_BULLET_MARKS = frozenset({"*", "-"})


def _pure_list(tokens: list[Token], scope: BodyScope) -> list[BodyMention] | None:
    """The bodies of a heading that says nothing else ("Trách nhiệm của X", "X (…):")."""
    while tokens and tokens[-1].fold in _TRAILING:
        tokens = tokens[:-1]
    if tokens and tokens[-1].fold == ")" and "(" in (t.fold for t in tokens):
        tokens = tokens[:max(k for k, t in enumerate(tokens) if t.fold == "(")]  # "(… thường trực)"
    first = 0
    while first < len(tokens) and tokens[first].fold in _BULLET_MARKS:
        first += 1
    prefix = _heading_prefixes().match(tokens, first)
    if prefix:
        first = prefix[1]
    bodies, end = parse_list(tokens, first, scope)
    return bodies if bodies and end == len(tokens) else None


def _kind_heading(section, scope: BodyScope, source: str) -> list[BodyMention] | None:
    """A heading that names a kind of organisation ("Các doanh nghiệp thứ cấp đang hoạt
    động trong KCN"): one collective, named by the heading with its acronyms spelled out."""
    heading = section.heading
    if heading is None or section.paragraphs and not section.paragraphs[0].bullet:
        return None
    text = heading.text.strip(" *.:")
    kinds, most, opening = _heading_kinds()
    if not opening.match(text):  # cheap test before tokenizing
        return None
    tokens = sentence_tokens(text, 0)
    if not 2 < len(tokens) <= most or any(not t.text[:1].isalnum() for t in tokens):
        return None
    kind = kinds.match(tokens, 1)
    if kind is None or kind[1] >= len(tokens):
        return None
    bodies, end = parse_list(tokens, 0, scope)
    if bodies or end == len(tokens):  # named bodies, or nothing but vague nouns
        return None
    name = _HEADING_PREDICATE.split(_spell_out(text[tokens[1].start:], source), 1)[0]
    body = {"ten": name[:1].upper() + name[1:], "dia_ban": scope.jurisdiction, "tap_the": True,
            "loai": "ToChuc"}
    return [BodyMention(body, heading.start, heading.end)]


_ACRONYM = re.compile(r"\b[A-ZĐ]{2,6}\b")
# What follows the kind in "Các đơn vị cấp nước sạch trên địa bàn thành phố có trách nhiệm":
# where they are and the predicate, not the name.
_HEADING_PREDICATE = re.compile(r"\s+(?:trên địa bàn|có trách nhiệm|chịu trách nhiệm)\b")


def _spell_out(name: str, source: str) -> str:
    """"KCN" -> "khu công nghiệp" when the text defines it: "Khu công nghiệp (viết tắt KCN)"."""
    def expand(m: re.Match) -> str:
        n = len(m[0])
        defined = re.search(rf"((?:\w+\s+){{{n - 1}}}\w+)\s*\((?:viết tắt:?\s*)?{m[0]}\)", source)
        if defined and "".join(w[0] for w in defined[1].split()).upper() == m[0]:
            return defined[1].lower()
        return m[0]
    return _ACRONYM.sub(expand, name)


@cache
def _heading_kinds() -> tuple[Trie, int, re.Pattern]:
    data = load("obligations")["heading"]
    trie = Trie()
    for phrase in data["kinds"]:
        trie.add(words(phrase), phrase)
    opening = _cue_words(data["kinds"])
    return trie, data["kind_words"], re.compile(rf"(?:các|những)\s+(?:{opening})\s", re.I)


def _cue_words(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@cache
def _heading_prefixes() -> Trie:
    trie = Trie()
    for phrase in load("obligations")["heading"]["prefixes"]:
        trie.add(words(phrase), phrase)
    return trie


def _units(section, heading_is_group: bool, taken: int):
    """The text units of a section: its heading (unless it names the assignees), then the
    paragraphs the heading did not take."""
    units = [] if heading_is_group or section.heading is None else [section.heading]
    return units + list(section.paragraphs[taken:])


@dataclass(frozen=True)
class _Fields:
    chu_tri: re.Pattern
    phoi_hop: re.Pattern
    time: re.Pattern


@cache
def _fields() -> _Fields:
    data = load("obligations")["fields"]
    return _Fields(*(re.compile(data[k], re.IGNORECASE) for k in ("chu_tri", "phoi_hop", "time")))


def _field_blocks(units) -> list[list]:
    """The units of a section cut after each label block: the bullets of a state plan's
    numbered item, then their "Đơn vị chủ trì / phối hợp / Thời gian" labels
    (../shared/corpus/kh-141-… III.4 has three such blocks). A block without a lead label
    is kept for the one before it."""
    f, blocks, current, in_labels = _fields(), [], [], False
    for u in units:
        label = any(p.match(u.text) for p in (f.chu_tri, f.phoi_hop, f.time))
        if in_labels and not label:
            blocks.append(current)
            current = []
        current.append(u)
        in_labels = label
    if current:
        blocks.append(current)
    return blocks


def _field_task(tasks: _Tasks, section, units, scope: BodyScope) -> bool:
    """State plans' "Đơn vị chủ trì: X / Đơn vị phối hợp: Y / Thời gian: Z", once per block
    of bullets and labels (the shape of ../shared/corpus/kh-141-…)."""
    f = _fields()
    if not any(f.chu_tri.match(u.text) for u in units):
        return False
    found = False
    for block in _field_blocks(units):
        lead = next(((u, m) for u in block if (m := f.chu_tri.match(u.text))), None)
        if lead is None:
            continue
        unit, m = lead
        bodies = _cell_bodies(unit.text[m.end():], unit.start + m.end(), scope)
        if not bodies:
            continue
        found = True
        task = tasks.get(section.path, bodies, rules.FIELD_CHU_TRI)
        for u in block:
            task.spans.append((u.start, u.end))
            task.texts.append(u.text)
            if (m := f.phoi_hop.match(u.text)) is not None:
                _add(task.phoi_hop, _cell_bodies(u.text[m.end():], u.start + m.end(), scope))
            if (m := f.time.match(u.text)) is not None:
                task.when.append(u.text[m.end():])
        if not task.noi_dung:
            heading = section.heading.text if section.heading else ""
            task.noi_dung = _clean(heading or block[0].text)
    return found


def _cell_bodies(text: str, start: int, scope: BodyScope) -> list[BodyMention]:
    """The bodies a field or table cell lists ("*Sở Nội vụ, Sở Tư pháp."); each ";" part is
    read on its own, so a name outside the vocabulary does not hide the parts after it."""
    tokens = sentence_tokens(text, start)
    out, first = [], 0
    while first < len(tokens):
        while first < len(tokens) and tokens[first].fold in {"*", "-", ";"}:
            first += 1
        _add_mentions(out, parse_list(tokens, first, scope)[0])
        first = next((k for k in range(first, len(tokens)) if tokens[k].fold == ";"), len(tokens))
    return out


def _add_mentions(out: list[BodyMention], more: list[BodyMention]) -> None:
    seen = {(m.body["ten"], m.body["dia_ban"]) for m in out}
    out.extend(m for m in more if (m.body["ten"], m.body["dia_ban"]) not in seen)


def _table_tasks(tasks: _Tasks, section, unit, source: str, scope: BodyScope) -> bool:
    """One task per row of a "Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian" table."""
    rows = task_rows(source, unit.start, unit.end)
    for row in rows:
        _row_task(tasks, f"{section.path}.{row.number}" if row.number else section.path, row,
                  scope)
    return bool(rows)


_ANNEX = re.compile(r"(?m)^[ \t]*(?:PHỤ LỤC|Phụ lục)\b")  # "Phụ lục" as a Word file titles it
_GROUP_ROW = re.compile(r"(?m)^[ \t]*([IVXL]{1,5})[.\-–][^|\n]*\|[ \t]*$")


def _annex_tasks(tasks: _Tasks, source: str, start: int, scope: BodyScope) -> None:
    """The annex task table after the signature ("PHỤ LỤC … STT | Nhiệm vụ | Cơ quan chủ trì
    | …"): one task per row, section "Phụ lục." + the table's own numbering ("Phụ lục.I.1"
    under a group row "I. NÂNG CAO NHẬN THỨC … |")."""
    annex = _ANNEX.search(source, start)
    if annex is None:
        return
    groups = [(m.start(), m[1]) for m in _GROUP_ROW.finditer(source, annex.start())]
    for row in task_rows(source, annex.start(), len(source)):
        group = next((g for at, g in reversed(groups) if at < row.start), None)
        path = ".".join(p for p in ("Phụ lục", group, row.number.rstrip(".")) if p)
        _row_task(tasks, path, row, scope)


_CELL_NAME = re.compile(r"(?!(?:Các|Những)\s)[A-ZĐÀ-Ỹ][^\d;,.|()]{3,120}")


def _cell_name(cell, scope: BodyScope) -> list[BodyMention]:
    """A chủ trì cell is a body's name even when the vocabulary lacks it ("Ban Quản lý các
    khu công nghệ cao và khu công nghiệp"): the whole cell, if it reads as one name."""
    text = " ".join(cell.text.split()).rstrip(" .;:")
    if not _CELL_NAME.fullmatch(text) or len(text.split()) > 15:
        return []
    body = {"ten": text, "dia_ban": scope.place(collective=False), "loai": "ToChuc"}
    return [BodyMention(body, cell.start, cell.start + len(cell.text))]


def _row_task(tasks: _Tasks, path: str, row, scope: BodyScope) -> None:
    """The task of one table row: chủ trì cell, phối hợp cell, time cell."""
    bodies = _cell_bodies(row.chu_tri.text, row.chu_tri.start, scope) if row.chu_tri else []
    bodies = bodies or (_cell_name(row.chu_tri, scope) if row.chu_tri else [])
    if bodies:
        task = tasks.get(path, bodies, rules.TABLE_ROW)
        task.spans.append((row.start, row.end))
        task.texts.append(row.task.text if row.task else "")
        task.noi_dung = task.noi_dung or _clean(row.task.text if row.task else "")
        if row.phoi_hop:
            _add(task.phoi_hop, _cell_bodies(row.phoi_hop.text, row.phoi_hop.start, scope))
        if row.time:
            task.when.append(row.time.text)


def _walk_section(tasks: _Tasks, section, inherited: list[BodyMention] | None,
                  scope: BodyScope, source: str) -> list[BodyMention] | None:
    own, taken = _heading_group(section, scope)
    own = own or _kind_heading(section, scope, source)
    group = own or inherited
    units = [u for u in _units(section, own is not None, taken)
             if source.find("|", u.start, u.end) == -1  # no table row (and no copy of the unit)
             or not _table_tasks(tasks, section, u, source, scope)]
    if _field_task(tasks, section, units, scope):
        return group
    current = group
    lead_in = None  # "X có trách nhiệm:" names the assignees of the bullets and points after it
    for n, unit in enumerate(units):
        if n == 0 or unit.bullet:  # a bullet never inherits the subject of the bullet before it
            current = lead_in if unit.bullet and lead_in else group
        current_rule = rules.LEAD_IN if current is lead_in and lead_in else rules.HEADING_ASSIGNEE
        for s in sentences(unit.text, unit.start):
            head = s.text[:SUBJECT_WINDOW]  # a subject sits near the start: read that part first
            tokens = sentence_tokens(head, s.start) if may_have_subject(head, scope) else []
            subject = (find_subject(tokens, scope) or self_reference(tokens, tasks.issuer)
                       ) if tokens else None
            if subject is None and may_direct(s.text):  # "Tổng Bí thư đề nghị Đảng ủy X …"
                tokens = sentence_tokens(s.text, s.start)
                subject = reported_directive(tokens, scope)
            verb = None
            if subject is not None:  # a vague subject ends the previous assignees' sentences
                current, current_rule, verb = subject.bodies or None, subject.rule, subject.verb
            records = bool(current)
            roles, nests = records and may_name_partners(s.text), may_nest(s.text)
            if (roles or nests) and (not tokens or len(head) < len(s.text)):
                tokens = sentence_tokens(s.text, s.start)
            if records and _only_leads_in(s.text):  # it only announces points: no task,
                records = roles and _names_partners(tokens, scope, verb)  # unless it has partners
            if records:
                task = tasks.get(section.path, current, current_rule)
                _record(task, s, tokens, scope, verb, roles)
            if nests:
                _nested(tasks, section.path, s, tokens, scope, verb)
        if not unit.bullet:
            lead_in = current if unit.text.rstrip(" *").endswith(":") and current != group else None
    return lead_in or group


def _names_partners(tokens: list[Token], scope: BodyScope, verb: int | None) -> bool:
    return bool(coordinators(tokens, scope, start=verb or 0)
                or report_targets(tokens, scope, start=verb or 0))


def _only_leads_in(sentence: str) -> bool:
    """"Văn phòng Trung ương Đảng có trách nhiệm:", "… thực hiện các nhiệm vụ sau:": the
    sentence only announces the points below it and is no task of its own."""
    if not sentence.rstrip(" *").endswith(":"):  # cheap test: every lead-in ends with ":"
        return False
    pattern, most = _lead_in()
    m = pattern.search(sentence)
    return m is not None and (m[1] is not None or len(sentence[:m.start()].split()) <= most)


@cache
def _lead_in() -> tuple[re.Pattern, int]:
    subject = load("obligations")["subject"]
    return re.compile(subject["lead_in"], re.IGNORECASE), subject["lead_in_words"]


def _preamble_group(layout, scope: BodyScope) -> list[BodyMention] | None:
    """The bodies a lead sentence closing the preamble gives the numbered points after it:
    "… yêu cầu cấp ủy, tổ chức đảng, chính quyền, đoàn thể các cấp tập trung thực hiện tốt
    một số nhiệm vụ, giải pháp sau:" (../shared/corpus/tb-432-…; tests/corpus_gold/README.md
    "Lead sentences")."""
    if not layout.preamble:
        return None
    last = layout.preamble[-1]
    said = sentences(last.text, last.start)
    if not said or not _duties_lead_in().search(said[-1].text):
        return None
    tokens = sentence_tokens(said[-1].text, said[-1].start)
    subject = find_subject(tokens, scope) or reported_directive(tokens, scope)
    return subject.bodies or None if subject is not None else None


@cache
def _duties_lead_in() -> re.Pattern:
    return re.compile(load("obligations")["subject"]["duties_lead_in"], re.IGNORECASE)


@cache
def _narrative() -> re.Pattern:
    return re.compile(load("obligations")["narrative"]["heading"], re.IGNORECASE)


def _reports_past(section) -> bool:
    return section.heading is not None and _narrative().match(section.heading.text) is not None


@cache
def _inline_marker() -> tuple[re.Pattern, tuple[str, ...]]:
    markers = tuple(load("obligations")["inline_points"]["markers"])
    alternatives = "|".join(sorted(map(re.escape, markers), key=len, reverse=True))
    return re.compile(rf"(?<![\w(])\(({alternatives})\)(?=[\s*])"), markers


def _inline_points(section):
    """The section with "(i) … (ii) …" of its heading or last paragraph as child sections
    (offsets kept), or the section itself when it has no such points."""
    if section.children:
        return section
    units = ([section.heading] if section.heading else []) + list(section.paragraphs)
    if not units:
        return section
    unit = units[-1]
    pattern, markers = _inline_marker()
    found = list(pattern.finditer(unit.text))
    if len(found) < 2 or [m[1] for m in found] != list(markers[:len(found)]):
        return section
    cuts = [m.start() for m in found] + [len(unit.text)]

    def part(a: int, b: int) -> Paragraph:
        return Paragraph(unit.text[a:b], unit.start + a, unit.start + b, unit.bullet)

    points = [Section(f"{section.path}.({m[1]})", f"({m[1]})", None, [part(m.end(), end)])
              for m, end in zip(found, cuts[1:], strict=True)]
    lead = part(0, cuts[0])
    if unit is section.heading:
        return Section(section.path, section.label, lead, [], points)
    return Section(section.path, section.label, section.heading,
                   section.paragraphs[:-1] + [lead], points)


def _walk(tasks: _Tasks, sections, inherited, scope: BodyScope, source: str) -> None:
    for section in map(_inline_points, sections):
        if _reports_past(section):
            continue
        group = _walk_section(tasks, section, inherited, scope, source)
        _walk(tasks, section.children, group, scope, source)


def _press(tasks: _Tasks, layout, scope: BodyScope) -> None:
    """Directives a speaker gives to named bodies, all in section ""
    (../shared/gold/004_….json)."""
    end = getattr(layout, "body_end", 0) or len(layout.source.text)
    for para in layout.paragraphs:
        if para.start >= end:
            break
        for s in sentences(para.text, para.start):
            if not may_direct(s.text):
                continue
            tokens = sentence_tokens(s.text, s.start)
            for bodies, verb in press_directives(tokens, scope):
                task = tasks.get("", bodies, rules.PRESS_DIRECTIVE)
                _record(task, s, tokens, scope, verb)


# ------------------------------------------------------------------ records


def _as_record(task: _Task, text: str, year: int | None, document: dict | None,
               references: list[dict]) -> dict:
    joined = " ".join(task.texts)
    start, end = task.spans[0]  # the sentence that assigns; "spans" lists every sentence read
    issued = (document or {}).get("ngay_ban_hanh")
    when = schedule(" ".join(task.when), year, issued) if task.when else (None, None)
    record = {
        "section": task.section,
        "chu_tri": task.chu_tri,
        "phoi_hop": [b for b in task.phoi_hop if _key([b]) - _key(task.chu_tri)],
        "bao_cao_cho": [b for b in task.bao_cao_cho if _key([b]) - _key(task.chu_tri)],
        "dinh_ky": period(joined) or when[0],
        "han": deadline(joined, year, issued) or when[1],
        "noi_dung": task.noi_dung,
        "evidence": evidence(text, start, end, task.rule)
        | {"spans": [list(span) for span in dict.fromkeys(task.spans)]},
    }
    found = implementing(joined)
    if found is not None:
        record["van_ban_phai_ban_hanh"] = {
            "loai": found.loai, "thuc_hien": implementing_target(joined, found, document,
                                                              references)}
    return record


def extract_tasks(layout, ctx, references: list[dict] | None = None,
                  document: dict | None = None) -> list[dict]:
    """The SCHEMA.md tasks of one document, each with `evidence` and, when it obliges the
    assignees to issue a plan, `van_ban_phai_ban_hanh` (docs/architecture.md Contract 1).

    `document` is the record's document object (for "Kế hoạch này"); `ctx` gives the
    jurisdiction and the year that deadlines without one take.
    """
    text = layout.source.text
    scope = ctx if isinstance(ctx, BodyScope) else build_scope(ctx, text)
    tasks = _Tasks((document or {}).get("co_quan_ban_hanh"))
    if layout.kind == "press":
        _press(tasks, layout, scope)
    else:
        _walk(tasks, layout.sections, _preamble_group(layout, scope), scope, text)
        _annex_tasks(tasks, text, layout.body_end, scope)
    year = getattr(ctx, "year", None)
    return [_as_record(t, text, year, document, references or []) for t in tasks.by_key.values()]
