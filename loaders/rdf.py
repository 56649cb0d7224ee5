"""Record (Contract 1) → RDF in ontology/vbkg.ttl (Contract 2), with PROV-O provenance.

Every node gets an IRI from its identity key, so graphs of different sources
merge on the same resources. Links between nodes are reified as
`rdf:Statement`s carrying where they were read (`prov:wasDerivedFrom` the
source, evidence span and quote, rule); a task carries its evidence itself,
since each task belongs to one source.
"""
from __future__ import annotations

import logging
from urllib.parse import quote

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from .identity import DocumentIdentity, body_key, document_identity, person_key

VBKG = Namespace("https://vbkg.org/ontology#")
ID = "https://vbkg.org/id/"

DOCUMENT_KINDS = (
    "NghiQuyet KeHoach ChiThi KetLuan QuyDinh QuyetDinh ChuongTrinh HuongDan ThongBao "
    "BaoCao CongVan DeAn QuyChe NghiDinh ThongTu Luat BaiBao"
).split()
BODY_KINDS = "CoQuanDang CapUy BanDang CoQuanNhaNuoc ToChucChinhTriXaHoi".split()
RELATIONS = {"thuc_hien": VBKG.thucHien, "can_cu": VBKG.canCu, "trich_dan": VBKG.trichDan}
log = logging.getLogger("vbkg.rdf")


class RecordError(ValueError):
    """A record that cannot be mapped; the message is one line naming the source."""


def iri(kind: str, key: str) -> URIRef:
    """`https://vbkg.org/id/{kind}/{percent-encoded key}`; a task is `{task doc IRI}/{n}`."""
    return URIRef(f"{ID}{kind}/{quote(key, safe='')}")


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound (for readable exports)."""
    graph = Graph(bind_namespaces="core")
    graph.bind("vbkg", VBKG)
    graph.bind("prov", PROV)
    return graph


def record_to_graph(record: dict, graph: Graph | None = None) -> Graph:
    """Map one record into `graph` (a new one by default) and return it."""
    try:
        return _Mapper(record, graph if graph is not None else new_graph()).run()
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
    return [(node, VBKG.ngayBanHanh, Literal(day, datatype=XSD.date))] if day else []


def source_iri_of(record: dict) -> URIRef:
    """The IRI of the record's source (`Nguon`), by sha256 when known, else file name."""
    return iri("source", _source_id(record))


def _source_id(record: dict) -> str:
    return (record.get("meta") or {}).get("sha256") or record["source"]


