"""Roles inside one sentence: who must act, who coordinates, who receives the report.

Reads the obligation lexicon of data/obligations.toml (DOMAIN.md §4.1-4.2): the
subject before the first verb, "Giao X chủ trì", "chủ trì, phối hợp với Y",
"báo cáo (… với) Z", "chỉ đạo X chủ trì …" (a nested task for X), and the
reported speech of press articles ("yêu cầu X …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vbkg.loaders.extract import rules
from vbkg.loaders.extract.body_lists import parse_list
from vbkg.loaders.extract.body_parse import BodyMention, BodyScope, parse_at
from vbkg.loaders.extract.body_vocab import body_tokens, grammar, vocab
from vbkg.loaders.extract.vocab import Token, Trie, words
from vbkg.loaders.knowledge.vocabulary import load

BULLETS = {"-", "+", "•", "*", "–", ")", "(", "."}


@dataclass(frozen=True)
class Subject:
    """The bodies that act in a sentence, and the token where their verb starts; no bodies
    when the actor names none ("các cơ quan, đơn vị kịp thời báo cáo …")."""

    bodies: list[BodyMention]
    verb: int
    rule: str


@dataclass(frozen=True)
class _Lexicon:
    lead: Trie
    intro: Trie
    intro_ends: frozenset[str]
    not_verbs: frozenset[str]
    verbs: Trie
    statements: Trie
    apposition: Trie
    coordinate: Trie
    report: Trie
    report_to: frozenset[str]
    report_window: int
    directed: Trie
    chu_tri: Trie
    press: Trie
    topic: Trie
    topic_verbs: Trie
    emphasis: Trie
    modals: Trie
    emphasis_window: int


def _trie(phrases: list[str]) -> Trie:
    trie = Trie()
    for phrase in phrases:
        trie.add(words(phrase), phrase)
    return trie


@cache
def lexicon() -> _Lexicon:
    data = load("obligations")
    subject, roles, press = data["subject"], data["roles"], data["press"]
    return _Lexicon(
        lead=_trie(subject["lead"]), intro=_trie(subject["intro"]),
        intro_ends=frozenset(subject["intro_ends"]),
        not_verbs=frozenset(subject["not_verbs"]), verbs=_trie(subject["verbs"]),
        statements=_trie(subject["statement_verbs"]),
        apposition=_trie(subject["apposition_verbs"]),
        coordinate=_trie(roles["coordinate"]), report=_trie(roles["report"]),
        report_to=frozenset(roles["report_to"]), report_window=roles["report_window"],
        directed=_trie(roles["directed"]), chu_tri=_trie(roles["lead"]),
        press=_trie(press["directive"]), topic=_trie(press["topic"]),
        topic_verbs=_trie(press["topic_verbs"]),
        emphasis=_trie(subject["emphasis"]), modals=_trie(subject["modals"]),
        emphasis_window=subject["emphasis_window"],
    )


def _cue_regex(phrases: list[str]) -> re.Pattern:
    """A pattern of lower-cased phrases, to search a lower-cased sentence with.

    Searching `text.lower()` without re.IGNORECASE runs about 5x faster than a
    case-insensitive search, and gives the same answers on Vietnamese text: the two
    differ only on letters such as the Kelvin sign, "ſ" or "İ", which these texts do not use
    (and only whether a cue is present is asked, never where, so lengths do not matter).
    """
    return re.compile("|".join(r"\s+".join(map(re.escape, p.lower().split())) for p in phrases))


@cache
def _cues() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = load("obligations")
    press, roles = data["press"], data["roles"]
    return (_cue_regex(roles["lead"]), _cue_regex(press["directive"] + press["topic"]),
            _cue_regex(roles["coordinate"] + roles["report"]))


def may_nest(text: str) -> bool:
    """Cheap test: can the sentence hold a nested "chỉ đạo X chủ trì" task at all?"""
    return _cues()[0].search(text.lower()) is not None


_FIRST_WORD = re.compile(r"[\W\d_]*(\w+)")


@cache
def _subject_openers() -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    """Words a sentence with a subject can open with (folded, and abbreviations as written),
    and the pattern of a ";" clause that opens with an introductory phrase."""
    v, lex = vocab(), lexicon()
    folded = (v.organs.first_words() | v.bases.first_words() | lex.lead.first_words()
              | lex.intro.first_words() | grammar().plural)
    abbreviations = frozenset(v.abbreviations.first_words())
    intro = _cue_regex(load("obligations")["subject"]["intro"]).pattern
    return frozenset(folded), abbreviations, re.compile(rf";\s*(?:{intro})")


def may_have_subject(text: str, scope: BodyScope) -> bool:
    """Cheap test: can the sentence open with a subject (or hold an introduced one) at all?"""
    folded, abbreviations, clause = _subject_openers()
    m = _FIRST_WORD.match(text)
    if m and (m[1].lower() in folded or m[1] in abbreviations or m[1] in scope.local):
        return True
    return clause.search(text.lower()) is not None


def may_name_partners(text: str) -> bool:
    """Cheap test: can the sentence name coordinators or a report's addressee at all?"""
    return _cues()[2].search(text.lower()) is not None


