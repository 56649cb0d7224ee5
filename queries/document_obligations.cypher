// Purpose: a document's tasks with their assignees (chủ trì, phối hợp, báo cáo cho),
//   period, deadline and the evidence sentence.
// @param key: str, main — the identity key of the document
// Example: vbkg query document-obligations "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025"
MATCH (d:VanBan {key: $key})-[:GIAO]->(t:NhiemVu)
RETURN t.section AS section, t.noiDung AS noiDung,
       COLLECT { MATCH (b:ToChuc)-[:CHU_TRI]->(t) RETURN b.ten ORDER BY b.ten } AS chuTri,
       COLLECT { MATCH (b:ToChuc)-[:PHOI_HOP]->(t) RETURN b.ten ORDER BY b.ten } AS phoiHop,
       COLLECT { MATCH (t)-[:BAO_CAO_CHO]->(b:ToChuc) RETURN b.ten ORDER BY b.ten } AS baoCaoCho,
       t.dinhKy AS dinhKy, t.han AS han, t.vanBanPhaiBanHanh AS vanBanPhaiBanHanh,
       t.source AS source, t.evidenceStart AS evidenceStart, t.evidenceEnd AS evidenceEnd,
       t.evidenceQuote AS evidenceQuote, t.key AS key
ORDER BY key
