"""Bodies: find body mentions and give each its canonical name and jurisdiction.

A mention is read as `[các] ORGAN* BASE [complement] [jurisdiction]` over the
vocabulary of data/bodies.toml, so that "Ban thường vụ thành ủy Thủ Đức",
"BCS Đảng UBND TP" and "các quận ủy, huyện ủy" become the body records of
SCHEMA.md: `{"ten", "dia_ban", "tap_the"?, "loai"}`. Names are relative to the
document's jurisdiction (DOMAIN.md §3.6), which comes from the `ctx` given.

This module is the entry point (a document's scope, `find_bodies`, `canonical_body`); the
reading is done by extract/body_vocab.py (vocabulary, tokens), extract/body_parse.py (one
mention) and extract/body_lists.py (lists of mentions).
"""
from __future__ import annotations

import re

from vbkg.loaders.extract.body_lists import distribute, flatten, mention_end
from vbkg.loaders.extract.body_parse import BodyMention, BodyScope, parse_at, proper_name, to_body
from vbkg.loaders.extract.body_vocab import body_tokens, grammar, vocab

SPEAKER_WINDOW = 1500  # characters read for the level of a text that states none

_ABBR_DEF = re.compile(r"\(\s*([A-ZĐ][A-ZĐa-z0-9\-]{1,15})\s*\)")


def build_scope(ctx, text: str = "") -> BodyScope:
    """The body scope of a document: its jurisdiction, its Khối, its "(ABBR)" definitions."""
    scope = BodyScope(jurisdiction=getattr(ctx, "jurisdiction", None),
                      subject=getattr(ctx, "subject", None))
    if scope.jurisdiction is None and text:
        scope.jurisdiction = _speaker_level(text, scope)
    for m in grammar().khoi.finditer(text):
        toks = body_tokens(text[m.end():m.end() + 80], m.end())
        name = proper_name(toks, 0, dashes=True)
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
        items = flatten(p)
        distribute(items)
        for q in items:
            out.append(BodyMention(to_body(q, scope), tokens[q.start].start, tokens[q.end - 1].end))
        i = mention_end(p)
    return out


def canonical_body(phrase: str, ctx=None) -> dict | None:
    """The body a phrase names ("Hội nghị lần thứ tám Ban Chấp hành Đảng bộ …" -> Thành ủy)."""
    phrase = grammar().ordinals.sub(" ", phrase)
    found = find_bodies(phrase, 0, ctx)
    return found[0].body if found else None
