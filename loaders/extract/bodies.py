"""Bodies: find body mentions and give each its canonical name and jurisdiction.

A mention is read as `[các] ORGAN* BASE [complement] [jurisdiction]` over the
vocabulary of data/bodies.toml, so that "Ban thường vụ thành ủy Thủ Đức",
"BCS Đảng UBND TP" and "các quận ủy, huyện ủy" become the body records of
SCHEMA.md: `{"ten", "dia_ban", "tap_the"?, "loai"}`. Names are relative to the
document's jurisdiction (DOMAIN.md §3.6), which comes from the `ctx` given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from vbkg.loaders.extract.vocab import Token, Trie, tokenize, words
from vbkg.loaders.knowledge.vocabulary import fold, load

SPEAKER_WINDOW = 1500  # characters read for the level of a text that states none


@dataclass(frozen=True)
class Grammar:
    """The small words a list of bodies is built with (data/bodies.toml [grammar])."""

    plural: frozenset[str]
    separators: frozenset[str]
    committee_suffix: str
    all_levels: tuple[tuple[str, ...], ...]
    khoi: re.Pattern
    ordinals: re.Pattern
    related: tuple[tuple[str, ...], ...]
    list_kinds: dict[str, Entry]


@cache
def grammar() -> Grammar:
    g = load("bodies")["grammar"]
    return Grammar(
        plural=frozenset(g["plural"]), separators=frozenset(g["separators"]),
        committee_suffix=g["committee_suffix"],
        all_levels=tuple(words(w) for w in g["all_levels"]),
        khoi=re.compile(rf"\b{g['khoi']}\s+(?=[A-ZĐ])", re.IGNORECASE),
        ordinals=re.compile("|".join(g["ordinals"]), re.IGNORECASE),
        related=tuple(sorted((words(w) for w in g["related"]), key=len, reverse=True)),
        list_kinds={w: Entry(ten=k["ten"], loai=k["loai"], tap_the=True)
                    for w, k in g["list_kinds"].items()},
    )


@dataclass(frozen=True)
class Entry:
    """One organ or base of the vocabulary."""

    ten: str
    loai: str
    tap_the: bool = False
    central: bool = False
    complement: str | None = None
    alone: str | None = None
    owner_only: bool = False
    hosts_party_group: bool = False
    default_owner: bool = False
    unit: bool = False


@dataclass(frozen=True)
class BodyMention:
    """A body named in the text, with the span of the words that name it."""

    body: dict
    start: int
    end: int


@dataclass
class BodyScope:
    """What a body name is relative to: the document's jurisdiction and its local names."""

    jurisdiction: str | None = None
    # the one province a central document is about ("… làm việc với Thường trực Tỉnh ủy
    # Thanh Hóa"): where its unplaced provincial bodies sit
    subject: str | None = None
    khoi: str | None = None  # "Dân - Chính - Đảng": the Khối the document speaks about
    local: dict[str, dict] = field(default_factory=dict)  # "(ABBR)" definitions

    @property
    def cap_uy(self) -> str | None:
        return cap_uy_of(self.jurisdiction)


@dataclass
class _Parse:
    """One body read at a position, before it becomes a record."""

    organs: list[Entry]
    base: Entry | None
    extra: str = ""
    dia_ban: str | None = None
    tap_the: bool = False
    plural: bool = False  # written after "các"/"những"
    implicit_owner: bool = False
    fixed: dict | None = None  # a document-local abbreviation's body
    start: int = 0
    end: int = 0  # token index after the mention
    siblings: list[_Parse] = field(default_factory=list)


# ------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class _Vocab:
    organs: Trie
    bases: Trie
    units: Trie  # folded unit -> (unit as written in a name, kind)
    departments: Trie
    abbreviations: Trie  # matched on the text as written
    jurisdictions: Trie  # forms that name a jurisdiction outright -> dia_ban
    guarded: Trie  # bare names that need a prefix ("Hồ Chí Minh") -> dia_ban
    ellipsis: dict[str, str]
    vague: Trie
    attachments: Trie
    name_stop: frozenset[str]
    non_bodies: frozenset[str]
    cap_uy: dict[str, str]
    central: str


