"""References to other documents: find, resolve (type, issuer, date), classify, merge.

The eyecite pipeline in small: *find* numbers (`numbers.py`), bare numbers
after a type word ("Chỉ thị 18") and names (doc_types.toml `named`);
*resolve* each mention's type word, date ("ngày 15/5/2016") and issuer ("của
Bộ Chính trị", else the symbol's issuer in the document's jurisdiction);
*share* a trailing date/issuer over coordinated numbers ("217-QĐ/TW và
Quyết định 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị"); *classify*
thực hiện / căn cứ / trích dẫn from the clause around it (DOMAIN.md §4.5);
*merge* repeated mentions of one document, keeping the strongest relation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from vbkg.loaders.extract import issuers, rules
from vbkg.loaders.extract.bodies import find_bodies
from vbkg.loaders.extract.context import DocContext
from vbkg.loaders.extract.evidence import evidence, sentence_span
from vbkg.loaders.knowledge.dates import find_dates
from vbkg.loaders.knowledge.numbers import NumberMatch, find_numbers, number_value
from vbkg.loaders.knowledge.vocabulary import fold, load, loai_of_word, type_word_regex
from vbkg.loaders.parse.lines import mask
from vbkg.loaders.parse.model import Layout, Paragraph

RELATION_RANK = {"thuc_hien": 0, "can_cu": 1, "trich_dan": 2}


@cache
def _cues() -> dict[str, re.Pattern]:
    """The relation lexicon of relations.toml, compiled (case-insensitive)."""
    data = load("relations")

    def words(key: str) -> str:
        return "|".join(rf"(?<!\w){w}(?!\w)" if w[0].isalnum() else w for w in data[key])

    flags = re.IGNORECASE
    return {
        # a clause that carries out what it names ("Thực hiện …") or rests on it ("Căn cứ …")
        "start": re.compile(
            rf"[\s\-–+•]*(?:(?:{words('lead_ins')})\s+)*"
            rf"(?:(?P<basis>{words('basis')})|{words('openers')})",
            flags,
        ),
        "carry_out": re.compile(words("carry_out"), flags),
        "blocking": re.compile(rf"(?:{words('blocking')})\s*$", flags),
        "connector": re.compile(rf";|,|(?<!\w)và(?!\w)|{words('nesting')}", flags),
    }


def _nesting(connector: str) -> bool:
    return any(re.fullmatch(w, connector, re.IGNORECASE) for w in load("relations")["nesting"])


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"])")
_BARE = re.compile(
    r"\s+(?:số\s+)?(\d{1,5})((?:\s*,\s*\d{1,5})*)(?:\s+và\s+(\d{1,5}))?(?![\w/]|\s*[-–/]\s*[A-ZĐ]|\s+(?:năm|tháng|ngày)\b)"
)
_OF = re.compile(r"^[\s,)*]*(?:của|do)\s+", re.IGNORECASE)
_PHRASE_END = re.compile(
    r"[“\"”;(:]|\.(?:\s|$)|\n\s*\n|,\s"
    r"|\s(?:về|thực hiện|triển khai|nhằm|để|theo|gắn với|trên địa bàn|và)\s",
    re.IGNORECASE,
)
_PLENUM = re.compile(r"^\s*hội nghị\s+(?:lần thứ\s+\S+\s+)?(?=ban chấp hành|bch)", re.IGNORECASE)
_ABOUT = re.compile(r"[\s,*]*(?:về\s+|“)", re.IGNORECASE)
_ABOUT_END = re.compile(r"[;(]|”|\.(?:\s|$)|,\s+(?=[A-ZĐ])|\n\s*\n")


@dataclass
class Mention:
    """One place in the text that names a document."""

    start: int  # the type word, or the number when there is none
    end: int  # end of the number or name
    loai: str | None
    so_hieu: str | None = None
    so: str | None = None
    ten_goi: str | None = None
    number: NumberMatch | None = None
    tail: int = 0  # end of the date and issuer phrase that follow
    date: str | None = None
    issuer: dict | None = None
    explicit_issuer: bool = False
    trich_yeu: str | None = None
    relation: str = "trich_dan"
    found_by: dict[str, str] = field(default_factory=dict)  # relation → rule (rules.BY_*)
    group: list[Mention] = field(default_factory=list)  # bare numbers sharing one type word


@cache
def _not_implemented() -> frozenset[str]:
    return frozenset(load("doc_types")["not_implemented"])


@cache
def _named() -> list[tuple[re.Pattern, str | None]]:
    return [(re.compile(n["pattern"]), n.get("loai")) for n in load("doc_types")["named"]]


def extract_references(layout: Layout, ctx: DocContext) -> list[dict]:
    """The `references` of the record: one entry per cited document, evidence attached."""
    text = layout.source.text
    flat = (layout.masked or mask(text)).replace("\n", " ")
    lower = flat.lower()
    regions = _regions(layout)
    mentions: list[Mention] = []
    for lo, hi in regions:
        found = _find(flat, lower, lo, hi, ctx)
        _resolve(flat, found, ctx)
        mentions += found
    mentions = [m for m in mentions if not _is_self(m, ctx)]
    _classify(flat, layout, mentions)
    mentions += _named_bases(flat, layout, mentions, ctx)
    return _merge(text, layout, mentions)


_BASIS_ITEM = re.compile(r"[^;]+")
_NAME_END = re.compile(r"\s+(?:ngày|số)\s|[;:(]|\.(?:\s|$)")


def _named_bases(flat: str, layout: Layout, mentions: list[Mention], ctx) -> list[Mention]:
    """Documents a "Căn cứ" list names without a number ("Căn cứ Điều lệ Đảng;", "Căn cứ Luật
    Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"): `can_cu` by name."""
    out = []
    for p in layout.preamble:
        for item in _BASIS_ITEM.finditer(flat, p.start, p.end):
            cue = _cues()["start"].match(flat, item.start(), item.end())
            if not (cue and cue["basis"]) or any(
                item.start() <= m.start < item.end() for m in mentions
            ):
                continue
            rest = flat[cue.end() : item.end()].lstrip(" :")
            word = type_word_regex().match(rest.lower())
            if not word or not rest[:1].isupper():
                continue
            cut = _NAME_END.search(rest)
            name = " ".join(rest[: cut.start() if cut else len(rest)].split()).rstrip(" ,.")
            start = item.end() - len(flat[cue.end() : item.end()].lstrip(" :"))
            mention = Mention(start, start + len(name), loai_of_word(word.group()), ten_goi=name,
                              found_by=rules.BY_NAME)
            mention.relation = "can_cu"
            dates = find_dates(flat, mention.end, item.end())
            mention.date = dates[0].iso if dates else None
            out.append(mention)
    return out


def _is_self(m: Mention, ctx: DocContext) -> bool:
    """The document's own number, unless an explicit, different issuer says otherwise
    ("Kế hoạch số 01-KH/HU ... của Ban Thường vụ Huyện ủy Bình Chánh" in Hóc Môn's 01-KH/HU)."""
    if not (ctx.so_hieu and m.so_hieu and fold(m.so_hieu) == fold(ctx.so_hieu)):
        return False
    mine = fold((ctx.issuer or {}).get("ten") or "")
    theirs = fold((m.issuer or {}).get("ten") or "")
    return not (m.explicit_issuer and mine and theirs and theirs not in mine and mine not in theirs)


def _regions(layout: Layout) -> list[tuple[int, int]]:
    out = []
    title = layout.header.trich_yeu
    if title is not None and title.end <= layout.body_start:
        out.append((title.start, title.end))
    out.append((layout.body_start, layout.body_end))
    return out


# --- find


def _find(flat: str, lower: str, lo: int, hi: int, ctx: DocContext) -> list[Mention]:
    numbers = find_numbers(flat, lo, hi)
    found = [_numbered(flat, n, lo) for n in numbers]
    taken = [(m.start, m.end) for m in found]
    for tw in type_word_regex().finditer(lower, lo, hi):
        if not flat[tw.start()].isupper():
            continue
        m = _BARE.match(flat, tw.end(), hi)
        if not m or _inside(tw.start(), taken) or _inside(m.start(1), taken):
            continue
        loai = loai_of_word(tw.group())  # lower case: fold() is what the table holds
        numbers_here = [m[1]] + re.findall(r"\d{1,5}", m[2] or "") + ([m[3]] if m[3] else [])
        if any(1945 <= int(n) <= 2100 and len(n) == 4 for n in numbers_here):
            continue
        group = [Mention(tw.start(), m.end(), loai, so=n, found_by=rules.BY_BARE_NUMBER)
                 for n in numbers_here]
        for g in group:
            g.group = group
        found += group
        taken.append((tw.start(), m.end()))
    for regex, loai in _named():
        for m in regex.finditer(flat, lo, hi):
            if _inside(m.start(), taken):
                continue
            name = " ".join(m.group().split())
            mention = Mention(m.start(), m.end(), loai, ten_goi=name, found_by=rules.BY_NAME)
            named_by = issuers.from_phrase(name.split(None, 2)[2], ctx.home, ctx.central)
            if named_by is not None:
                mention.issuer, mention.explicit_issuer = named_by.body, True
            found.append(mention)
            taken.append(m.span())
    return sorted(found, key=lambda m: m.start)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _numbered(flat: str, n: NumberMatch, lo: int) -> Mention:
    """A number with the type word written before it ("Kết luận số 436-KL/TU")."""
    start, loai = n.start, n.loai
    window = flat[max(lo, n.start - 60) : n.start]
    words = list(type_word_regex().finditer(window.lower()))
    if words:
        w = words[-1]
        between = window[w.end() :]
        adjacent = re.fullmatch(r"\s*(?:hành động\s*)?(?:số\s*:?\s*)?", between, re.IGNORECASE)
        named_law = (
            n.loai == "Luat" and not re.search(r"[,;.:]", between) and len(between.split()) <= 10
        )
        if adjacent or named_law:
            start = max(lo, n.start - 60) + w.start()
            word_loai = loai_of_word(w.group())
            # no type in the number (a law's N/YEAR/QHn, a công văn): the word decides,
            # "Nghị quyết 197/2025/QH15" is a resolution; and for QĐ, Quy định vs Quyết định
            if (n.type_abbr is None and adjacent and word_loai) or (
                n.type_abbr == "QĐ" and word_loai in ("QuyDinh", "QuyetDinh")
            ):
                loai = word_loai
    return Mention(start, n.end, loai, so_hieu=n.so_hieu, number=n, found_by=rules.BY_NUMBER)


# --- resolve: date, issuer, subject after each mention


def _resolve(flat: str, mentions: list[Mention], ctx: DocContext) -> None:
    for i, m in enumerate(mentions):
        limit = mentions[i + 1].start if i + 1 < len(mentions) else len(flat)
        if m.group and m is not m.group[-1]:
            m.tail = m.end
            continue
        _date_and_issuer(flat, m, min(limit, m.end + 220), ctx)
    for g in {id(m.group[0]): m.group for m in mentions if m.group}.values():
        for m in g[:-1]:
            m.date, m.issuer, m.explicit_issuer = g[-1].date, g[-1].issuer, g[-1].explicit_issuer
    _share(flat, mentions)
    for m in mentions:
        if m.issuer is None and m.number is not None:
            m.issuer = issuers.from_symbol(m.number.issuer, m.number.party, ctx.home)
            if m.issuer is None and not m.number.party and ctx.home is None:
                m.issuer = {"ten": None, "dia_ban": ctx.jurisdiction}


def _date_and_issuer(flat: str, m: Mention, limit: int, ctx: DocContext) -> None:
    pos = m.end
    for d in find_dates(flat, pos, min(limit, pos + 45)):
        if re.fullmatch(
            r"[\s,(*]*(?:ban hành\s+)?(?:ngày\s*)?", flat[pos : d.start], re.IGNORECASE
        ):
            m.date, pos = d.iso, d.end
        break
    rest = flat[pos:limit]
    of = _OF.match(rest)
    if of is not None or m.date is not None:
        phrase_start = pos + (of.end() if of else 0)
        phrase = flat[phrase_start:limit]
        cut = _PHRASE_END.search(phrase)
        phrase = phrase[: cut.start()] if cut else phrase[:100]
        plenum = _PLENUM.match(phrase)
        body_phrase = phrase[plenum.end() :] if plenum else phrase
        found = issuers.from_phrase(body_phrase, ctx.home, ctx.central, anchored=True)
        if found is not None and (of is not None or found.start == 0):
            m.issuer, m.explicit_issuer = found.body, True
            pos = phrase_start + (plenum.end() if plenum else 0) + found.end
        elif of is not None:  # a body issuers.toml does not list: the body vocabulary reads it
            named = find_bodies(body_phrase, 0, ctx)
            if named and named[0].start == 0 and not named[0].body.get("tap_the"):
                body = named[0].body
                m.issuer = {"ten": body["ten"], "dia_ban": body["dia_ban"]}
                m.explicit_issuer = True
                pos = phrase_start + (plenum.end() if plenum else 0) + named[0].end
    about = _ABOUT.match(flat, pos, limit)
    if about:
        tail = flat[about.end() : limit]
        cut = _ABOUT_END.search(tail)
        subject = " ".join(tail[: cut.start() if cut else 160].split()).strip(' ,*”"')
        if subject:
            m.trich_yeu = (
                "Về " + subject
                if about.group().strip().lower().startswith("về")
                else subject[:1].upper() + subject[1:]
            )
    m.tail = pos


def _share(flat: str, mentions: list[Mention]) -> None:
    """A trailing issuer (and, after "và", date) belongs to every number coordinated before it."""
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if a.explicit_issuer or (a.group and a.group is b.group):
            continue
        gap = flat[a.tail : b.start]
        if re.fullmatch(r"[\s,*]*(?:và\s*)?", gap, re.IGNORECASE):
            a.issuer, a.explicit_issuer = b.issuer, b.explicit_issuer
            if a.date is None and "và" in gap:
                a.date = b.date


# --- classify


def _classify(flat: str, layout: Layout, mentions: list[Mention]) -> None:
    """thực hiện / căn cứ / trích dẫn from the clause each mention sits in."""
    preamble = {(p.start, p.end) for p in layout.preamble}
    purpose = _purpose_ranges(layout)
    title = layout.header.trich_yeu
    clauses: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        clauses.setdefault(_clause(flat, layout, m, title), []).append(m)
    listed = None  # the relation of a preamble list still open (its last item ended with ";")
    for (lo, hi), group in clauses.items():
        in_title = title is not None and lo == title.start
        in_preamble = (lo, hi) in preamble or any(s <= lo < e for s, e in preamble)
        head = flat[lo : group[0].start]
        cue = _cues()["start"].match(flat, lo, hi)
        if in_title:
            relation = "thuc_hien" if _cues()["carry_out"].search(head) else None
        elif cue and cue["basis"]:
            relation = "can_cu"
        elif cue and in_preamble:
            relation = "thuc_hien"
        elif in_preamble and listed and not head.strip(" *_"):
            # "Thực hiện Chỉ thị số 46-CT/TW …;\nHướng dẫn số 7886/HD-BNV …": an item of
            # the list its opener began, wrapped onto a line of its own
            relation = listed
        elif (layout.kind == "press" or any(s <= lo < e for s, e in purpose)) and (
            _cues()["carry_out"].search(head) and not _cues()["blocking"].search(head)
        ):  # a press speaker's directive; a plan's own aim under "MỤC ĐÍCH, YÊU CẦU"
            relation = "thuc_hien"
        else:
            relation = None
        level = relation
        previous = None
        for m in group:
            if previous is not None:
                level = _level(flat[previous.end : m.start], level, relation)
            m.relation = level or "trich_dan"
            if m.relation == "thuc_hien" and m.loai in _not_implemented():
                m.relation = "trich_dan"
            previous = m
        if in_preamble:
            listed = level if flat[lo:hi].rstrip(" *_\n").endswith(";") else None


def _purpose_ranges(layout: Layout) -> list[tuple[int, int]]:
    """Text of the top-level sections headed "MỤC ĐÍCH, YÊU CẦU" (layout.toml `purpose`):
    there a plan states what it carries out ("Triển khai thực hiện … Nghị quyết số 66-NQ/TW")."""
    words = tuple(load("layout")["purpose"])
    roots = layout.sections
    starts = [_section_start(s) for s in roots] + [layout.body_end]
    return [
        (starts[i], starts[i + 1])
        for i, s in enumerate(roots)
        if s.heading is not None and any(w in s.heading.text.lower() for w in words)
    ]


def _section_start(section) -> int:
    if section.heading is not None:
        return section.heading.start
    first = section.paragraphs or [c.heading for c in section.children if c.heading]
    return first[0].start if first else 0


def _level(gap: str, previous: str | None, top: str | None) -> str | None:
    """How a mention relates, given the text since the previous one in its clause."""
    found = list(_cues()["connector"].finditer(gap))
    if not found:
        return previous
    last = found[-1].group().lower()
    semicolons = [c for c in found if c.group() == ";"]
    if semicolons and _cues()["start"].match(gap, semicolons[-1].end()):
        cue = _cues()["start"].match(gap, semicolons[-1].end())  # "…; thực hiện Kế hoạch số …"
        return "can_cu" if cue["basis"] else ("thuc_hien" if top else None)
    if last == ";":
        return top
    if _nesting(last):
        return None
    return previous


def _clause(flat: str, layout: Layout, m: Mention, title) -> tuple[int, int]:
    """Where a mention's relation is read from: the title, a preamble paragraph, or a sentence."""
    if title is not None and title.start <= m.start < title.end:
        return title.start, title.end
    p = _paragraph_at(layout.paragraphs, m.start)
    if p is None:
        return m.start, m.end
    if layout.kind != "press" and p in layout.preamble:
        return p.start, p.end
    starts = [p.start] + [p.start + s.end() for s in _SENTENCE.finditer(p.text)]
    lo = max(s for s in starts if s <= m.start)
    nxt = [s for s in starts if s > m.start]
    return lo, (nxt[0] if nxt else p.end)


def _paragraph_at(paragraphs: list[Paragraph], pos: int) -> Paragraph | None:
    for p in paragraphs:
        if p.start <= pos < p.end:
            return p
    return None


# --- merge


def _ident(m: Mention) -> tuple:
    if m.so_hieu:
        return ("so_hieu", fold(m.so_hieu))
    if m.so:
        return ("so", m.loai, int(m.so))
    return ("ten_goi", fold(m.ten_goi or ""))


def _merge(text: str, layout: Layout, mentions: list[Mention]) -> list[dict]:
    """One reference per document: the strongest relation, explicit facts over defaults."""
    numbered = {(m.loai, number_value(m.number.number)) for m in mentions if m.number is not None}
    merged: dict[tuple, Mention] = {}
    first: dict[tuple, Mention] = {}
    for m in mentions:
        if m.so and (m.loai, number_value(m.so)) in numbered:
            continue  # "Chương trình số 01 của Thành ủy" after 01-CTr/TU: the same document
        key = _ident(m)
        if key not in merged:
            merged[key], first[key] = m, m
            continue
        kept = merged[key]
        if RELATION_RANK[m.relation] < RELATION_RANK[kept.relation]:
            kept.relation, kept.found_by = m.relation, m.found_by
            kept.start, kept.end = m.start, m.end
        if m.explicit_issuer and not kept.explicit_issuer:
            kept.issuer, kept.explicit_issuer = m.issuer, True
        kept.date = kept.date or m.date
        kept.trich_yeu = kept.trich_yeu or m.trich_yeu
    out = []
    for m in merged.values():
        p = _paragraph_at(layout.paragraphs, m.start)
        lo, hi = (p.start, p.end) if p else (m.start, m.end)
        s, e = sentence_span(text, m.start, m.end, lo, hi)
        out.append(
            {
                "relation": m.relation,
                "loai": m.loai,
                "so_hieu": m.so_hieu,
                "so": m.so if not m.so_hieu else None,
                "ten_goi": m.ten_goi if not (m.so_hieu or m.so) else None,
                "ngay_ban_hanh": m.date,
                "co_quan_ban_hanh": m.issuer,
                "trich_yeu": m.trich_yeu,
                "evidence": evidence(text, s, e, m.found_by[m.relation]),
            }
        )
    return out
