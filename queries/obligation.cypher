// Purpose: one obligation (nhiệm vụ) with its document, assignees and report-to bodies
//   as maps, and the normalized source text its evidence offsets index into, so a
//   page can show the evidence sentence highlighted. No row for an unknown key.
// @param key: str, main — the identity key of the obligation
// Example: vbkg query obligation "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025/1"
MATCH (t:NhiemVu {key: $key})
OPTIONAL MATCH (d:VanBan)-[:GIAO]->(t)
OPTIONAL MATCH (d)-[:CO_NGUON]->(n:Nguon)
WITH t, d, collect(n) AS sources
WITH t, d, [s IN sources WHERE s.key = t.source OR s.file = t.source] + sources AS ranked
OPTIONAL MATCH (c:ToChuc)-[:CHU_TRI]->(t)
WITH t, d, ranked, collect(DISTINCT c {.*}) AS chuTri
OPTIONAL MATCH (p:ToChuc)-[:PHOI_HOP]->(t)
WITH t, d, ranked, chuTri, collect(DISTINCT p {.*}) AS phoiHop
OPTIONAL MATCH (t)-[:BAO_CAO_CHO]->(r:ToChuc)
RETURN t {.*} AS task, d {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu,
       .diaBan, .stub} AS document,
       chuTri, phoiHop, collect(DISTINCT r {.*}) AS baoCaoCho,
       ranked[0].key AS sourceKey, ranked[0].file AS sourceFile, ranked[0].text AS sourceText
