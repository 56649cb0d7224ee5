"""TRUC_THUOC by rules: the body a body belongs to, from its name and the document's date.

The rules are data (`data/hierarchy.toml`); each parent comes with the rule that gave
it, so the link in the graph carries its evidence (rule name, basis, validity) like any
extracted fact. `graph/rdf.py` asks for the parent of every body it writes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from vbkg.loaders.knowledge.vocabulary import load

RULES_FILE = "hierarchy.toml"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    parent: str
    basis: str | None = None
    valid_from: str | None = None  # ISO date: only documents dated from then
    valid_until: str | None = None  # ISO date: the relation ended then
    collectives: bool = False


@dataclass(frozen=True)
class Parent:
    """A body's parent and why: the rule, its basis and the relation's validity."""

    body: dict
    rule: str
    basis: str | None
    valid_from: str | None
    valid_until: str | None


class RuleError(ValueError):
    """A rule in data/hierarchy.toml that cannot be used (one line naming it)."""


@cache
def rules() -> tuple[Rule, ...]:
    found = []
    for entry in load("hierarchy")["rule"]:
        try:
            found.append(Rule(entry["name"], re.compile(entry["pattern"]), entry["parent"],
                              entry.get("basis"), entry.get("from"), entry.get("until"),
                              bool(entry.get("collectives"))))
        except (KeyError, re.error) as exc:
            raise RuleError(f"{RULES_FILE}: rule {entry.get('name', '?')}: {exc}") from None
    return tuple(found)


@cache
def _committee_words() -> dict[str, str]:
    """First words of a jurisdiction → its committee ("Tỉnh" → "Tỉnh ủy")."""
    return load("bodies")["cap_uy"]


def committee_of(dia_ban: str | None) -> str | None:
    """The provincial committee's name in a jurisdiction (Thành ủy, Tỉnh ủy), or None."""
    for prefix, name in _committee_words().items():
        if dia_ban and dia_ban.startswith(prefix + " "):
            return name
    return None


@lru_cache(maxsize=1 << 14)
def _parent(ten: str, dia_ban: str | None, collective: bool, day: str | None) -> Parent | None:
    for rule in rules():
        match = rule.pattern.match(ten)
        if match is None or (collective and not rule.collectives):
            continue
        if rule.valid_from and (day is None or day < rule.valid_from):
            continue
        committee = committee_of(dia_ban)
        if "{cap_uy}" in rule.parent and committee is None:
            continue
        name = rule.parent.format(cap_uy=committee, **match.groupdict())
        if name == ten:
            continue
        return Parent({"ten": name, "dia_ban": dia_ban}, rule.name, rule.basis,
                      rule.valid_from, rule.valid_until)
    return None


def parent_of(body: dict, day: str | None = None) -> Parent | None:
    """The parent of a body named in a document of `day` (ISO date or None), or None."""
    ten = body.get("ten")
    if not ten:
        return None
    return _parent(ten, body.get("dia_ban"), bool(body.get("tap_the")), day)
