"""SHACL validation of mapped records against ontology/shapes.ttl (pySHACL, no inference).

Validation runs per batch of documents: their graph, plus the thực hiện
closure and dates of the documents they reach (the neighbours the cycle and
date shapes need), so time grows linearly with the number of documents and the
work spreads over a process pool. A violation is reported with the evidence
sentence of the fact it concerns, and `split_facts` separates a document's
graph into the facts the loader may write and the ones a shape refuses.
"""
from __future__ import annotations

import gc
import logging
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from urllib.parse import unquote

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV
from vbkg.loaders.graph.rdf import (
    ID_BASE,
    VBKG,
    document_iri_of,
    link_triples,
    new_graph,
    record_to_graph,
    source_iri_of,
)
from vbkg.loaders.graph.shacl_speedups import install_speedups

SH = Namespace("http://www.w3.org/ns/shacl#")
log = logging.getLogger("vbkg.validate")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: source file, character span, sentence."""

    source: str | None
    start: int | None
    end: int | None
    quote: str | None


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which shape, on which fact, saying what, with what evidence."""

    shape: str
    severity: str
    focus: URIRef | BNode
    path: URIRef | None
    inverse: bool
    value: URIRef | Literal | BNode | None
    message: dict[str, str]
    evidence: Evidence | None = None

    @property
    def fact(self) -> tuple | None:
        """The one triple the result is about, or None when it is about a whole node."""
        if self.path is None or self.value is None:
            return None
        if self.inverse:
            return (self.value, self.path, self.focus)
        return (self.focus, self.path, self.value)

    def to_json(self) -> dict:
        return {
            "shape": self.shape,
            "severity": self.severity,
            "message": self.message,
            "focus": _readable(self.focus),
            "path": ("^" if self.inverse else "") + _readable(self.path) if self.path else None,
            "value": _readable(self.value) if self.value is not None else None,
            "evidence": self.evidence.__dict__ if self.evidence else None,
        }


@dataclass
class DocumentReport:
    """The violations of one input document."""

    source: str
    document: str
    violations: list[Violation] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"source": self.source, "document": self.document,
                "violations": [v.to_json() for v in self.violations]}


@dataclass(frozen=True)
class Refusal:
    """Facts the loader must not write, and the violation that refuses them."""

    violation: Violation
    triples: frozenset


@dataclass
class Split:
    """A document's graph cut into what may be loaded and what is refused."""

    accepted: Graph
    refused: list[Refusal]


@cache
def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once per process."""
    return Graph().parse(data=files("vbkg.ontology").joinpath("shapes.ttl").read_text("utf-8"),
                         format="turtle")


def validate_graph(graph: Graph, neighbours: Graph | None = None) -> list[Violation]:
    """Validate `graph`; `neighbours` are read by the shapes but not reported on.

    The neighbour triples are added to `graph` for the run and removed after it
    (cheaper than copying the graph).
    """
    install_speedups()
    borrowed = [t for t in neighbours if t not in graph] if neighbours is not None else []
    for triple in borrowed:
        graph.add(triple)
    try:
        _, results, _ = pyshacl_validate(graph, shacl_graph=shapes_graph(), inference="none",
                                         inplace=True, allow_warnings=True)
    finally:
        for triple in borrowed:
            graph.remove(triple)
    found = [_violation(results, node, graph) for node in results.subjects(RDF.type,
                                                                          SH.ValidationResult)]
    if borrowed:
        found = [v for v in found if _concerns(v, graph)]
    return sorted(found, key=lambda v: (v.shape, str(v.focus), str(v.value)))


def split_facts(graph: Graph, violations: Sequence[Violation] | None = None,
                neighbours: Graph | None = None) -> Split:
    """Cut a document's graph into accepted facts and facts refused by a Violation.

    A result about one link or value refuses that triple; a result about a
    whole node (a task nobody leads) refuses the node with its links.
    Reifications of refused links go with them. A document read from a source is
    never refused whole: one wrong fact must not hide everything else it says
    (its whole-node results are reported, and refuse nothing).
    """
    if violations is None:
        violations = validate_graph(graph, neighbours)
    refusals = []
    for violation in violations:
        if violation.severity != "Violation":
            continue
        fact = violation.fact
        if fact is not None and fact in graph:
            triples = {fact}
        elif (violation.focus, VBKG.coNguon, None) in graph:
            triples = set()
        else:
            triples = _node_triples(graph, violation.focus)
        refusals.append(Refusal(violation, frozenset(triples | _reifications(graph, triples))))
    refused = set().union(*(r.triples for r in refusals)) if refusals else set()
    accepted = Graph()
    for prefix, namespace in graph.namespaces():
        accepted.bind(prefix, namespace)
    for triple in graph:
        if triple not in refused:
            accepted.add(triple)
    return Split(accepted, refusals)


LinkIndex = dict  # document IRI → (IRIs it implements, its issue dates)
_index: LinkIndex = {}  # the link index of the current validation, per worker process


def link_index(records: Iterable[dict]) -> LinkIndex:
    """The thực hiện links and dates of all records' documents, from identity keys alone."""
    index: LinkIndex = {}
    for record in records:
        for s, p, o in link_triples(record):
            targets, dates = index.setdefault(s, (set(), set()))
            (targets if p == VBKG.thucHien else dates).add(o)
    return index


