// Purpose: the obligations (NhiemVu) of a body as chủ trì or phối hợp, with the
//   document that assigns each, its section, deadline, period and whom to report to.
//   With keThua, also the tasks given to the bodies it succeeded (KE_THUA, transitively):
//   what Sở Nông nghiệp và Môi trường inherited from Sở Tài nguyên và Môi trường.
// @param ten: str, main — the canonical body name, e.g. Ban Tổ chức Thành ủy
// @param diaBan: str — the body's province-level jurisdiction, e.g. Thành phố Hà Nội
// @param keThua: bool = false — include the predecessors' tasks (giaoCho names who got each)
// @param limit: int = 100 — at most this many rows, the nearest deadlines first
// Example: vbkg query body-obligations "Ban Tổ chức Thành ủy" --param diaBan="Thành phố Hà Nội"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})
CALL (b) {
  RETURN b AS owner
  UNION
  MATCH (b)-[:KE_THUA*1..12]->(owner:ToChuc) WHERE $keThua
  RETURN owner
}
MATCH (owner)-[role:CHU_TRI|PHOI_HOP]->(t:NhiemVu)
WITH b, owner, role, t ORDER BY t.han, t.key LIMIT $limit
MATCH (d:VanBan)-[:GIAO]->(t)
RETURN type(role) AS role, d.soHieu AS soHieu, d.so AS so, d.loai AS loai,
       d.ngayBanHanh AS ngayBanHanh, d.key AS docKey,
       t.section AS section, t.han AS han, t.dinhKy AS dinhKy,
       COLLECT { MATCH (t)-[:BAO_CAO_CHO]->(r:ToChuc) RETURN r.ten ORDER BY r.ten } AS baoCaoCho,
       t.noiDung AS noiDung, t.source AS source, t.key AS key,
       owner.ten AS giaoCho, owner.diaBan AS giaoChoDiaBan, owner <> b AS keThua
ORDER BY han, soHieu, section, role, key
