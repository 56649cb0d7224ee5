"""RDF (contract 2) → property-graph rows (contract 3), with no server involved.

One pass over the triples: every `https://vbkg.org/id/…` resource typed with a vbkg class
becomes a node whose labels are its class and the class's vbkg superclasses; vbkg object
properties become relationships (`thucHien` → `THUC_HIEN`), vbkg data properties become
camelCase node properties, and the provenance of a reified statement (`rdf:Statement`)
becomes properties of the relationship it describes. The writer only sees these rows.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD
from vbkg.loaders.graph.rdf import ID_BASE, VBKG

# The labels that carry a unique `key` (one constraint each); every node has exactly one.
ROOT_LABELS = ("VanBan", "ToChuc", "NhiemVu", "Nguoi", "Nguon", "DiaBan", "HoiNghi")
REFERENCE_TYPES = ("THUC_HIEN", "CAN_CU", "TRICH_DAN")
_PROVENANCE = {VBKG.evidenceStart, VBKG.evidenceEnd, VBKG.evidencePage, VBKG.evidenceQuote,
               VBKG.rule}
# Change events (org:ChangeEvent) are no nodes: their KE_THUA links carry what they say.
EVENT_CLASS = VBKG.ThayDoiToChuc
_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class MappingError(ValueError):
    """RDF that does not follow contract 2 (one-line message)."""


@dataclass(slots=True)
class NodeRow:
    key: str
    labels: tuple[str, ...]  # root label first, then the others sorted
    props: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # VanBan only: files it was read from
    stub: bool = False  # VanBan only: known from references alone

    def absorb(self, other: NodeRow) -> None:
        """Two rows for one node (two copies, or a stub and the document) → one.

        Of two loaded copies, the preferred one's properties win (and with them its
        `nguonChinh`, the source whose tasks the document keeps)."""
        if (other.stub and not self.stub) or (
                not other.stub and not self.stub and not preferred_copy(other.props, self.props)):
            for k, v in other.props.items():
                self.props.setdefault(k, v)
        else:
            self.props.update(other.props)
            self.labels = _merge_labels(self.labels, other.labels)
        self.stub = self.stub and other.stub
        self.sources += [s for s in other.sources if s not in self.sources]


@dataclass(slots=True)
class RelRow:
    type: str
    start: tuple[str, str]  # (root label, key)
    end: tuple[str, str]
    props: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class GraphRows:
    """Nodes by key and relationships by (type, start, end): what one write batch holds."""

    nodes: dict[str, NodeRow] = field(default_factory=dict)
    rels: dict[tuple, RelRow] = field(default_factory=dict)

    def add_node(self, row: NodeRow) -> None:
        known = self.nodes.get(row.key)
        if known is None:
            self.nodes[row.key] = row
        else:
            known.absorb(row)

    def add_rel(self, row: RelRow) -> None:
        ident = (row.type, row.start, row.end)
        known = self.rels.get(ident)
        if known is None:
            self.rels[ident] = row
        else:
            if self._from_preferred_copy(row):
                known.props = dict(row.props)
            known.sources += [s for s in row.sources if s not in known.sources]

    def _from_preferred_copy(self, row: RelRow) -> bool:
        """Whether a relationship row was read from the preferred copy of a document at
        either end: its evidence then replaces another copy's (as store/writer.py does)."""
        preferred = {self.nodes[key].props.get("nguonChinh")
                     for _, key in (row.start, row.end) if key in self.nodes}
        return any(s in preferred for s in row.sources)

    def extend(self, other: GraphRows) -> None:
        for row in other.nodes.values():
            self.add_node(row)
        for row in other.rels.values():
            self.add_rel(row)

    def documents(self) -> list[NodeRow]:
        """The loaded (non-stub) documents in these rows."""
        return [n for n in self.nodes.values() if n.labels[0] == "VanBan" and not n.stub]


def copy_score(signed: bool, sections: set) -> int:
    """How complete a copy of a document is (DOMAIN.md §1.6): a signature first, then how
    many numbered sections its tasks sit in (a truncated database page loses both)."""
    return 1000 * signed + min(len(sections), 999)


def preferred_copy(candidate: dict, current: dict) -> bool:
    """Whether the copy with properties `candidate` replaces `current` as the document's
    preferred copy: a higher `diemNguon`, ties broken by the smaller file name, so that
    every load order ends with the same copy."""
    new, old = candidate.get("diemNguon", -1), current.get("diemNguon", -1)
    if new != old:
        return new > old
    return str(candidate.get("nguonChinh", "")) <= str(current.get("nguonChinh", ""))