def neighbours_for(index: LinkIndex, documents: Iterable) -> Graph:
    """What the cross-document shapes read: the thực hiện closure of `documents`, with dates."""
    graph = Graph(bind_namespaces="none")
    seen: set = set()
    todo = list(documents)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        targets, dates = index.get(node, ((), ()))
        for day in dates:
            graph.add((node, VBKG.ngayBanHanh, day))
        for target in targets:
            graph.add((node, VBKG.thucHien, target))
            todo.append(target)
    return graph


def validate_records(records: Sequence[dict], workers: int | None = None, batch_size: int = 200,
                     index: LinkIndex | None = None) -> list[DocumentReport]:
    """Map and validate records in batches, each with the neighbours its shapes need.

    Work per batch is bounded by its records and their thực hiện closure, so time
    grows linearly with the input; batches are spread over a process pool of
    `workers` processes (default: one per core). pySHACL's fixed cost per run is
    about 5 ms, so a batch of a few hundred documents makes it negligible.
    `index` defaults to the link index of `records`.
    """
    workers = workers or os.cpu_count() or 1
    index = link_index(records) if index is None else index
    batches = [records[i:i + batch_size] for i in range(0, len(records), batch_size)]
    if workers > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(index,)) as pool:
            done = list(pool.map(validate_batch, batches))
    else:
        _use_index(index)
        done = [validate_batch(batch) for batch in batches]
    return [report for reports in done for report in reports]


def validate_batch(records: Sequence[dict]) -> list[DocumentReport]:
    """Validate records mapped into one graph; each result goes to the records it came from.

    A result is attributed through provenance: the sources of the violating
    link's statements, else those of the node it is about.
    """
    graph = new_graph()
    for record in records:
        record_to_graph(record, graph)
    documents = set(graph.subjects(RDF.type, VBKG.VanBan))
    violations = validate_graph(graph, neighbours_for(_index, documents))
    by_source: dict = {}
    for violation in violations:
        for source in _sources(graph, violation):
            by_source.setdefault(source, []).append(violation)
    reports = []
    for record in records:
        source = source_iri_of(record)
        doc = document_iri_of(record)
        key = graph.value(doc, VBKG.key)
        own = [replace(v, evidence=_evidence(graph, v, source)) for v in by_source.get(source, [])]
        reports.append(DocumentReport(record["source"], str(key) if key else _readable(doc), own))
    return reports


def _use_index(index: LinkIndex) -> None:
    global _index
    _index = index


def _start_worker(index: LinkIndex) -> None:
    """Set the worker's link index, and keep the garbage collector off what it inherited.

    A forked worker starts with the parent's heap (all the input records); the
    collector would walk it on every full collection, which made mapping a batch
    slower the larger the input. `gc.freeze` leaves those objects out.
    """
    _use_index(index)
    gc.freeze()


def _violation(results: Graph, node, graph: Graph) -> Violation:
    shape = results.value(node, SH.sourceShape)
    path = results.value(node, SH.resultPath)
    inverse = False
    if isinstance(path, BNode):
        inverse_of = results.value(path, SH.inversePath)
        path, inverse = (inverse_of, True) if isinstance(inverse_of, URIRef) else (None, False)
    focus = results.value(node, SH.focusNode)
    value = results.value(node, SH.value)
    if value == focus and path is None:
        value = None
    templates = _templates(results.value(node, SH.sourceConstraint), shape)
    messages: dict[str, str] = {}
    for message in results.objects(node, SH.resultMessage):
        lang = getattr(message, "language", None) or _language_of(str(message), templates)
        messages.setdefault(lang, str(message))
    violation = Violation(_shape_name(shape), SEVERITIES.get(results.value(node, SH.resultSeverity),
                                                             "Violation"),
                          focus, path, inverse, value, messages)
    return replace(violation, evidence=_evidence(graph, violation))


def _templates(constraint, shape) -> list[tuple[re.Pattern, str]]:
    """The sh:message templates of a result's constraint or shape, as (regex, language)."""
    shapes = shapes_graph()
    found = []
    for source in (constraint, shape):
        for template in shapes.objects(source, SH.message) if source is not None else ():
            parts = re.split(r"\{[?$]\w+\}", str(template))
            pattern = re.compile("^" + "(.*)".join(re.escape(p) for p in parts) + "$", re.DOTALL)
            found.append((pattern, template.language or "en"))
    return found


