"""Record (Contract 1) → RDF in ontology/vbkg.ttl (Contract 2), with PROV-O provenance.

Every node gets an IRI from its identity key, so graphs of different sources
merge on the same resources. Links between nodes are reified as
`rdf:Statement`s carrying where they were read (`prov:wasDerivedFrom` the
source, evidence span and quote, rule); a task carries its evidence itself,
since each task belongs to one source.
"""
from __future__ import annotations

import logging
from functools import cache, lru_cache
from urllib.parse import quote

import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from vbkg.loaders.graph import hierarchy, succession
from vbkg.loaders.graph.identity import DocumentIdentity, body_key, document_identity, person_key


class CachedNamespace(Namespace):
    """A namespace whose terms are made once: rdflib builds and checks a new URIRef on
    every `NS.term` access, a fifth of the time it took to map a record."""

    @cache  # noqa: B019 - a handful of namespaces live as long as the process
    def term(self, name: str) -> URIRef:
        return super().term(name)

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # the next `NS.name` is a plain attribute lookup
        return term


# The ontology's namespace and the base of every resource's IRI: defined here only.
VBKG = CachedNamespace("https://vbkg.org/ontology#")
ID_BASE = "https://vbkg.org/id/"
RDF, XSD, PROV = (CachedNamespace(str(ns)) for ns in (rdflib.RDF, rdflib.XSD, rdflib.PROV))
# Values repeat across records (body names, rules, offsets, dates); a Literal is costly to make.
_literal = lru_cache(maxsize=1 << 16)(Literal)

DOCUMENT_KINDS = (
    "NghiQuyet KeHoach ChiThi KetLuan QuyDinh QuyetDinh ChuongTrinh HuongDan ThongBao "
    "BaoCao CongVan DeAn QuyChe NghiDinh ThongTu Luat BaiBao"
).split()
BODY_KINDS = "CoQuanDang CapUy BanDang CoQuanNhaNuoc ToChucChinhTriXaHoi".split()
RELATIONS = {"thuc_hien": VBKG.thucHien, "can_cu": VBKG.canCu, "trich_dan": VBKG.trichDan}
# The knowledge files facts are derived from when no document states them: TRUC_THUOC
# rules and the succession of bodies (graph/hierarchy.py, graph/succession.py).
RULES_SOURCE = f"data/{hierarchy.RULES_FILE}"
log = logging.getLogger("vbkg.rdf")


class RecordError(ValueError):
    """A record that cannot be mapped; the message is one line naming the source."""


@lru_cache(maxsize=1 << 16)  # one object per resource: dict lookups on it stop at `is`
def iri(kind: str, key: str) -> URIRef:
    """`https://vbkg.org/id/{kind}/{percent-encoded key}`; a task is
    `{task doc IRI}/{percent-encoded source file}/{n}`."""
    return URIRef(f"{ID_BASE}{kind}/{quote(key, safe='')}")


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound (for readable exports)."""
    graph = Graph(bind_namespaces="core")
    graph.bind("vbkg", VBKG)
    graph.bind("prov", PROV)
    return graph


def record_to_graph(record: dict, graph: Graph | None = None) -> Graph:
    """Map one record into `graph` (a new one by default) and return it."""
    graph = graph if graph is not None else new_graph()
    graph.addN((s, p, o, graph) for s, p, o in record_triples(record))
    return graph


def record_triples(record: dict) -> list[tuple]:
    """One record's triples as a plain list, possibly with repeats.

    The loader maps these straight to rows: indexing them in an rdflib store first
    (`Graph.add`) would cost more than building and mapping them together.
    """
    try:
        return _Mapper(record).run()
    except (KeyError, TypeError, ValueError) as err:
        name = record.get("source", "?") if isinstance(record, dict) else "?"
        raise RecordError(f"{name}: cannot map record to RDF: {err}") from err


def document_iri_of(record: dict) -> URIRef:
    """The IRI the record's own document gets (what validation groups results by)."""
    doc = record["document"]
    ctx = (doc.get("co_quan_ban_hanh") or {}).get("dia_ban")
    return iri("doc", document_identity(doc, ctx, _source_id(record)).key)