def _expand_cap_uy(form: str) -> list[str]:
    if "{cap_uy}" not in form:
        return [form]
    return [form.replace("{cap_uy}", word) for word in ("thành ủy", "tỉnh ủy")]


@cache
def vocab() -> _Vocab:
    data, places = load("bodies"), load("jurisdictions")
    organs, bases = Trie(), Trie()
    for table, trie in ((data["organ"], organs), (data["base"], bases)):
        for item in table:
            entry = Entry(
                ten=item["ten"], loai=item["loai"], tap_the=item.get("tap_the", False),
                central=item.get("central", False), complement=item.get("complement"),
                alone=item.get("alone"), owner_only=item.get("owner_only", False),
                hosts_party_group=item.get("hosts_party_group", False),
                default_owner=item.get("default_owner", False), unit=item.get("unit", False),
            )
            for form in item["forms"]:
                for variant in _expand_cap_uy(form):
                    trie.add(words(variant), entry)
    units = Trie()
    spec = data["units"]
    for unit in spec["generic"]:
        units.add(words(unit), (unit, "generic"))
    for unit in spec["self"]:
        units.add(words(unit), (unit, "self"))
    departments = Trie()
    for name in data["departments"]["names"]:
        departments.add(words(name), name)
    abbreviations = Trie()
    for abbr, expansion in data["abbreviations"].items():
        abbreviations.add(tuple(t.text for t in tokenize(abbr)), expansion)
    jurisdictions, guarded = Trie(), Trie()
    prefixes = places.get("prefixes", ["tỉnh", "thành phố"])
    for place in places["jurisdiction"]:
        name, bare = place["name"], place["bare"]
        jurisdictions.add(words(name), name)
        for prefix in prefixes:
            jurisdictions.add(words(f"{prefix} {bare}"), name)
        for alias in place.get("aliases", []):
            jurisdictions.add(words(alias), name)
        (jurisdictions if place.get("safe", True) else guarded).add(words(bare), name)
    vague, attachments = Trie(), Trie()
    for form in data["vague"]["forms"]:
        vague.add(words(form), True)
    for form in data["attachments"]["forms"]:
        attachments.add(words(form), True)
    return _Vocab(
        organs=organs, bases=bases, units=units, departments=departments,
        abbreviations=abbreviations, jurisdictions=jurisdictions, guarded=guarded,
        ellipsis=data["ellipsis_committees"], vague=vague, attachments=attachments,
        name_stop=frozenset(data["names"]["stop"]),
        non_bodies=frozenset(a.casefold() for a in data["non_bodies"]["acronyms"]),
        cap_uy=data["cap_uy"], central=places.get("central", "Trung ương"),
    )


def cap_uy_of(jurisdiction: str | None) -> str | None:
    """'Thành ủy' for a Thành phố, 'Tỉnh ủy' for a Tỉnh, None for central or unknown."""
    for prefix, word in vocab().cap_uy.items():
        if jurisdiction and jurisdiction.startswith(prefix):
            return word
    return None


# ------------------------------------------------------------------ tokens


def expand(tokens: list[Token]) -> list[Token]:
    """Replace body abbreviations (UBND, BTVTU, CT-XH …) by their words, keeping their span."""
    v, out, i = vocab(), [], 0
    while i < len(tokens):
        hit = v.abbreviations.starts(tokens[i].text) and \
            v.abbreviations.match(tokens, i, by_text=True)
        if hit:
            expansion, j = hit
            start, end = tokens[i].start, tokens[j - 1].end
            out.extend(Token(w, w, start, end) for w in words(expansion))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out


@cache
def _abbreviation_regex() -> re.Pattern:
    firsts = {t.text for abbr in load("bodies")["abbreviations"] for t in tokenize(abbr)[:1]}
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(firsts))) + r")(?!\w)")