def _language_of(message: str, templates: list[tuple[re.Pattern, str]]) -> str:
    """pySHACL drops the language tag of a SPARQL message it fills in; find it again."""
    for pattern, lang in templates:
        if pattern.match(message):
            return lang
    return "en"


def _shape_name(shape) -> str:
    """The named node shape a (possibly blank) property shape belongs to."""
    shapes = shapes_graph()
    if isinstance(shape, BNode):
        owner = shapes.value(predicate=SH.property, object=shape)
        shape = owner if owner is not None else shape
    return str(shape).rsplit("#", 1)[-1]


def _concerns(violation: Violation, graph: Graph) -> bool:
    """Whether a result is about this document's own facts (not a neighbour's)."""
    fact = violation.fact
    if fact is not None:
        return fact in graph
    return (violation.focus, None, None) in graph


def _statements_about(graph: Graph, node) -> list:
    """Reified statements whose subject or object is `node`; a document's own header first."""
    found = list(graph.subjects(RDF.subject, node)) + list(graph.subjects(RDF.object, node))
    return sorted(found, key=lambda st: graph.value(st, RDF.predicate) != VBKG.coNguon)


def _fact_statements(graph: Graph, violation: Violation) -> list:
    """The rdf:Statements reifying the violating link (one per source that stated it)."""
    fact = violation.fact
    if fact is None:
        return []
    return [st for st in graph.subjects(RDF.subject, fact[0])
            if (st, RDF.predicate, fact[1]) in graph and (st, RDF.object, fact[2]) in graph]


def _witnesses(graph: Graph, violation: Violation) -> list:
    """Nodes carrying provenance for a result: the fact's statements, else the node's own."""
    return (_fact_statements(graph, violation) + [violation.focus]
            + _statements_about(graph, violation.focus))


def _sources(graph: Graph, violation: Violation) -> set:
    """The sources (`Nguon`) whose facts a result is about: those stating the link, else
    the node's own source (a document's, a task's), else every source mentioning the node."""
    statements = _fact_statements(graph, violation)
    if statements:
        return {src for st in statements for src in graph.objects(st, PROV.wasDerivedFrom)}
    focus = violation.focus
    own = set(graph.objects(focus, VBKG.coNguon)) | set(graph.objects(focus, PROV.wasDerivedFrom))
    if own:
        return own
    return {src for st in _statements_about(graph, focus)
            for src in graph.objects(st, PROV.wasDerivedFrom)}


def _evidence(graph: Graph, violation: Violation, source=None) -> Evidence | None:
    """The evidence sentence of the violating fact, else of its node (from `source` if given)."""
    for node in _witnesses(graph, violation):
        quote = graph.value(node, VBKG.evidenceQuote)
        origin = graph.value(node, PROV.wasDerivedFrom)
        if quote is None or (source is not None and origin != source):
            continue
        start, end = graph.value(node, VBKG.evidenceStart), graph.value(node, VBKG.evidenceEnd)
        return Evidence(str(graph.value(origin, VBKG.file)) if origin else None,
                        int(start) if start is not None else None,
                        int(end) if end is not None else None, str(quote))
    return None


def _node_triples(graph: Graph, node) -> set:
    """All triples of a node; a document brings the tasks it assigns."""
    triples = set(graph.triples((node, None, None))) | set(graph.triples((None, None, node)))
    for task in graph.objects(node, VBKG.giao):
        triples |= set(graph.triples((task, None, None))) | set(graph.triples((None, None, task)))
    return triples


def _reifications(graph: Graph, triples: set) -> set:
    """The rdf:Statement triples describing any of `triples`."""
    found = set()
    for s, p, o in triples:
        if p in (RDF.subject, RDF.predicate, RDF.object):
            continue
        for statement in graph.subjects(RDF.subject, s):
            if (statement, RDF.predicate, p) in graph and (statement, RDF.object, o) in graph:
                found |= set(graph.triples((statement, None, None)))
    for s, p, _ in triples:
        if p in (RDF.subject, RDF.object) and (s, RDF.type, RDF.Statement) in graph:
            found |= set(graph.triples((s, None, None)))
    return found


def _readable(node) -> str:
    """A node as a person reads it: the decoded identity key, or the ontology term."""
    text = str(node)
    if text.startswith(ID_BASE):
        return unquote(text[len(ID_BASE):])
    if text.startswith(str(VBKG)):
        return "vbkg:" + text[len(str(VBKG)):]
    if text.startswith(str(RDF)):
        return "rdf:" + text[len(str(RDF)):]
    return text
