"""The ontology parses, declares every term the shapes and the mapping use, and is consistent."""
import json
import re
import unicodedata
from importlib.resources import files
from pathlib import Path

import pytest
from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from shared_paths import GOLD
from vbkg.loaders.graph.changes import change_triples
from vbkg.loaders.graph.rdf import VBKG, new_graph, record_to_graph
from vbkg.loaders.graph.shacl import shapes_graph

ELI = Namespace("http://data.europa.eu/eli/ontology#")
DECLARED_AS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=files("vbkg.ontology").joinpath("vbkg.ttl").read_text("utf-8"),
                         format="turtle")


def declared(ontology: Graph) -> set[URIRef]:
    return {s for kind in DECLARED_AS for s in ontology.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and s.startswith(VBKG)}


def vbkg_terms(graph: Graph) -> set[URIRef]:
    """vbkg terms used as predicates, classes, or named in SPARQL text."""
    found = set()
    for s, p, o in graph:
        for node in (s, p, o):
            if isinstance(node, URIRef) and node.startswith(VBKG):
                found.add(node)
            if isinstance(node, Literal):
                found |= {VBKG[name] for name in re.findall(r"\bvbkg:(\w+)", str(node))}
    return found


def full_graph() -> Graph:
    """Every gold record, plus the optional record fields (meta, body kind, evidence, …), a
    task naming a body after its merger, and the succession of bodies."""
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in change_triples())
    for path in sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["source"].startswith("000"):
            record["meta"] = {"sha256": "0" * 64, "encoding": "utf-8", "publisher": "x"}
            record["tasks"][0]["chu_tri"][0]["loai"] = "CapUy"
            record["tasks"][0]["han"] = "2022-06-30"
            record["tasks"][0]["evidence"] = {"start": 1, "end": 2, "quote": "q", "rule": "r"}
            parent = {k: v for k, v in record["references"][0].items() if k != "relation"}
            record["tasks"][0]["van_ban_phai_ban_hanh"] = {"loai": "KeHoach", "thuc_hien": parent}
            later = json.loads(json.dumps(record))
            later["document"]["ngay_ban_hanh"] = "2025-05-01"
            later["tasks"][0]["chu_tri"] = [{"ten": "Sở Kế hoạch và Đầu tư",
                                             "dia_ban": "Thành phố Hồ Chí Minh"}]
            record_to_graph(later, graph)
        record_to_graph(record, graph)
    return graph


def test_ontology_is_versioned(ontology):
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(header, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(header, OWL.versionIRI) is not None


def test_every_term_of_the_shapes_is_declared(ontology):
    used = vbkg_terms(shapes_graph()) - set(shapes_graph().subjects(RDF.type, None))
    assert used - declared(ontology) == set()


def test_every_term_of_the_mapping_is_declared(ontology):
    used = {t for t in vbkg_terms(full_graph())}
    assert used
    assert used - declared(ontology) == set()


def test_every_term_has_vietnamese_and_english_labels_and_comments(ontology):
    for term in declared(ontology):
        labels = {lit.language: str(lit) for lit in ontology.objects(term, RDFS.label)}
        comments = {lit.language for lit in ontology.objects(term, RDFS.comment)}
        assert {"vi", "en"} <= set(labels), term
        assert {"vi", "en"} <= comments, term
        assert labels["vi"] != labels["en"], term
        assert unicodedata.is_normalized("NFC", labels["vi"]), term


def without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").replace(" ", "").casefold()


@pytest.mark.parametrize("local", ["VanBan", "NghiQuyet", "KeHoach", "ChiThi", "KetLuan", "ToChuc",
                                   "CapUy", "NhiemVu", "Nguoi", "DiaBan", "Nguon", "thucHien",
                                   "canCu", "trichDan", "banHanh", "chuTri", "phoiHop",
                                   "baoCaoCho", "trucThuoc", "soHieu", "ngayBanHanh", "trichYeu"])
def test_vietnamese_label_is_the_term_with_its_diacritics(ontology, local):
    (label,) = [lit for lit in ontology.objects(VBKG[local], RDFS.label) if lit.language == "vi"]
    assert without_marks(str(label)) == local.casefold()
    assert str(label).isascii() is False


def test_object_properties_have_domain_and_range(ontology):
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if prop.startswith(VBKG):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


def test_links_are_aligned_to_eli_by_subproperty(ontology):
    assert (VBKG.thucHien, RDFS.subPropertyOf, ELI.ensures_implementation_of) in ontology
    assert (VBKG.canCu, RDFS.subPropertyOf, ELI.based_on) in ontology
    assert (VBKG.trichDan, RDFS.subPropertyOf, ELI.cites) in ontology
    assert (VBKG.ToChuc, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in (
        ontology)


def reason(graph: Graph, tmp_path: Path) -> World:
    """Run HermiT over `graph`. xsd:date is outside the OWL 2 datatype map, so HermiT is told
    to ignore it (dates are checked by SHACL instead)."""
    path = tmp_path / "vbkg.owl"
    graph.serialize(path, format="xml")
    world = World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        sync_reasoner(world, infer_property_values=False, debug=0,
                      ignore_unsupported_datatypes=True)
    return world


def test_hermit_finds_the_ontology_consistent(ontology, tmp_path):
    world = reason(ontology, tmp_path)
    assert list(world.inconsistent_classes()) == []


def test_hermit_rejects_a_document_of_two_disjoint_kinds(ontology, tmp_path):
    broken = Graph()
    for triple in ontology:
        broken.add(triple)
    doc = URIRef("https://vbkg.org/id/doc/x")
    broken.add((doc, RDF.type, OWL.NamedIndividual))
    broken.add((doc, RDF.type, VBKG.NghiQuyet))
    broken.add((doc, RDF.type, VBKG.KeHoach))
    with pytest.raises(OwlReadyInconsistentOntologyError):
        reason(broken, tmp_path)
