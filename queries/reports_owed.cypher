// Purpose: periodic reports owed to a body: tasks that must report to it with a
//   period (định kỳ) or deadline, who owes them, and the document that asks.
// @param ten: str, main — the canonical name of the body reported to
// @param diaBan: str — its jurisdiction
// @param limit: int = 100 — at most this many rows
// Example: vbkg query reports-owed "Ban Thường vụ Thành ủy" --param diaBan="Thành phố Hà Nội"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})<-[:BAO_CAO_CHO]-(t:NhiemVu)
WHERE t.dinhKy IS NOT NULL OR t.han IS NOT NULL
MATCH (d:VanBan)-[:GIAO]->(t)
RETURN COLLECT { MATCH (o:ToChuc)-[:CHU_TRI]->(t) RETURN o.ten ORDER BY o.ten } AS tu,
       COLLECT { MATCH (o:ToChuc)-[:CHU_TRI]->(t)
                 RETURN o {.ten, .diaBan, .key} ORDER BY o.ten, o.diaBan } AS tuCoQuan,
       t.dinhKy AS dinhKy, t.han AS han, d.soHieu AS soHieu, d.so AS so, d.loai AS loai,
       d.ngayBanHanh AS ngayBanHanh, d.key AS docKey,
       t.section AS section, t.noiDung AS noiDung, t.key AS key
ORDER BY dinhKy, han, soHieu, section, key
LIMIT $limit