@lru_cache(maxsize=64)  # a heading is read as a list of bodies, then as a sentence
def body_tokens(text: str, offset: int = 0) -> list[Token]:
    """Tokens ready for body matching: abbreviations expanded, spans into the source.
    The list is shared between callers: read it, never change it."""
    tokens = tokenize(text, offset)
    return expand(tokens) if _abbreviation_regex().search(text) else tokens


@cache
def _body_openers() -> frozenset[str]:
    v = vocab()
    return frozenset(v.organs.first_words() | v.bases.first_words() | v.vague.first_words()
                     | grammar().plural)


def may_open_list(word: str, scope: BodyScope) -> bool:
    """Cheap test: can a list of bodies (`parse_list`) start at this word as written? Its first
    item is a body, a vague item or "các …", or an abbreviation that expands to one."""
    return (fold(word) in _body_openers() or vocab().abbreviations.starts(word)
            or word in scope.local)


# ------------------------------------------------------------------ reading one body


def _jurisdiction_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    return vocab().jurisdictions.match(tokens, i)


def _proper_name(tokens: list[Token], i: int, dashes: bool = False) -> tuple[str, int] | None:
    """A run of capitalised words (a unit name) at tokens[i:], stopping at a jurisdiction."""
    v, j, parts = vocab(), i, []
    while j < len(tokens):
        tok = tokens[j]
        if parts and _jurisdiction_at(tokens, j):
            break
        if dashes and parts and tok.fold == "-" and j + 1 < len(tokens) and tokens[j + 1].cap:
            parts += ["-", tokens[j + 1].text]
            j += 2
            continue
        # a name never opens with a stop word ("Thành ủy Kế hoạch …"); inside it only a
        # word that opens a body of its own ends it ("Phú Quốc", "Châu Thành" go on)
        free = tok.fold not in v.name_stop if not parts else not _opens_body(tokens, j)
        if tok.cap and tok.text[:1].isalnum() and (free or (dashes and parts)):
            if tok.fold in v.non_bodies:
                break
            parts.append(tok.text)
            j += 1
            continue
        break
    if not parts:
        return None
    return " ".join(parts), j


def _opens_body(tokens: list[Token], j: int) -> bool:
    v = vocab()
    return bool(v.organs.match(tokens, j) or v.bases.match(tokens, j)
                or v.abbreviations.match(tokens, j, by_text=True))


def _unit(tokens: list[Token], i: int):
    """(unit as written, 'generic'|'self', end) for a unit word at tokens[i:]."""
    hit = vocab().units.match(tokens, i)
    if not hit:
        return None
    (unit, kind), j = hit
    return unit, kind, j


def _read_unit(p: _Parse, tokens: list[Token], i: int, central: bool = False) -> int:
    """The unit complement: 'quận' (collective), 'thành phố Thủ Đức' (named), 'thành phố' (self)."""
    j = i + 1 if i < len(tokens) and tokens[i].fold in grammar().plural else i
    if (place := _jurisdiction_at(tokens, j)) is not None:
        p.dia_ban = place[0]
        return place[1]
    hit = _unit(tokens, j)
    if not hit:
        return i
    unit, kind, k = hit
    if k < len(tokens) and tokens[k].fold == grammar().committee_suffix:  # "quận ủy"
        return i
    if (place := _jurisdiction_at(tokens, k)) is not None:
        p.dia_ban = place[0]
        return place[1]
    name = _proper_name(tokens, k)
    if name and unit in vocab_units_named():
        p.extra = f"{unit} {name[0]}"
        return name[1]
    if kind == "generic" or central:  # in a central text "UBND các tỉnh" names every province's
        p.extra, p.tap_the = unit, True
    return k


@cache
def vocab_units_named() -> frozenset[str]:
    return frozenset(load("bodies")["units"]["named"])


