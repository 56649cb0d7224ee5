"""Lists of bodies: "A, các B và C" read item by item (extract/body_parse.py), with the
readings that span items (a shared owner, a shared Đảng đoàn, a plural over commas) and the
vague items ("các cơ quan liên quan") that name no body.
"""
from __future__ import annotations

from functools import cache

from vbkg.loaders.extract.body_parse import BodyMention, BodyParse, BodyScope, parse_at, to_body
from vbkg.loaders.extract.body_vocab import grammar, vocab
from vbkg.loaders.extract.vocab import Token
from vbkg.loaders.knowledge.vocabulary import fold


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

def distribute(items: list[BodyParse], commas: set[int] = frozenset()) -> None:
    """List-level readings: a shared Đảng đoàn (examples/seeds/000_… IV.3), a shared owner
    (examples/seeds/001_… II.5.(3)), and a plural carried over commas ("các văn phòng tỉnh
    ủy, thành ủy"); `commas` holds the indexes of items that follow their predecessor after
    a comma."""
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


def flatten(p: BodyParse) -> list[BodyParse]:
    return [p, *p.siblings]


def mention_end(p: BodyParse) -> int:
    """Token index after a mention and the units that share its head."""
    return max(q.end for q in flatten(p))


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


def _list_kind(tokens: list[Token], i: int, items: list[BodyParse]) -> BodyParse | None:
    """"ban" in "các sở, ban, ngành": a collective only right after a collective item."""
    kind = grammar().list_kinds.get(tokens[i].fold) if i < len(tokens) else None
    if kind is None or not items or not items[-1].tap_the or \
            (i + 1 < len(tokens) and tokens[i + 1].fold not in grammar().separators):
        return None
    return BodyParse([], kind, tap_the=True, plural=True, start=i, end=i + 1)


def parse_list(tokens: list[Token], i: int, scope: BodyScope) -> tuple[list[BodyMention], int]:
    """The bodies of a coordinated list at tokens[i:] ("A, các B và C"), and the index after it.

    Vague items ("các cơ quan liên quan", "đơn vị") are stepped over and name no body; a
    list closed by "liên quan" drops the collectives of its last "các" run.
    """
    items: list[BodyParse] = []
    commas: set[int] = set()
    end, after_comma, run = i, False, 0
    while i < len(tokens):
        if tokens[i].fold in grammar().plural:
            run = len(items)  # the collectives a closing "liên quan" takes back
        p = parse_at(tokens, i, scope) or _list_kind(tokens, i, items)
        skip = _vague_at(tokens, i)
        if skip is not None and (p is None or skip > mention_end(p)):
            i = end = skip
            closed = skip > 0 and tokens[skip - 1].fold == "quan" and \
                _related_end(tokens, skip - 2) == skip
        elif p is not None:
            if after_comma and items:
                commas.add(len(items))
            items.extend(flatten(p))
            i = end = _attachment_end(tokens, mention_end(p), scope)
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
    distribute(items, commas)
    mentions, seen = [], set()
    for p in items:
        body = to_body(p, scope)
        key = (body["ten"].casefold(), body["dia_ban"])
        if key not in seen:
            seen.add(key)
            mentions.append(BodyMention(body, tokens[p.start].start, tokens[p.end - 1].end))
    return mentions, end