def link_triples(record: dict) -> list[tuple]:
    """The `thucHien` links and issue dates `record_to_graph` would emit, from keys alone.

    Cross-document shapes (cycles, dates) need these of every document; computing
    them without the full mapping keeps that index cheap for large inputs.
    """
    try:
        doc = record["document"]
        ctx = (doc.get("co_quan_ban_hanh") or {}).get("dia_ban")
        this = document_iri_of(record)
        found = _date_triples(this, doc)
        for ref in record.get("references") or []:
            ident = _reference_identity(ref, ctx)
            if ref.get("relation") == "thuc_hien" and ident is not None:
                target = iri("doc", ident.key)
                found += [(this, VBKG.thucHien, target)] + _date_triples(target, ref)
        return found
    except (KeyError, TypeError, ValueError) as err:
        raise RecordError(f"{record.get('source', '?')}: cannot map record to RDF: {err}") from err


def _reference_identity(ref: dict, ctx: str | None) -> DocumentIdentity | None:
    """A reference's identity, or None when nothing names it (no số hiệu, số or tên gọi)."""
    try:
        return document_identity(ref, ctx)
    except ValueError:
        return None


def _date_triples(node: URIRef, doc: dict) -> list[tuple]:
    day = doc.get("ngay_ban_hanh")
    return [(node, VBKG.ngayBanHanh, _literal(day, datatype=XSD.date))] if day else []


def source_iri_of(record: dict) -> URIRef:
    """The IRI of the record's source (`Nguon`), by sha256 when known, else file name."""
    return iri("source", _source_id(record))


def _source_id(record: dict) -> str:
    return (record.get("meta") or {}).get("sha256") or record["source"]


