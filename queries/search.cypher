// Purpose: full-text search over documents' trích yếu and name and tasks' text
//   (index vbkg_search: folded, so "cung co" finds "củng cố"; Lucene syntax); each
//   hit with its document, optionally only documents of one type, issuer, jurisdiction
//   or year.
// @param q: str, main — the words to find, e.g. chuyển đổi số
// @param limit: int = 20 — at most this many hits
// @param loai: str = null — only documents of this type, e.g. KeHoach
// @param coQuan: str = null — only documents issued by a body of this name
// @param diaBan: str = null — only documents of this jurisdiction
// @param nam: str = null — only documents issued in this year, e.g. 2021
// Example: vbkg query search "kien toan he thong chinh tri" --param limit=5
CALL db.index.fulltext.queryNodes('vbkg_search', $q, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (giao:VanBan)-[:GIAO]->(node)
WITH node, score, coalesce(giao, node) AS d
WITH node, score, d,
     COLLECT { MATCH (o:ToChuc)-[:BAN_HANH]->(d) RETURN o.ten ORDER BY o.ten } AS coQuanBanHanh
WHERE ($loai IS NULL OR d.loai = $loai)
  AND ($diaBan IS NULL OR d.diaBan = $diaBan)
  AND ($nam IS NULL OR left(d.ngayBanHanh, 4) = $nam)
  AND ($coQuan IS NULL OR $coQuan IN coQuanBanHanh)
RETURN CASE WHEN node:NhiemVu THEN 'NhiemVu' ELSE 'VanBan' END AS kind,
       d.soHieu AS soHieu, d.so AS so, d.tenGoi AS tenGoi, d.loai AS loai,
       d.diaBan AS diaBan, d.ngayBanHanh AS ngayBanHanh, coalesce(d.stub, false) AS stub,
       coQuanBanHanh, d.key AS docKey, node.section AS section,
       coalesce(node.trichYeu, node.noiDung, node.tenGoi) AS text, score
ORDER BY score DESC, docKey, section