def _read_complement(p: _Parse, tokens: list[Token], i: int, scope: BodyScope) -> int:
    kind = p.base.complement if p.base else ("unit" if p.organs and p.organs[-1].unit else None)
    if kind == "unit":
        return _read_unit(p, tokens, i, scope.jurisdiction == vocab().central)
    if kind == "department":
        hit = vocab().departments.match(tokens, i) or _proper_name(tokens, i)
        if hit:
            p.extra, p.tap_the = hit[0], False
            return hit[1]
        return i
    if kind in ("name", "khoi"):
        if _jurisdiction_at(tokens, i):
            return i
        name = _proper_name(tokens, i, dashes=kind == "khoi")
        if name:
            p.extra = name[0]
            p.tap_the = False
            return name[1]
        if kind == "khoi" and scope.khoi:
            p.extra = scope.khoi
    return i


def _read_jurisdiction(p: _Parse, tokens: list[Token], i: int) -> int:
    """An explicit jurisdiction or a self-reference ('Thành phố', 'tỉnh') after the body."""
    if (place := _jurisdiction_at(tokens, i)) is not None:
        p.dia_ban = place[0]
        return place[1]
    hit = _unit(tokens, i)
    if hit and hit[1] == "self" and not _proper_name(tokens, hit[2]):
        return hit[2]
    return i


def _committee_list(tokens: list[Token], i: int) -> tuple[list[str], int] | None:
    """'quận, huyện, thị ủy' -> Quận ủy, Huyện ủy, Thị ủy (the words share the final 'ủy')."""
    ellipsis, names, j = vocab().ellipsis, [], i
    while j < len(tokens):
        hit = next(((w, j + len(w.split())) for w in sorted(ellipsis, key=len, reverse=True)
                    if tuple(t.fold for t in tokens[j:j + len(w.split())]) == tuple(w.split())),
                   None)
        if not hit:
            return None
        names.append(ellipsis[hit[0]])
        j = hit[1]
        if j < len(tokens) and tokens[j].fold == grammar().committee_suffix:
            return (names, j + 1) if len(names) > 1 else None
        if j < len(tokens) and tokens[j].fold in {",", "và"}:
            j += 1
            continue
        return None
    return None


def _step(tokens: list[Token], i: int, scope: BodyScope):
    """('local'|'organ'|'base', value, end) for the vocabulary item at tokens[i]."""
    v = vocab()
    if tokens[i].text in scope.local:
        return "local", scope.local[tokens[i].text], i + 1
    organ, base = v.organs.match(tokens, i), v.bases.match(tokens, i)
    if base and (not organ or base[1] >= organ[1]):
        return "base", base[0], base[1]
    if organ:
        return "organ", organ[0], organ[1]
    return None


def parse_at(tokens: list[Token], i: int, scope: BodyScope) -> _Parse | None:
    """The body whose name starts at tokens[i], or None."""
    if i >= len(tokens):
        return None
    start, plural = i, tokens[i].fold in grammar().plural
    i += plural
    organs: list[Entry] = []
    base = None
    while i < len(tokens):
        if organs and tokens[i].fold in grammar().plural and not _all_levels(tokens, i):
            plural, i = True, i + 1  # "Văn phòng các tỉnh ủy", "thường trực các tỉnh ủy"
        step = _step(tokens, i, scope)
        if step is None:
            break
        kind, value, i = step
        if kind == "local":
            return _Parse([], None, fixed=value, start=start, end=i)
        if kind == "base":
            base = value
            break
        organs.append(value)
    if base is None:
        if not organs:
            return None
        committees = _committee_list(tokens, i)
        if committees:
            head, end = committees
            parses = [_Parse(organs, _committee_base(name), tap_the=True, start=start, end=end)
                      for name in head]
            parses[0].siblings = parses[1:]
            return parses[0]
    elif base.owner_only and not organs:
        return None
    p = _Parse(organs, base, tap_the=plural or bool(base and base.tap_the), plural=plural,
               start=start)
    if base is None:
        if _all_levels(tokens, i):  # "UBKT các cấp"
            p.tap_the, p.end = True, i + 2
            return p
        if organs[-1].unit:
            end = _read_unit(p, tokens, i, scope.jurisdiction == vocab().central)
            if end == i:
                return None
            i = end
        elif organs[-1].default_owner and tokens[start + plural].cap and not _unit_word(tokens, i):
            p.implicit_owner = True  # "Thường trực, Ban Thường vụ Thành ủy", not "… huyện, thị"
        else:
            return None
    else:
        i = _read_complement(p, tokens, i, scope)
    i = _read_jurisdiction(p, tokens, i)
    if p.tap_the and _all_levels(tokens, i):  # "chính quyền, đoàn thể các cấp"
        i += len(grammar().all_levels[0])
    p.end = i
    if p.base is not None and p.base.complement == "unit" or p.base is None and organs[-1].unit:
        p.siblings = _unit_siblings(p, tokens, i, scope.jurisdiction == vocab().central)
    return p


