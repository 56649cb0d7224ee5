// Purpose: implementation gaps: bodies told (as chủ trì of a task) to issue a document
//   implementing X, where no loaded document of theirs implements X yet; with the
//   document that said so, its issuer, and the deadline or period. With keThua, a
//   task given to a body that was merged away is owed by its successors today (ten,
//   diaBan; giaoCho names who was told), and a document issued by any body of the
//   successor's lineage closes the gap.
// @param diaBan: str = null, main — only bodies of this jurisdiction
// @param keThua: bool = false — follow merged bodies to their successors
// @param limit: int = 100 — at most this many gaps
// Example: vbkg query implementation-gaps "Thành phố Hồ Chí Minh"
MATCH (b:ToChuc)-[:CHU_TRI]->(t:NhiemVu)-[:VE_VAN_BAN]->(x:VanBan)
WHERE t.vanBanPhaiBanHanh IS NOT NULL
CALL (b) {
  WITH b WHERE NOT $keThua
  RETURN b AS owner
  UNION
  WITH b WHERE $keThua
  MATCH (owner:ToChuc)-[:KE_THUA*0..12]->(b)
  WHERE NOT EXISTS { (:ToChuc)-[:KE_THUA]->(owner) }
  RETURN owner
}
WITH b, t, x, owner
WHERE ($diaBan IS NULL OR owner.diaBan = $diaBan)
  AND NOT EXISTS {
    MATCH (x)<-[:THUC_HIEN]-(impl:VanBan)<-[:BAN_HANH]-(issuer:ToChuc)
    WHERE impl.stub = false
      AND (issuer = b OR issuer = owner
           OR ($keThua AND EXISTS { (owner)-[:KE_THUA*1..12]->(issuer) }))
  }
MATCH (giao:VanBan)-[:GIAO]->(t)
RETURN owner.ten AS ten, owner.diaBan AS diaBan, owner.tapThe AS tapThe,
       t.vanBanPhaiBanHanh AS phaiBanHanh, x.soHieu AS thucHien, x.key AS thucHienKey,
       giao.soHieu AS giaoBoi, giao.key AS giaoBoiKey,
       giao {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu, .diaBan,
             stub: coalesce(giao.stub, false)} AS giaoBoiDocument,
       COLLECT { MATCH (o:ToChuc)-[:BAN_HANH]->(giao) RETURN o.ten ORDER BY o.ten }
         AS giaoBoiCoQuan,
       t.section AS section, t.han AS han, t.dinhKy AS dinhKy, t.key AS taskKey,
       b.ten AS giaoCho, b.diaBan AS giaoChoDiaBan
LIMIT $limit