def may_direct(text: str) -> bool:
    """Cheap test: can the sentence hold a press directive ("yêu cầu", "Đối với" …) at all?"""
    return _cues()[1].search(text.lower()) is not None


def sentence_tokens(text: str, offset: int) -> list[Token]:
    return body_tokens(text, offset)


def _is_verb(tokens: list[Token], i: int) -> bool:
    if i >= len(tokens) or not tokens[i].text[:1].isalpha():
        return False
    lex = lexicon()
    return tokens[i].fold not in lex.not_verbs or lex.verbs.match(tokens, i) is not None


def _actor_at(tokens: list[Token], i: int,
              scope: BodyScope) -> tuple[list[BodyMention], int] | None:
    """Bodies at tokens[i] followed by their verb (an apposition "- cơ quan …" is stepped over)."""
    bodies, end = parse_list(tokens, i, scope)
    if end == i:
        return None
    if not bodies:  # "các cơ quan, đơn vị kịp thời báo cáo …": an actor, but no body
        return ([], end) if _is_verb(tokens, end) else None
    if end < len(tokens) and tokens[end].fold == "-":
        for k in range(end + 1, len(tokens)):
            if tokens[k].fold in {".", ";"}:
                return None
            if lexicon().apposition.match(tokens, k):
                return bodies, k
        return None
    if end + 1 < len(tokens) and tokens[end].fold == ":":  # "Đảng ủy Chính phủ: (i) Chỉ đạo …"
        return bodies, end + 1
    if lexicon().statements.match(tokens, end):
        return None
    if end + 1 < len(tokens) and tokens[end].fold == "," and \
            lexicon().emphasis.match(tokens, end + 1):
        verb = _after_emphasis(tokens, end + 1)
        return (bodies, verb) if verb is not None else None
    return (bodies, end) if _is_verb(tokens, end) else None


def _after_emphasis(tokens: list[Token], i: int) -> int | None:
    """The modal that resumes a subject after ", nhất là …" (None if the clause ends first)."""
    lex = lexicon()
    for k in range(i, min(len(tokens), i + lex.emphasis_window)):
        if tokens[k].fold in {";", "."}:
            return None
        if lex.modals.match(tokens, k):
            return k
    return None


def find_subject(tokens: list[Token], scope: BodyScope) -> Subject | None:
    """The acting bodies at the start of a sentence or of one of its ";" clauses,
    possibly after an introductory clause ("Trên cơ sở …, Ban Thường vụ Thành ủy sẽ …")."""
    found = _subject_from(tokens, 0, scope)
    for k in (k for k, t in enumerate(tokens) if t.fold == ";"):
        if found:
            break
        found = _subject_from(tokens, k + 1, scope, intro_only=True)
    return found