class _Mapper:
    """One record's mapping; holds the source and the citing jurisdiction."""

    def __init__(self, record: dict, graph: Graph) -> None:
        self.record = record
        self.g = graph
        self.source = source_iri_of(record)
        doc = record["document"]
        self.ctx = (doc.get("co_quan_ban_hanh") or {}).get("dia_ban")
        self.bodies: dict[tuple, URIRef] = {}  # a body named by many tasks is written once

    def run(self) -> Graph:
        self._source()
        doc = self.record["document"]
        doc_node = self._document(doc, doc.get("evidence"), _source_id(self.record))
        self._fact(doc_node, VBKG.coNguon, self.source, doc.get("evidence"))
        self._signer(doc, doc_node)
        for ref in self.record.get("references") or []:
            relation = RELATIONS[ref["relation"]]
            target = self._reference(ref)
            if target is not None:
                self._fact(doc_node, relation, target, ref.get("evidence"))
        for number, task in enumerate(self.record.get("tasks") or [], start=1):
            self._task(doc_node, number, task)
        return self.g

    def _source(self) -> None:
        meta = self.record.get("meta") or {}
        g, node = self.g, self.source
        g.add((node, RDF.type, VBKG.Nguon))
        g.add((node, VBKG.key, Literal(_source_id(self.record))))
        g.add((node, VBKG.file, Literal(self.record["source"])))
        for field, prop in (("sha256", VBKG.sha256), ("publisher", VBKG.publisher),
                            ("encoding", VBKG.encoding)):
            if meta.get(field):
                g.add((node, prop, Literal(meta[field])))
        if self.record.get("text"):
            # the normalized text the evidence offsets index into (click-through to the sentence)
            g.add((node, VBKG.text, Literal(self.record["text"])))

    def _reference(self, ref: dict, evidence: dict | None = None) -> URIRef | None:
        """The node of a referenced document; an unusable reference is skipped with a warning
        (the rest of the record still maps)."""
        ident = _reference_identity(ref, self.ctx)
        if ident is None:
            said = (ref.get("evidence") or evidence or {}).get("quote")
            log.warning("%s: skipped a reference with no số hiệu, số or tên gọi: %s",
                        self.record["source"], repr(said) if said else ref)
            return None
        return self._document(ref, evidence, ident=ident)

    def _document(self, doc: dict, evidence: dict | None = None,
                  source_key: str | None = None, ident: DocumentIdentity | None = None) -> URIRef:
        """The node of a document (the record's own, or one a reference names)."""
        ident = ident or document_identity(doc, self.ctx, source_key)
        node = iri("doc", ident.key)
        g = self.g
        g.add((node, RDF.type, VBKG.VanBan))
        if doc.get("loai") in DOCUMENT_KINDS:  # an unknown kind is left out; SHACL reports it
            g.add((node, RDF.type, VBKG[doc["loai"]]))
        g.add((node, VBKG.key, Literal(ident.key)))
        if ident.partial:
            g.add((node, VBKG.khoaMotPhan, Literal(ident.partial)))
        if ident.approximate:
            g.add((node, VBKG.nhiemKyUocDoan, Literal(True)))
        for field, prop in (("so_hieu", VBKG.soHieu), ("so", VBKG.so),
                            ("ten_goi", VBKG.tenGoi), ("trich_yeu", VBKG.trichYeu)):
            if doc.get(field):
                g.add((node, prop, Literal(doc[field])))
        if doc.get("ngay_ban_hanh"):
            g.add((node, VBKG.ngayBanHanh, Literal(doc["ngay_ban_hanh"], datatype=XSD.date)))
        if ident.place != "?":
            g.add((node, VBKG.diaBan, Literal(ident.place)))
        issuer = doc.get("co_quan_ban_hanh")
        if issuer and issuer.get("ten"):
            self._fact(self._body(issuer), VBKG.banHanh, node, evidence)
        return node

    def _body(self, body: dict) -> URIRef:
        seen = (body.get("ten"), body.get("dia_ban"), body.get("loai"), bool(body.get("tap_the")))
        if seen in self.bodies:
            return self.bodies[seen]
        node = self.bodies[seen] = iri("body", body_key(body))
        g = self.g
        g.add((node, RDF.type, VBKG.ToChuc))
        if body.get("loai") in BODY_KINDS:
            g.add((node, RDF.type, VBKG[body["loai"]]))
        if body.get("tap_the"):
            g.add((node, RDF.type, VBKG.TapThe))
        g.add((node, VBKG.key, Literal(body_key(body))))
        g.add((node, VBKG.ten, Literal(body["ten"])))
        if body.get("dia_ban"):
            g.add((node, VBKG.diaBan, Literal(body["dia_ban"])))
        g.add((node, VBKG.tapThe, Literal(bool(body.get("tap_the")))))
        return node

    def _signer(self, doc: dict, doc_node: URIRef) -> None:
        signer = doc.get("nguoi_ky") or {}
        if not signer.get("ho_ten"):
            return
        key = person_key(signer["ho_ten"], self.ctx)
        person = iri("person", key)
        self.g.add((person, RDF.type, VBKG.Nguoi))
        self.g.add((person, VBKG.key, Literal(key)))
        self.g.add((person, VBKG.hoTen, Literal(signer["ho_ten"])))
        statement = self._fact(person, VBKG.ky, doc_node, signer.get("evidence"))
        for field, prop in (("chuc_vu", VBKG.chucVu), ("tham_quyen", VBKG.thamQuyen)):
            if signer.get(field):
                self.g.add((statement, prop, Literal(signer[field])))

    def _task(self, doc_node: URIRef, number: int, task: dict) -> None:
        doc_key = str(self.g.value(doc_node, VBKG.key))
        node = URIRef(f"{iri('task', doc_key)}/{number}")
        g = self.g
        g.add((node, RDF.type, VBKG.NhiemVu))
        # the key names the source: each copy of a document numbers its own tasks, so the
        # n-th task of one copy never overwrites the n-th of another in the graph
        g.add((node, VBKG.key, Literal(f"{doc_key}/{self.record['source']}/{number}")))
        g.add((node, PROV.wasDerivedFrom, self.source))
        for field, prop in (("section", VBKG.section), ("noi_dung", VBKG.noiDung),
                            ("dinh_ky", VBKG.dinhKy)):
            if task.get(field):
                g.add((node, prop, Literal(task[field])))
        if task.get("han"):
            g.add((node, VBKG.han, Literal(task["han"], datatype=XSD.date)))
        self._evidence(node, task.get("evidence"))
        evidence = task.get("evidence")
        self._fact(doc_node, VBKG.giao, node, evidence)
        for body in task.get("chu_tri") or []:
            self._fact(self._body(body), VBKG.chuTri, node, evidence)
        for body in task.get("phoi_hop") or []:
            self._fact(self._body(body), VBKG.phoiHop, node, evidence)
        for body in task.get("bao_cao_cho") or []:
            self._fact(node, VBKG.baoCaoCho, self._body(body), evidence)
        issue = task.get("van_ban_phai_ban_hanh")
        if issue:
            g.add((node, VBKG.vanBanPhaiBanHanh, Literal(issue["loai"])))
            target = self._reference(issue["thuc_hien"], evidence) if issue.get("thuc_hien") \
                else None
            if target is not None:
                self._fact(node, VBKG.veVanBan, target, evidence)

    def _fact(self, subject: URIRef, predicate: URIRef, obj: URIRef,
              evidence: dict | None) -> BNode:
        """Add a link and its reification with provenance; return the statement node."""
        g = self.g
        g.add((subject, predicate, obj))
        statement = BNode()
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, subject))
        g.add((statement, RDF.predicate, predicate))
        g.add((statement, RDF.object, obj))
        g.add((statement, PROV.wasDerivedFrom, self.source))
        self._evidence(statement, evidence)
        return statement

    def _evidence(self, node, evidence: dict | None) -> None:
        if not evidence:
            return
        for field, prop in (("start", VBKG.evidenceStart), ("end", VBKG.evidenceEnd)):
            if evidence.get(field) is not None:
                self.g.add((node, prop, Literal(int(evidence[field]))))
        if evidence.get("quote"):
            self.g.add((node, VBKG.evidenceQuote, Literal(evidence["quote"])))
        if evidence.get("rule"):
            self.g.add((node, VBKG.rule, Literal(evidence["rule"])))
