"""Succession of bodies through the 2025 reorganisation, from `data/succession.toml`.

The data lists territorial changes (provinces merged or renamed), rules applied in
every province (sở and Party boards merged) and single events (the centre). This module
expands them into one change event per body: who the predecessors and successors are,
on which day, on what legal basis. `resolve` then says which body a name meant on a
given day: a body named in a document dated from its merger on is its successor.
Records are never changed; `graph/rdf.py` resolves while it maps.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from vbkg.loaders.graph.hierarchy import committee_of
from vbkg.loaders.graph.identity import body_key
from vbkg.loaders.knowledge.vocabulary import load

DATA_FILE = "succession.toml"
KINDS = {"hop_nhat": "HopNhat", "doi_ten": "DoiTen", "chia_tach": "ChiaTach",
         "giai_the": "GiaiThe", "to_chuc_lai": "ToChucLai"}
# Only these carry a name over to one successor: a split or reorganisation has several.
RESOLVING_KINDS = ("hop_nhat", "doi_ten")
_PARTY_STARTS = ("Đảng ủy", "Ban cán sự đảng", "Đảng đoàn")
_MAX_STEPS = 12


class SuccessionError(ValueError):
    """An entry of data/succession.toml that cannot be used (one line naming it)."""


@dataclass(frozen=True)
class Event:
    """One change of bodies: predecessors → successors on `date`, by `basis`."""

    key: str
    rule: str  # the id of the territory, rule or event of the data that made it
    kind: str  # a key of KINDS
    date: str  # ISO date the successors start
    basis: str  # số hiệu of the legal basis
    predecessors: tuple[tuple[str, str], ...]  # (ten, dia_ban)
    successors: tuple[tuple[str, str], ...]


def _fill(template: str, dia_ban: str) -> str:
    committee = committee_of(dia_ban)
    if "{cap_uy}" in template and committee is None:
        raise SuccessionError(f"{DATA_FILE}: no committee name for {dia_ban!r} in {template!r}")
    return template.replace("{cap_uy}", committee or "")


def _party(template: str) -> bool:
    return "{cap_uy}" in template or template.startswith(_PARTY_STARTS)


def _check(entry: dict, section: str) -> None:
    missing = [f for f in ("id", "kind", "date", "basis") if not entry.get(f)]
    if missing or entry["kind"] not in KINDS:
        why = f"missing {', '.join(missing)}" if missing else f"unknown kind {entry['kind']!r}"
        raise SuccessionError(f"{DATA_FILE}: [[{section}]] {entry.get('id', '?')}: {why}")


@cache
def events() -> tuple[Event, ...]:
    """Every change event the data describes, in date order."""
    data = load("succession")
    jurisdictions = [j["name"] for j in load("jurisdictions")["jurisdiction"]]
    steps = []  # (date, order, section, entry)
    for order, section in enumerate(("rule", "territory", "event")):
        for entry in data.get(section, []):
            _check(entry, section)
            steps.append((entry["date"], order, section, entry))
    created = {c["successor"] for t in data.get("territory", []) for c in t["changes"]}
    ended = {p for t in data.get("territory", []) for c in t["changes"] for p in c["predecessors"]}
    unknown = sorted((created | ended) - set(jurisdictions))
    if unknown:
        raise SuccessionError(f"{DATA_FILE}: not in jurisdictions.toml: {', '.join(unknown)}")
    # the units before the first change, each with the bodies it has
    units = {j: list(data["province"]["bodies"]) for j in jurisdictions
             if j in ended or j not in created}
    found: list[Event] = []
    for _, _, section, entry in sorted(steps, key=lambda s: (s[0], s[1], s[3]["id"])):
        if section == "rule":
            for unit, bodies in units.items():
                if not set(entry["predecessors"]) & set(bodies):
                    continue
                found.append(_event(entry, unit, entry["predecessors"], entry["successors"]))
                kept = [b for b in bodies if b not in entry["predecessors"]]
                bodies[:] = kept + [s for s in entry["successors"] if s not in kept]
        elif section == "territory":
            for change in entry["changes"]:
                found += _territorial(entry, change, units)
        else:
            found.append(_event(entry, entry["dia_ban"], entry["predecessors"],
                                entry["successors"]))
    return tuple(found)


def _event(entry: dict, dia_ban: str, predecessors: list[str], successors: list[str]) -> Event:
    return Event(f"{entry['id']}|{dia_ban}", entry["id"], entry["kind"], entry["date"],
                 entry["basis"], tuple((_fill(p, dia_ban), dia_ban) for p in predecessors),
                 tuple((_fill(s, dia_ban), dia_ban) for s in successors))


def _territorial(entry: dict, change: dict, units: dict[str, list[str]]) -> list[Event]:
    """One event per body of the predecessor units; the successor unit takes their bodies."""
    olds, new = change["predecessors"], change["successor"]
    missing = [u for u in olds if u not in units]
    if missing:
        raise SuccessionError(f"{DATA_FILE}: {entry['id']}: {', '.join(missing)} no longer "
                              "exists on that date")
    templates = list(dict.fromkeys(t for u in olds for t in units[u]))
    found = []
    for template in templates:
        successor = (_fill(template, new), new)
        basis = entry.get("party_basis", entry["basis"]) if _party(template) else entry["basis"]
        found.append(Event(f"{entry['id']}|{new}|{successor[0]}", entry["id"], entry["kind"],
                           entry["date"], basis,
                           tuple((_fill(template, u), u) for u in olds if template in units[u]),
                           (successor,)))
    for unit in olds:
        del units[unit]
    units[new] = templates
    return found


@cache
def _by_predecessor() -> dict[str, list[Event]]:
    """Body key → the events that carry its name over to one successor, by date."""
    index: dict[str, list[Event]] = defaultdict(list)
    for event in events():
        if event.kind in RESOLVING_KINDS and len(event.successors) == 1:
            for ten, dia_ban in event.predecessors:
                index[body_key({"ten": ten, "dia_ban": dia_ban})].append(event)
    return index


@lru_cache(maxsize=1 << 14)
def _resolve(ten: str, dia_ban: str | None, day: str) -> tuple[str, str | None, Event | None]:
    current, via = (ten, dia_ban), None
    for _ in range(_MAX_STEPS):
        key = body_key({"ten": current[0], "dia_ban": current[1]})
        step = next((e for e in _by_predecessor().get(key, ()) if e.date <= day), None)
        if step is None or step.successors[0] == current:
            break
        current, via = step.successors[0], step
    return current[0], current[1], via


def resolve(body: dict, day: str | None) -> tuple[dict, Event | None]:
    """The body a name meant in a document of `day`: the body itself when the document
    predates every change of it (or has no date), else its successor on that day, with
    the last event that led there. A collective names no one body and stays."""
    if not day or body.get("tap_the") or not body.get("ten"):
        return body, None
    ten, dia_ban, via = _resolve(body["ten"], body.get("dia_ban"), day)
    if via is None:
        return body, None
    return {**body, "ten": ten, "dia_ban": dia_ban}, via
