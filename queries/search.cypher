// Purpose: full-text search over documents' trích yếu and name and tasks' text
//   (index vbkg_text, Lucene syntax); each hit with its document.
// @param q: str, main — the words to find, e.g. chuyển đổi số
// @param limit: int = 20 — at most this many hits
// Example: vbkg query search "kiện toàn hệ thống chính trị" --param limit=5
CALL db.index.fulltext.queryNodes('vbkg_text', $q, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (giao:VanBan)-[:GIAO]->(node)
WITH node, score, coalesce(giao, node) AS d
RETURN CASE WHEN node:NhiemVu THEN 'NhiemVu' ELSE 'VanBan' END AS kind,
       d.soHieu AS soHieu, d.key AS docKey, node.section AS section,
       coalesce(node.trichYeu, node.noiDung, node.tenGoi) AS text, score
ORDER BY score DESC, docKey, section