def _subject_from(tokens: list[Token], i: int, scope: BodyScope,
                  intro_only: bool = False) -> Subject | None:
    lex = lexicon()
    while i < len(tokens) and tokens[i].fold in BULLETS:
        i += 1
    rule = rules.SENTENCE_SUBJECT
    lead = lex.lead.match(tokens, i)
    if lead:
        rule = rules.GIAO_CHU_TRI if lead[0].startswith("giao") else rules.DIRECTIVE
        i = lead[1]
    found = None if intro_only else _actor_at(tokens, i, scope)
    if found:
        if not found[0]:
            return Subject([], found[1], rules.VAGUE_SUBJECT)
        return _delegated(tokens, found, scope) or Subject(found[0], found[1], rule)
    topic = lex.topic.match(tokens, i)
    if topic and not intro_only:  # "Đối với đảng ủy các xã, phường: rà soát, kiện toàn …"
        bodies, end = parse_list(tokens, topic[1], scope)
        if bodies and end + 1 < len(tokens) and tokens[end].fold == ":":
            return Subject(bodies, end + 1, rules.TOPIC_SUBJECT)
    if lex.intro.match(tokens, i) and not lex.verbs.match(tokens, i):
        for k in range(i, min(len(tokens), i + 60)):
            if tokens[k].fold in {".", ";"}:
                break
            if tokens[k].fold in lex.intro_ends and not _ends_body(tokens, k, scope):
                found = _actor_at(tokens, k + 1, scope)
                if found:
                    return Subject(found[0], found[1],
                                   rules.INTRO_SUBJECT if found[0] else rules.VAGUE_SUBJECT)
    return None


def self_reference(tokens: list[Token], issuer: dict | None) -> Subject | None:
    """"Văn phòng sẽ phối hợp …" in a text of the Văn phòng Trung ương Đảng: an organ word
    with no owner after it, opening the issuer's own name, is the issuer
    (../shared/corpus/kl-07-…, point 3)."""
    i = 0
    while i < len(tokens) and tokens[i].fold in BULLETS:
        i += 1
    hit = vocab().organs.match(tokens, i) if issuer else None
    if hit is None or not issuer["ten"].casefold().startswith(hit[0].ten.casefold()):
        return None
    end = hit[1]
    if vocab().bases.match(tokens, end) or not _is_verb(tokens, end):
        return None
    body = {k: v for k, v in issuer.items() if k in ("ten", "dia_ban", "tap_the", "loai")}
    return Subject([BodyMention(body, tokens[i].start, tokens[end - 1].end)], end,
                   rules.SELF_REFERENCE)


def _ends_body(tokens: list[Token], k: int, scope: BodyScope) -> bool:
    """Whether a body name ends right before tokens[k] (a comma inside a list of bodies)."""
    return any((p := parse_at(tokens, j, scope)) is not None and p.end == k
               for j in range(max(0, k - 12), k))


def _delegated(tokens: list[Token], found, scope: BodyScope) -> Subject | None:
    """"UBND tỉnh yêu cầu các sở, ngành … triển khai": the bodies asked are the actors."""
    hit = lexicon().press.match(tokens, found[1])
    asked = _actor_at(tokens, hit[1], scope) if hit else None
    return Subject(asked[0], asked[1], rules.DIRECTIVE) if asked else None


def _clause_start(tokens: list[Token], k: int) -> int:
    while k > 0 and tokens[k - 1].fold not in {";", "."}:
        k -= 1
    return k


def _directed_before(tokens: list[Token], k: int, scope: BodyScope, start: int = 0) -> bool:
    """Whether a directed body ("chỉ đạo Sở Nội vụ …", or a vague one: "chỉ đạo các cơ quan
    chuyên môn Bộ Công an phối hợp với …", ../shared/corpus/qd-384-… 18.3) stands between
    the clause start and k (never before `start`, the actor's verb: "Giao X chủ trì"
    directs the actor itself)."""
    lo = max(start, _clause_start(tokens, k))
    return any(parse_list(tokens, end, scope)[1] > end  # a body, or a vague one
               for _, _, end in lexicon().directed.hits(tokens, lo, k))


def coordinators(tokens: list[Token], scope: BodyScope, start: int = 0,
                 nested: bool = False) -> list[BodyMention]:
    """Bodies named to coordinate ("phối hợp với …") with the actor of tokens[start:].

    A cue after a directed body belongs to that body, not to the actor; with
    `nested`, only the cue right after the nested task's "chủ trì" is read.
    """
    out, after = [], start
    for k, _, end in lexicon().coordinate.hits(tokens, start):
        if k < after:  # inside the cue before ("chủ trì, phối hợp với")
            continue
        if nested and k != start:
            break
        if nested or not _directed_before(tokens, k, scope, start):
            out.extend(parse_list(tokens, end, scope)[0] or _named_in_brackets(tokens, end, scope))
        after = end
    return out