class _Mapper:
    """One record's mapping; holds the source and the citing jurisdiction."""

    def __init__(self, record: dict) -> None:
        self.record = record
        self.triples: list[tuple] = []
        self.add = self.triples.append
        self.source = source_iri_of(record)
        doc = record["document"]
        self.ctx = (doc.get("co_quan_ban_hanh") or {}).get("dia_ban")
        self.day = doc.get("ngay_ban_hanh")
        self.bodies = BodyWriter(self.add, self.day)

    def run(self) -> list[tuple]:
        self._source()
        doc = self.record["document"]
        ident = document_identity(doc, self.ctx, _source_id(self.record))
        doc_node = self._document(doc, doc.get("evidence"), ident)
        self._fact(doc_node, VBKG.coNguon, self.source, doc.get("evidence"))
        self._signer(doc, doc_node)
        for ref in self.record.get("references") or []:
            relation = RELATIONS[ref["relation"]]
            target = self._reference(ref)
            if target is not None:
                self._fact(doc_node, relation, target, ref.get("evidence"))
        for number, task in enumerate(self.record.get("tasks") or [], start=1):
            self._task(doc_node, ident.key, number, task)
        return self.triples

    def _source(self) -> None:
        meta = self.record.get("meta") or {}
        node = self.source
        self.add((node, RDF.type, VBKG.Nguon))
        self.add((node, VBKG.key, _literal(_source_id(self.record))))
        self.add((node, VBKG.file, _literal(self.record["source"])))
        for field, prop in (("sha256", VBKG.sha256), ("publisher", VBKG.publisher),
                            ("encoding", VBKG.encoding)):
            if meta.get(field):
                self.add((node, prop, _literal(meta[field])))
        if self.record.get("text"):
            # the normalized text the evidence offsets index into (click-through to the sentence)
            self.add((node, VBKG.text, _literal(self.record["text"])))

    def _reference(self, ref: dict, evidence: dict | None = None) -> URIRef | None:
        """The node of a referenced document; an unusable reference is skipped with a warning
        (the rest of the record still maps)."""
        ident = _reference_identity(ref, self.ctx)
        if ident is None:
            said = (ref.get("evidence") or evidence or {}).get("quote")
            log.warning("%s: skipped a reference with no số hiệu, số or tên gọi: %s",
                        self.record["source"], repr(said) if said else ref)
            return None
        return self._document(ref, evidence, ident)

    def _document(self, doc: dict, evidence: dict | None, ident: DocumentIdentity) -> URIRef:
        """The node of a document (the record's own, or one a reference names)."""
        node = iri("doc", ident.key)
        self.add((node, RDF.type, VBKG.VanBan))
        if doc.get("loai") in DOCUMENT_KINDS:  # an unknown kind is left out; SHACL reports it
            self.add((node, RDF.type, VBKG[doc["loai"]]))
        self.add((node, VBKG.key, _literal(ident.key)))
        if ident.partial:
            self.add((node, VBKG.khoaMotPhan, _literal(ident.partial)))
        if ident.approximate:
            self.add((node, VBKG.nhiemKyUocDoan, _literal(True)))
        for field, prop in (("so_hieu", VBKG.soHieu), ("so", VBKG.so),
                            ("ten_goi", VBKG.tenGoi), ("trich_yeu", VBKG.trichYeu)):
            if doc.get(field):
                self.add((node, prop, _literal(doc[field])))
        if doc.get("ngay_ban_hanh"):
            self.add((node, VBKG.ngayBanHanh, _literal(doc["ngay_ban_hanh"], datatype=XSD.date)))
        if ident.place != "?":
            self.add((node, VBKG.diaBan, _literal(ident.place)))
        issuer = doc.get("co_quan_ban_hanh")
        if issuer and issuer.get("ten"):
            # an issuer is named by the document's own header: it is who the text says
            self._fact(self.bodies.node(issuer), VBKG.banHanh, node, evidence)
        return node

    def _named(self, body: dict, predicate: URIRef, task: URIRef, evidence: dict | None) -> None:
        """A task's link to a body it names, as that body was on the document's date: a
        predecessor named after its merger is the successor (graph/succession.py); the
        link then keeps the key of the body as written."""
        current, event = succession.resolve(body, self.day)
        node = self.bodies.node(current)
        forward = predicate != VBKG.baoCaoCho
        statement = self._fact(node, predicate, task, evidence) if forward \
            else self._fact(task, predicate, node, evidence)
        if event is not None:
            self.add((statement, VBKG.keThuaTu, _literal(body_key(body))))

    def _signer(self, doc: dict, doc_node: URIRef) -> None:
        signer = doc.get("nguoi_ky") or {}
        if not signer.get("ho_ten"):
            return
        key = person_key(signer["ho_ten"], self.ctx)
        person = iri("person", key)
        self.add((person, RDF.type, VBKG.Nguoi))
        self.add((person, VBKG.key, _literal(key)))
        self.add((person, VBKG.hoTen, _literal(signer["ho_ten"])))
        statement = self._fact(person, VBKG.ky, doc_node, signer.get("evidence"))
        for field, prop in (("chuc_vu", VBKG.chucVu), ("tham_quyen", VBKG.thamQuyen)):
            if signer.get(field):
                self.add((statement, prop, _literal(signer[field])))

    def _task(self, doc_node: URIRef, doc_key: str, number: int, task: dict) -> None:
        # IRI and key name the source: each copy of a document numbers its own tasks, so the
        # n-th task of one copy never overwrites the n-th of another in one graph
        source = self.record["source"]
        node = URIRef(f"{iri('task', doc_key)}/{quote(source, safe='')}/{number}")
        self.add((node, RDF.type, VBKG.NhiemVu))
        self.add((node, VBKG.key, _literal(f"{doc_key}/{source}/{number}")))
        self.add((node, PROV.wasDerivedFrom, self.source))
        for field, prop in (("section", VBKG.section), ("noi_dung", VBKG.noiDung),
                            ("dinh_ky", VBKG.dinhKy)):
            if task.get(field):
                self.add((node, prop, _literal(task[field])))
        if task.get("han"):
            self.add((node, VBKG.han, _literal(task["han"], datatype=XSD.date)))
        self._evidence(node, task.get("evidence"))
        evidence = task.get("evidence")
        self._fact(doc_node, VBKG.giao, node, evidence)
        for field, predicate in (("chu_tri", VBKG.chuTri), ("phoi_hop", VBKG.phoiHop),
                                 ("bao_cao_cho", VBKG.baoCaoCho)):
            for body in task.get(field) or []:
                self._named(body, predicate, node, evidence)
        issue = task.get("van_ban_phai_ban_hanh")
        if issue:
            self.add((node, VBKG.vanBanPhaiBanHanh, _literal(issue["loai"])))
            target = self._reference(issue["thuc_hien"], evidence) if issue.get("thuc_hien") \
                else None
            if target is not None:
                self._fact(node, VBKG.veVanBan, target, evidence)

    def _fact(self, subject: URIRef, predicate: URIRef, obj: URIRef,
              evidence: dict | None) -> BNode:
        """Add a link and its reification with provenance; return the statement node."""
        return fact(self.add, subject, predicate, obj, self.source, evidence)

    def _evidence(self, node, evidence: dict | None) -> None:
        add_evidence(self.add, node, evidence)


