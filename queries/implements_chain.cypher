// Purpose: the chain upward: what a document implements (THUC_HIEN), and what that
//   implements, up to what it ultimately implements. One row per document reached.
//   With keThua, each row names who carries the document today (nayThuoc): the latest
//   successors (KE_THUA) of its issuer, when the issuer was merged away.
// @param soHieu: str = null, main — the số hiệu of the starting document
// @param key: str = null — the identity key of the starting document (wins over soHieu)
// @param keThua: bool = false — name the issuers' successors today
// Example: vbkg query implements-chain 88-KH/TU
CALL () {
  MATCH (d:VanBan {key: $key}) RETURN d
  UNION
  MATCH (d:VanBan {soHieu: $soHieu}) WHERE $key IS NULL RETURN d
}
MATCH path = (d)-[:THUC_HIEN*1..12]->(up:VanBan)
WITH d, up, min(length(path)) AS depth
RETURN d.key AS fromKey, depth, up.soHieu AS soHieu, up.loai AS loai,
       up.tenGoi AS tenGoi, up.ngayBanHanh AS ngayBanHanh, up.diaBan AS diaBan,
       up.stub AS stub, up.key AS key,
       NOT EXISTS { (up)-[:THUC_HIEN]->(:VanBan) } AS ultimate,
       CASE WHEN $keThua THEN COLLECT {
         MATCH (up)<-[:BAN_HANH]-(:ToChuc)<-[:KE_THUA*1..12]-(s:ToChuc)
         WHERE NOT EXISTS { (:ToChuc)-[:KE_THUA]->(s) }
         RETURN DISTINCT s.ten + ' · ' + s.diaBan AS body ORDER BY body } END AS nayThuoc
ORDER BY fromKey, depth, soHieu, key