BRACKET_HEAD_MAX = 5  # words of a generic plural head before its bracketed names


def _named_in_brackets(tokens: list[Token], i: int, scope: BodyScope) -> list[BodyMention]:
    """"các nhà mạng (Viettel Nghệ An, VNPT Nghệ An, MobiFone Nghệ An)": a plural generic head
    whose members are named in brackets after it; each name is a body
    (../shared/corpus/kh-987-… IV.1)."""
    if i >= len(tokens) or tokens[i].fold not in grammar().plural:
        return []
    opening = next((k for k in range(i + 1, min(len(tokens), i + BRACKET_HEAD_MAX + 1))
                    if tokens[k].fold == "("), None)
    if opening is None:
        return []
    names, current = [], []
    for k in range(opening + 1, len(tokens)):
        tok = tokens[k]
        if tok.fold in {",", ")"}:
            if not current:
                return []
            names.append(current)
            current = []
            if tok.fold == ")":
                break
        elif tok.text[:1].isupper():
            current.append(tok)
        else:
            return []
    else:
        return []
    if len(names) < 2:
        return []
    out = []
    for name in names:  # a name the vocabulary knows keeps its canonical form
        known = parse_list(tokens, tokens.index(name[0]), scope)[0]
        out.extend(known or [BodyMention({"ten": " ".join(t.text for t in name),
                                          "dia_ban": scope.jurisdiction, "loai": "ToChuc"},
                                         name[0].start, name[-1].end)])
    return out


def report_targets(tokens: list[Token], scope: BodyScope, start: int = 0) -> list[BodyMention]:
    """Bodies the actor of tokens[start:] reports to: "báo cáo X", "báo cáo kết quả … với X";
    not a report a directed body makes ("chỉ đạo các sở báo cáo …")."""
    lex, out = lexicon(), []
    for k, _, end in lex.report.hits(tokens, start):
        document_noun = tokens[k].text[:1].isupper() and k > 0 and tokens[k - 1].text[:1].isalpha()
        if document_noun or _directed_before(tokens, k, scope, start):
            continue
        direct, _ = parse_list(tokens, end, scope)
        if direct:
            out.extend(direct)
            continue
        for m in range(end, min(len(tokens), end + lex.report_window)):
            if tokens[m].fold in {",", ";", ".", "(", ":"}:
                break
            if tokens[m].fold in lex.report_to:
                found, _ = parse_list(tokens, m + 1, scope)
                if found:
                    out.extend(found)
                    break
    return out


def nested_leads(tokens: list[Token], scope: BodyScope) -> list[tuple[list[BodyMention], int]]:
    """"chỉ đạo X chủ trì …": (X, index of the word after "chủ trì") for each nested task."""
    lex, out = lexicon(), []
    for _, _, after in lex.directed.hits(tokens):
        bodies, end = parse_list(tokens, after, scope)
        if bodies and lex.chu_tri.match(tokens, end):
            out.append((bodies, end))
    return out


def reported_directive(tokens: list[Token], scope: BodyScope) -> Subject | None:
    """The first body a sentence asks to act ("Tổng Bí thư đề nghị Đảng ủy Chính phủ chỉ đạo")."""
    found = press_directives(tokens, scope)
    return Subject(found[0][0], found[0][1], rules.DIRECTIVE) if found else None


def press_directives(tokens: list[Token], scope: BodyScope) -> list[tuple[list[BodyMention], int]]:
    """Reported speech: "yêu cầu X …", "đề nghị X …", "Đối với X, … chỉ đạo …"."""
    lex, out = lexicon(), []
    for _, _, after in lex.press.hits(tokens):
        found = _actor_at(tokens, after, scope)
        if found and found[0]:
            out.append(found)
    for _, _, after in lex.topic.hits(tokens):
        bodies, end = parse_list(tokens, after, scope)
        if bodies and end < len(tokens) and tokens[end].fold == ",":
            verb = next((k for k, _, _ in lex.topic_verbs.hits(tokens, end)), None)
            if verb is not None:
                out.append((bodies, verb))
    return out