def _unit_word(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and (tokens[i].fold in vocab().ellipsis or _unit(tokens, i) is not None)


def _all_levels(tokens: list[Token], i: int) -> bool:
    """'các cấp' (every level), not 'các cấp ủy'."""
    g = grammar()
    for form in g.all_levels:
        n = len(form)
        if tuple(t.fold for t in tokens[i:i + n]) == form:
            return i + n >= len(tokens) or tokens[i + n].fold != g.committee_suffix
    return False


def _committee_base(name: str) -> Entry:
    hit = vocab().bases.match(tokenize(name), 0)
    return hit[0]


def _unit_siblings(p: _Parse, tokens: list[Token], i: int, central: bool) -> list[_Parse]:
    """'Ủy ban nhân dân thành phố Thủ Đức, các quận, huyện': the bare units share the head."""
    siblings = []
    while i + 1 < len(tokens) and tokens[i].fold in {",", "và"}:
        j = i + 1 + (tokens[i + 1].fold in grammar().plural)
        hit = _unit(tokens, j)
        # after "các huyện", "thành phố" and "thị xã" are district-level units too
        if not hit or (hit[1] != "generic" and not central and not p.tap_the):
            break
        unit, _, k = hit
        if k < len(tokens) and (tokens[k].fold == grammar().committee_suffix
                                or _proper_name(tokens, k)):
            break
        siblings.append(replace(p, extra=unit, tap_the=True, siblings=[], start=j, end=k))
        i = k
    return siblings


# ------------------------------------------------------------------ records


def _fill(template: str, dia_ban: str | None, scope: BodyScope) -> str:
    if "{cap_uy}" in template:
        template = template.replace("{cap_uy}", cap_uy_of(dia_ban) or scope.cap_uy or "Thành ủy")
    if "{khoi}" in template:
        template = template.replace("{khoi}", scope.khoi) if scope.khoi else \
            template.split(" thuộc ")[0]
    return template


def _unplaced_dia_ban(p: _Parse, scope: BodyScope) -> str | None:
    """Where a body named without a place sits: the document's jurisdiction, except in a
    central text, where a lower-level body is in the province the text is about, and a
    collective ("các tỉnh ủy, thành ủy") stands for all of them: null (SCHEMA.md)."""
    if scope.jurisdiction != vocab().central:
        return scope.jurisdiction
    if scope.subject:
        return scope.subject
    return None if p.tap_the else scope.jurisdiction


def to_body(p: _Parse, scope: BodyScope) -> dict:
    """The SCHEMA.md body of one parse."""
    if p.fixed is not None:
        return dict(p.fixed)
    v = vocab()
    organs, base = p.organs, p.base
    central = bool(base and base.central)
    dia_ban = p.dia_ban or (v.central if central else _unplaced_dia_ban(p, scope))
    parts = [o.ten for o in organs]
    if p.implicit_owner:
        parts.append(scope.cap_uy or ("Trung ương" if dia_ban == v.central else "Thành ủy"))
    elif base is not None:
        parts.append(base.alone if base.alone and not organs else base.ten)
    if p.extra:
        parts.append(p.extra)
    ten = _fill(" ".join(parts), dia_ban, scope)
    ten = ten[:1].upper() + ten[1:]
    body = {"ten": ten, "dia_ban": dia_ban}
    if p.tap_the:
        body["tap_the"] = True
    body["loai"] = organs[-1].loai if organs else (base.loai if base else "ToChuc")
    return body


def _distribute(items: list[_Parse], commas: set[int] = frozenset()) -> None:
    """List-level readings: a shared Đảng đoàn (000 IV.3), a shared owner (001 II.5.(3)),
    and a plural carried over commas ("các văn phòng tỉnh ủy, thành ủy"); `commas`
    holds the indexes of items that follow their predecessor after a comma."""
    for k in range(1, len(items)):
        prev, cur = items[k - 1], items[k]
        if (k in commas and prev.plural and not cur.plural and not cur.organs
                and cur.base is not None and cur.fixed is None
                and prev.base is not None and cur.base.loai == prev.base.loai):
            cur.organs, cur.plural, cur.tap_the = list(prev.organs), True, True
        if (not cur.organs and cur.base is not None and cur.base.hosts_party_group
                and [o.ten for o in prev.organs] == ["Đảng đoàn"]):
            cur.organs = list(prev.organs)
    for k in range(len(items) - 1):
        cur, nxt = items[k], items[k + 1]
        if cur.implicit_owner and nxt.base is not None and nxt.organs and not nxt.implicit_owner:
            cur.base, cur.extra, cur.dia_ban = nxt.base, nxt.extra, nxt.dia_ban
            cur.tap_the = cur.tap_the or nxt.tap_the
            cur.implicit_owner = False


def _flatten(p: _Parse) -> list[_Parse]:
    return [p, *p.siblings]


def _end(p: _Parse) -> int:
    """Token index after a mention and the units that share its head."""
    return max(q.end for q in _flatten(p))


def _vague_at(tokens: list[Token], i: int) -> int | None:
    j = i + 1 if i < len(tokens) and tokens[i].fold in grammar().plural else i
    hit = vocab().vague.match(tokens, j)
    return hit[1] if hit else None


def _attachment_end(tokens: list[Token], i: int, scope: BodyScope) -> int:
    """After "Đảng ủy xã, phường trực thuộc Tỉnh ủy": the index past the attachment, which
    says where the bodies sit and names no body of its own."""
    hit = vocab().attachments.match(tokens, i)
    if hit:
        owner = parse_at(tokens, hit[1], scope)
        if owner is not None:
            return owner.end
    return i


def _related_end(tokens: list[Token], i: int) -> int | None:
    """The index after "liên quan" / "có liên quan" at tokens[i], or None; not the verb of
    "liên quan đến X" ("the bodies concerned" closes a list, "concerning X" does not)."""
    for form in grammar().related:
        end = i + len(form)
        if tuple(t.fold for t in tokens[i:end]) == form:
            return None if end < len(tokens) and tokens[end].fold in {"đến", "tới"} else end
    return None


def _list_kind(tokens: list[Token], i: int, items: list[_Parse]) -> _Parse | None:
    """"ban" in "các sở, ban, ngành": a collective only right after a collective item."""
    kind = grammar().list_kinds.get(tokens[i].fold) if i < len(tokens) else None
    if kind is None or not items or not items[-1].tap_the or \
            (i + 1 < len(tokens) and tokens[i + 1].fold not in grammar().separators):
        return None
    return _Parse([], kind, tap_the=True, plural=True, start=i, end=i + 1)


def parse_list(tokens: list[Token], i: int, scope: BodyScope) -> tuple[list[BodyMention], int]:
    """The bodies of a coordinated list at tokens[i:] ("A, các B và C"), and the index after it.

    Vague items ("các cơ quan liên quan", "đơn vị") are stepped over and name no body; a
    list closed by "liên quan" drops the collectives of its last "các" run.
    """
    items: list[_Parse] = []
    commas: set[int] = set()
    end, after_comma, run = i, False, 0
    while i < len(tokens):
        if tokens[i].fold in grammar().plural:
            run = len(items)  # the collectives a closing "liên quan" takes back
        p = parse_at(tokens, i, scope) or _list_kind(tokens, i, items)
        skip = _vague_at(tokens, i)
        if skip is not None and (p is None or skip > _end(p)):
            i = end = skip
            closed = skip > 0 and tokens[skip - 1].fold == "quan" and \
                _related_end(tokens, skip - 2) == skip
        elif p is not None:
            if after_comma and items:
                commas.add(len(items))
            items.extend(_flatten(p))
            i = end = _attachment_end(tokens, _end(p), scope)
            closed = False
        else:
            break
        if (related := _related_end(tokens, i)) is not None:
            i = end = related
            closed = True
        if closed:
            items[run:] = [q for q in items[run:] if not q.tap_the]
            commas = {c for c in commas if c < len(items)}
        if i < len(tokens) and tokens[i].fold in grammar().separators:
            after_comma = tokens[i].fold == ","
            if tokens[i].fold == ";":
                run = len(items)
            i += 1
        else:
            break
    _distribute(items, commas)
    mentions, seen = [], set()
    for p in items:
        body = to_body(p, scope)
        key = (body["ten"].casefold(), body["dia_ban"])
        if key not in seen:
            seen.add(key)
            mentions.append(BodyMention(body, tokens[p.start].start, tokens[p.end - 1].end))
    return mentions, end


# ------------------------------------------------------------------ public API

_ABBR_DEF = re.compile(r"\(\s*([A-ZĐ][A-ZĐa-z0-9\-]{1,15})\s*\)")


def build_scope(ctx, text: str = "") -> BodyScope:
    """The body scope of a document: its jurisdiction, its Khối, its "(ABBR)" definitions."""
    scope = BodyScope(jurisdiction=getattr(ctx, "jurisdiction", None),
                      subject=getattr(ctx, "subject", None))
    if scope.jurisdiction is None and text:
        scope.jurisdiction = _speaker_level(text, scope)
    for m in grammar().khoi.finditer(text):
        toks = body_tokens(text[m.end():m.end() + 80], m.end())
        name = _proper_name(toks, 0, dashes=True)
        if name:
            scope.khoi = name[0]
            break
    non_bodies = vocab().non_bodies
    for m in _ABBR_DEF.finditer(text):
        abbr = m[1]
        if abbr.casefold() in non_bodies or abbr in scope.local:
            continue
        window_start = max(0, m.start() - 160)
        before = [b for b in find_bodies(text[window_start:m.start()], window_start, scope)
                  if not text[b.end:m.start()].strip()]
        if before:
            scope.local[abbr] = before[-1].body
    return scope


def _speaker_level(text: str, scope: BodyScope) -> str | None:
    """A text with no jurisdiction of its own (a press report of a central decision) is read at
    the level of the first body it names outright: "Bộ Chính trị yêu cầu …" -> Trung ương."""
    for m in find_bodies(text[:SPEAKER_WINDOW], 0, scope):
        if m.body["dia_ban"]:
            return m.body["dia_ban"]
    return None


def as_scope(ctx) -> BodyScope:
    return ctx if isinstance(ctx, BodyScope) else build_scope(ctx)


def find_bodies(text: str, offset: int = 0, ctx=None) -> list[BodyMention]:
    """Every body named in `text` (offsets shifted by `offset`), relative to ctx's jurisdiction."""
    scope = as_scope(ctx)
    tokens = body_tokens(text, offset)
    out, i = [], 0
    while i < len(tokens):
        p = parse_at(tokens, i, scope) if tokens[i].fold not in vocab().non_bodies else None
        if p is None:
            i += 1
            continue
        items = _flatten(p)
        _distribute(items)
        for q in items:
            out.append(BodyMention(to_body(q, scope), tokens[q.start].start, tokens[q.end - 1].end))
        i = _end(p)
    return out


def canonical_body(phrase: str, ctx=None) -> dict | None:
    """The body a phrase names ("Hội nghị lần thứ tám Ban Chấp hành Đảng bộ …" -> Thành ủy)."""
    phrase = grammar().ordinals.sub(" ", phrase)
    found = find_bodies(phrase, 0, ctx)
    return found[0].body if found else None