def relationship_type(local_name: str) -> str:
    """`thucHien` → `THUC_HIEN` (DESIGN.md naming)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local_name).upper()


@lru_cache(maxsize=1)
def ontology_ancestors() -> dict[URIRef, frozenset[URIRef]]:
    """Each vbkg class → its vbkg superclasses (transitively), read from ontology/vbkg.ttl."""
    ontology = Graph()
    with resources.as_file(resources.files("vbkg.ontology").joinpath("vbkg.ttl")) as path:
        ontology.parse(path, format="turtle")
    return class_ancestors(ontology)


def class_ancestors(ontology: Graph) -> dict[URIRef, frozenset[URIRef]]:
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for cls, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(cls, URIRef) and isinstance(sup, URIRef) and sup.startswith(VBKG):
            parents[cls].add(sup)
    closure: dict[URIRef, frozenset[URIRef]] = {}

    def ancestors(cls: URIRef, seen: frozenset = frozenset()) -> frozenset[URIRef]:
        if cls not in closure:
            found: set[URIRef] = set()
            for sup in parents.get(cls, ()):
                if sup not in seen:
                    found |= {sup} | ancestors(sup, seen | {cls})
            closure[cls] = frozenset(found)
        return closure[cls]

    for cls in list(parents):
        ancestors(cls)
    return closure


def map_graph(graph: Iterable[tuple], ancestors: dict[URIRef, frozenset[URIRef]] | None = None
              ) -> GraphRows:
    """RDF in the vbkg ontology (a Graph, or `rdf.record_triples`' list, repeats allowed)
    → the rows of its property graph."""
    ancestors = ontology_ancestors() if ancestors is None else ancestors
    types: dict[URIRef, set[str]] = defaultdict(set)
    literals: dict[URIRef, dict] = defaultdict(dict)
    links: list[tuple[URIRef, str, URIRef]] = []
    derived: dict[URIRef, set[URIRef]] = defaultdict(set)
    statements: dict = defaultdict(dict)

    for s, p, o in graph:
        kind, local = _PREDICATES.get(p) or _classify(p)
        if type(s) is BNode or not str.startswith(s, ID_BASE):
            statements[s][p] = o  # reified statements (blank or not) are read below
        elif kind == _VBKG_PROPERTY:
            if type(o) is Literal:
                literals[s][local] = _value(o)
            elif type(o) is URIRef:
                links.append((s, local, o))
        elif kind == _TYPE_OF:
            if type(o) is URIRef and str.startswith(o, _VBKG):
                types[s].add(o)
                types[s].update(ancestors.get(o, ()))
        elif kind == _DERIVED:
            derived[s].add(o)

    root_of = {}
    for uri, classes in types.items():
        if EVENT_CLASS in classes:
            continue
        labels = sorted(c[_VBKG_LEN:] for c in classes)
        roots = [label for label in labels if label in ROOT_LABELS]
        if len(roots) != 1:
            raise MappingError(f"{uri}: needs one of {', '.join(ROOT_LABELS)}, has {labels}")
        for label in labels:
            if not _LABEL.match(label):
                raise MappingError(f"{uri}: class name {label!r} cannot be a label")
        root_of[uri] = (roots[0], tuple([roots[0]] + [x for x in labels if x != roots[0]]))
        kind = _most_specific(classes, ancestors)
        if kind is not None:
            literals[uri].setdefault("loai", kind)

    files = {u: literals[u].get("file") for u, (root, _) in root_of.items() if root == "Nguon"}
    rows = GraphRows()
    keys = {uri: _key(uri, literals[uri]) for uri in root_of}
    task_source = {uri: _first_file(derived[uri], files)
                   for uri, (root, _) in root_of.items() if root == "NhiemVu" and derived[uri]}
    sources_of: dict[URIRef, list[str]] = defaultdict(list)
    for s, local, o in links:
        if local == "coNguon" and o in files:
            sources_of[s].append(files[o])

    for uri, (root, labels) in root_of.items():
        props = {k: v for k, v in literals[uri].items() if k != "key"}
        row = NodeRow(keys[uri], labels, props)
        if root == "VanBan":
            row.sources = sorted(set(sources_of[uri]))
            row.stub = not row.sources
            if not row.stub:
                row.props["nguonChinh"] = row.sources[0]
                row.props["diemNguon"] = _score_of(uri, links, literals)
        elif uri in task_source:
            row.props["source"] = task_source[uri]
        rows.add_node(row)

    provenance = _statement_provenance(statements, files)
    for s, local, o in links:
        if s not in root_of or o not in root_of:
            raise MappingError(f"{s} {local} {o}: both ends must be typed vbkg resources")
        rel_type = _REL_TYPES.get(local) or _rel_type_checked(local, s)
        props, sources = provenance.get((s, local, o), ({}, []))
        rows.add_rel(RelRow(rel_type, (root_of[s][0], keys[s]), (root_of[o][0], keys[o]),
                            dict(props), list(sources)))
    return rows


# Predicates are few and repeat in every document: classify each once.
_VBKG = str(VBKG)
_VBKG_LEN = len(_VBKG)
_TYPE_OF, _DERIVED, _VBKG_PROPERTY, _REIFY, _OTHER = range(5)
_PREDICATES: dict[URIRef, tuple[int, str | None]] = {
    RDF.type: (_TYPE_OF, None), PROV.wasDerivedFrom: (_DERIVED, None),
    RDF.subject: (_REIFY, "s"), RDF.predicate: (_REIFY, "p"), RDF.object: (_REIFY, "o"),
}
_REL_TYPES: dict[str, str] = {}


def _classify(p: URIRef) -> tuple[int, str | None]:
    if str.startswith(p, _VBKG):
        _PREDICATES[p] = (_VBKG_PROPERTY, str(p)[_VBKG_LEN:])
    else:
        _PREDICATES[p] = (_OTHER, None)
    return _PREDICATES[p]


def _rel_type_checked(local: str, subject: URIRef) -> str:
    rel_type = relationship_type(local)
    if not _TYPE.match(rel_type):
        raise MappingError(f"{subject}: property {local!r} cannot be a relationship type")
    _REL_TYPES[local] = rel_type
    return rel_type


def _most_specific(classes: set[URIRef], ancestors: dict) -> str | None:
    """`loai`: the one class no other class of the node specialises (TapThe aside)."""
    implied = set().union(*(ancestors.get(c, ()) for c in classes))
    leaves = [c[_VBKG_LEN:] for c in classes if c not in implied]
    leaves = [name for name in leaves if name not in ROOT_LABELS and name != "TapThe"]
    return leaves[0] if len(leaves) == 1 else None


def _statement_provenance(statements: dict, files: dict) -> dict:
    """(s, local name of p, o) → (relationship properties, source files) from `rdf:Statement`s."""
    found = {}
    for props in statements.values():
        subject = props.get(RDF.subject)
        predicate = props.get(RDF.predicate)
        obj = props.get(RDF.object)
        if subject is None or predicate is None or obj is None:
            continue
        kind, local = _PREDICATES.get(predicate) or _classify(predicate)
        rel_props, sources = {}, []
        for p, o in props.items():
            p_kind, p_local = _PREDICATES.get(p) or _classify(p)
            if p_kind == _VBKG_PROPERTY and type(o) is Literal:
                rel_props[p_local] = _value(o)
            elif p_kind == _DERIVED and o in files:
                sources.append(files[o])
        triple = (subject, local, obj)
        known = found.get(triple)
        if known:
            # one fact read twice (the header and a sentence): the earliest evidence wins,
            # whatever order the store yields the statements in
            if _evidence_order(rel_props) < _evidence_order(known[0]):
                known[0].clear()
                known[0].update(rel_props)
            known[1].extend(s for s in sources if s not in known[1])
        else:
            found[triple] = (rel_props, sources)
    return found


def _evidence_order(props: dict) -> tuple:
    start = props.get("evidenceStart")
    return (start is None, start or 0, str(props.get("evidenceQuote", "")), sorted(map(str, props)))


def _score_of(document: URIRef, links: list, literals: dict) -> int:
    signed = any(local == "ky" and o == document for _, local, o in links)
    sections = {literals[o].get("section") for s, local, o in links
                if local == "giao" and s == document}
    return copy_score(signed, sections - {None})


def _first_file(nguon: set[URIRef], files: dict) -> str | None:
    names = sorted(f for f in (files.get(n) for n in nguon) if f)
    return names[0] if names else None


def _key(uri: URIRef, literals: dict) -> str:
    """The identity key: `vbkg:key` when given, else the decoded path after the kind."""
    if "key" in literals:
        return str(literals["key"])
    kind_and_key = uri[len(ID_BASE):]
    _, _, encoded = kind_and_key.partition("/")
    if not encoded:
        raise MappingError(f"{uri}: no key after the resource kind")
    return unquote(encoded)


def _merge_labels(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return (a[0],) + tuple(sorted(set(a[1:]) | set(b[1:])))


_CONVERTERS = {
    **dict.fromkeys((XSD.date, XSD.dateTime, XSD.gYear), str),
    **dict.fromkeys((XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger), int),
    **dict.fromkeys((XSD.decimal, XSD.double, XSD.float), float),
    XSD.boolean: lambda literal: literal.toPython() is True,
}


def _value(literal: Literal):
    """RDF literal → a Neo4j property value: dates as ISO strings, numbers, booleans.

    A plain string gives the literal's own str object: one quote shared by a task's
    relationships then travels (pickled between processes) once."""
    if literal.datatype is None and type(literal.value) is str:
        return literal.value
    return _CONVERTERS.get(literal.datatype, str)(literal)
