// Purpose: the obligations (NhiemVu) of a body as chủ trì or phối hợp, with the
//   document that assigns each, its section, deadline, period and whom to report to.
// @param ten: str, main — the canonical body name, e.g. Ban Tổ chức Thành ủy
// @param diaBan: str — the body's province-level jurisdiction, e.g. Thành phố Hà Nội
// @param limit: int = 100 — at most this many rows, the nearest deadlines first
// Example: vbkg query body-obligations "Ban Tổ chức Thành ủy" --param diaBan="Thành phố Hà Nội"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})-[role:CHU_TRI|PHOI_HOP]->(t:NhiemVu)
WITH role, t ORDER BY t.han, t.key LIMIT $limit
MATCH (d:VanBan)-[:GIAO]->(t)
RETURN type(role) AS role, d.soHieu AS soHieu, d.so AS so, d.loai AS loai,
       d.ngayBanHanh AS ngayBanHanh, d.key AS docKey,
       t.section AS section, t.han AS han, t.dinhKy AS dinhKy,
       COLLECT { MATCH (t)-[:BAO_CAO_CHO]->(r:ToChuc) RETURN r.ten ORDER BY r.ten } AS baoCaoCho,
       t.noiDung AS noiDung, t.source AS source, t.key AS key
ORDER BY han, soHieu, section, role, key
