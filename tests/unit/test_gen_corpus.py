"""The synthetic corpus: deterministic, realistic in shape, and loadable by the pipeline."""
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest
from vbkg.loaders.graph import rdf
from vbkg.loaders.graph.rows import map_graph

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_corpus.py"
spec = importlib.util.spec_from_file_location("gen_corpus", SCRIPT)
gen_corpus = importlib.util.module_from_spec(spec)
sys.modules["gen_corpus"] = gen_corpus
spec.loader.exec_module(gen_corpus)


@pytest.fixture(scope="module")
def corpus():
    return list(gen_corpus.records(400, seed=3))


def test_same_seed_same_corpus_other_seed_other_corpus(corpus):
    assert list(gen_corpus.records(400, seed=3)) == corpus
    assert list(gen_corpus.records(400, seed=4)) != corpus


def test_records_have_the_contract_shape_and_true_evidence(corpus):
    assert len(corpus) == 400
    for record in corpus[:50]:
        assert set(record) >= {"source", "same_as", "document", "references", "tasks", "meta"}
        text = record["text"]
        facts = record["references"] + record["tasks"]
        for fact in facts:
            span = fact["evidence"]
            assert text[span["start"]:span["end"]] == span["quote"]


def test_chains_span_several_levels_provinces_and_outside_documents(corpus):
    in_corpus = {r["document"]["so_hieu"] for r in corpus}
    parent_of = {r["document"]["so_hieu"]: ref["so_hieu"] for r in corpus
                 for ref in r["references"] if ref["relation"] == "thuc_hien"}

    def depth(so_hieu, seen=0):
        up = parent_of.get(so_hieu)
        return seen if up is None or seen > 10 else depth(up, seen + 1)

    assert max(depth(s) for s in parent_of) >= 3
    cited = {ref["so_hieu"] for r in corpus for ref in r["references"]}
    assert cited - in_corpus, "some references must name documents outside the corpus"
    provinces = Counter(r["document"]["co_quan_ban_hanh"]["dia_ban"] for r in corpus)
    assert len(provinces) >= 10
    assert any(t.get("van_ban_phai_ban_hanh") for r in corpus for t in r["tasks"])
    assert any(t["dinh_ky"] and t["bao_cao_cho"] for r in corpus for t in r["tasks"])


def test_every_generated_document_has_its_own_identity(corpus):
    keys = Counter()
    for record in corpus:
        rows = map_graph(rdf.record_to_graph(record))
        (own,) = rows.documents()
        keys[own.key] += 1
    assert max(keys.values()) == 1


def test_text_renders_the_party_layout(corpus):
    text = corpus[-1]["text"]
    assert "Số " + corpus[-1]["document"]["so_hieu"] in text
    assert "IV. TỔ CHỨC THỰC HIỆN" in text and "Nơi nhận:" in text


def test_the_extractor_reads_the_generated_text_back(corpus):
    from vbkg.loaders.extract import extract
    from vbkg.loaders.read.source import read_bytes

    for record in corpus[-20:]:
        got = extract(read_bytes(record["text"].encode("utf-8"), record["source"]))
        doc, want = got["document"], record["document"]
        assert (doc["loai"], doc["so_hieu"], doc["ngay_ban_hanh"]) == (
            want["loai"], want["so_hieu"], want["ngay_ban_hanh"])
        implements = {r["so_hieu"] for r in got["references"] if r["relation"] == "thuc_hien"}
        assert implements == {r["so_hieu"] for r in record["references"]
                              if r["relation"] == "thuc_hien"}
        assert {t["section"] for t in got["tasks"]} == {t["section"] for t in record["tasks"]}
