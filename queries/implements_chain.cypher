// Purpose: the chain upward: what a document implements (THUC_HIEN), and what that
//   implements, up to what it ultimately implements. One row per document reached.
// @param soHieu: str = null, main — the số hiệu of the starting document
// @param key: str = null — the identity key of the starting document (wins over soHieu)
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
       NOT EXISTS { (up)-[:THUC_HIEN]->(:VanBan) } AS ultimate
ORDER BY fromKey, depth, soHieu, key
