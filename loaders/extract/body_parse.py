"""One body mention: `[các] ORGAN* BASE [complement] [jurisdiction]` read at a token over the
vocabulary (extract/body_vocab.py), and the SCHEMA.md body record it becomes
(`{"ten", "dia_ban", "tap_the"?, "loai"}`), relative to the document's scope.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from vbkg.loaders.extract.body_vocab import Entry, cap_uy_of, grammar, vocab
from vbkg.loaders.extract.vocab import Token, tokenize
from vbkg.loaders.knowledge.vocabulary import load


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

    def place(self, collective: bool) -> str | None:
        """Where a body named without a place sits: the document's jurisdiction, except in a
        central text, where a lower-level body is in the province the text is about, and a
        collective ("các tỉnh ủy, thành ủy") stands for all of them: null (SCHEMA.md)."""
        if self.jurisdiction != vocab().central:
            return self.jurisdiction
        if self.subject:
            return self.subject
        return None if collective else self.jurisdiction


@dataclass
class BodyParse:
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
    siblings: list[BodyParse] = field(default_factory=list)

# ------------------------------------------------------------------ reading one body


def _jurisdiction_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    return vocab().jurisdictions.match(tokens, i)


def proper_name(tokens: list[Token], i: int, dashes: bool = False) -> tuple[str, int] | None:
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


def _read_unit(p: BodyParse, tokens: list[Token], i: int, central: bool = False) -> int:
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
    name = proper_name(tokens, k)
    if name and unit in vocab_units_named():
        p.extra = f"{unit} {name[0]}"
        return name[1]
    if kind == "generic" or central:  # in a central text "UBND các tỉnh" names every province's
        p.extra, p.tap_the = unit, True
    return k


@cache
def vocab_units_named() -> frozenset[str]:
    return frozenset(load("bodies")["units"]["named"])


def _read_complement(p: BodyParse, tokens: list[Token], i: int, scope: BodyScope) -> int:
    kind = p.base.complement if p.base else ("unit" if p.organs and p.organs[-1].unit else None)
    if kind == "unit":
        return _read_unit(p, tokens, i, scope.jurisdiction == vocab().central)
    if kind == "department":
        hit = vocab().departments.match(tokens, i) or proper_name(tokens, i)
        if hit:
            p.extra, p.tap_the = hit[0], False
            return hit[1]
        return i
    if kind in ("name", "khoi"):
        if _jurisdiction_at(tokens, i):
            return i
        name = proper_name(tokens, i, dashes=kind == "khoi")
        if name:
            p.extra = name[0]
            p.tap_the = False
            return name[1]
        if kind == "khoi" and scope.khoi:
            p.extra = scope.khoi
    return i


def _read_jurisdiction(p: BodyParse, tokens: list[Token], i: int) -> int:
    """An explicit jurisdiction or a self-reference ('Thành phố', 'tỉnh') after the body."""
    if (place := _jurisdiction_at(tokens, i)) is not None:
        p.dia_ban = place[0]
        return place[1]
    hit = _unit(tokens, i)
    if hit and hit[1] == "self" and not proper_name(tokens, hit[2]):
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


def parse_at(tokens: list[Token], i: int, scope: BodyScope) -> BodyParse | None:
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
            return BodyParse([], None, fixed=value, start=start, end=i)
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
            parses = [BodyParse(organs, _committee_base(name), tap_the=True, start=start, end=end)
                      for name in head]
            parses[0].siblings = parses[1:]
            return parses[0]
    elif base.owner_only and not organs:
        return None
    p = BodyParse(organs, base, tap_the=plural or bool(base and base.tap_the), plural=plural,
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


def _unit_siblings(p: BodyParse, tokens: list[Token], i: int, central: bool) -> list[BodyParse]:
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
                                or proper_name(tokens, k)):
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


def to_body(p: BodyParse, scope: BodyScope) -> dict:
    """The SCHEMA.md body of one parse."""
    if p.fixed is not None:
        return dict(p.fixed)
    v = vocab()
    organs, base = p.organs, p.base
    central = bool(base and base.central)
    dia_ban = p.dia_ban or (v.central if central else scope.place(p.tap_the))
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