def fact(add, subject: URIRef, predicate: URIRef, obj: URIRef, source: URIRef,
         evidence: dict | None = None) -> BNode:
    """Add a link and its `rdf:Statement` derived from `source`; return the statement."""
    add((subject, predicate, obj))
    statement = BNode()
    add((statement, RDF.type, RDF.Statement))
    add((statement, RDF.subject, subject))
    add((statement, RDF.predicate, predicate))
    add((statement, RDF.object, obj))
    add((statement, PROV.wasDerivedFrom, source))
    add_evidence(add, statement, evidence)
    return statement


def add_evidence(add, node, evidence: dict | None) -> None:
    """Evidence span, quote and rule of a fact on its node or statement."""
    if not evidence:
        return
    for field, prop in (("start", VBKG.evidenceStart), ("end", VBKG.evidenceEnd),
                        ("page", VBKG.evidencePage)):
        if evidence.get(field) is not None:
            add((node, prop, _literal(int(evidence[field]))))
    if evidence.get("quote"):
        add((node, VBKG.evidenceQuote, _literal(evidence["quote"])))
    if evidence.get("rule"):
        add((node, VBKG.rule, _literal(evidence["rule"])))


def knowledge_source(add, key: str, file: str) -> URIRef:
    """The `Nguon` of a knowledge file (key `data/…`), the source of facts no text states."""
    node = iri("source", key)
    add((node, RDF.type, VBKG.Nguon))
    add((node, VBKG.key, _literal(key)))
    add((node, VBKG.file, _literal(file)))
    return node


class BodyWriter:
    """Writes each body once, with the body it belongs to (TRUC_THUOC) by the rules of
    graph/hierarchy.py for a document of `day`; the link's statement names the rule."""

    def __init__(self, add, day: str | None = None) -> None:
        self.add = add
        self.day = day
        self.nodes: dict[tuple, URIRef] = {}  # a body named by many tasks is written once
        self.rules: URIRef | None = None

    def node(self, body: dict) -> URIRef:
        seen = (body.get("ten"), body.get("dia_ban"), body.get("loai"), bool(body.get("tap_the")))
        if seen in self.nodes:
            return self.nodes[seen]
        add = self.add
        node = self.nodes[seen] = iri("body", body_key(body))
        add((node, RDF.type, VBKG.ToChuc))
        if body.get("loai") in BODY_KINDS:
            add((node, RDF.type, VBKG[body["loai"]]))
        if body.get("tap_the"):
            add((node, RDF.type, VBKG.TapThe))
        add((node, VBKG.key, _literal(body_key(body))))
        add((node, VBKG.ten, _literal(body["ten"])))
        if body.get("dia_ban"):
            add((node, VBKG.diaBan, _literal(body["dia_ban"])))
        add((node, VBKG.tapThe, _literal(bool(body.get("tap_the")))))
        parent = hierarchy.parent_of(body, self.day)
        if parent is not None:
            self._belongs(node, body, parent)
        return node

    def _belongs(self, node: URIRef, body: dict, parent: hierarchy.Parent) -> None:
        if self.rules is None:
            self.rules = knowledge_source(self.add, RULES_SOURCE, hierarchy.RULES_FILE)
        statement = fact(self.add, node, VBKG.trucThuoc, self.node(parent.body), self.rules,
                         {"quote": body["ten"], "rule": f"hierarchy:{parent.rule}"})
        if parent.basis:
            self.add((statement, VBKG.canCuPhapLy, _literal(parent.basis)))
        for value, prop in ((parent.valid_from, VBKG.tuNgay), (parent.valid_until, VBKG.denNgay)):
            if value:
                self.add((statement, prop, _literal(value, datatype=XSD.date)))
