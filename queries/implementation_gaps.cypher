// Purpose: implementation gaps: bodies told (as chủ trì of a task) to issue a document
//   implementing X, where no loaded document of theirs implements X yet.
// @param diaBan: str = null, main — only bodies of this jurisdiction
// @param limit: int = 100 — at most this many gaps
// Example: vbkg query implementation-gaps "Thành phố Hồ Chí Minh"
MATCH (b:ToChuc)-[:CHU_TRI]->(t:NhiemVu)-[:VE_VAN_BAN]->(x:VanBan)
WHERE t.vanBanPhaiBanHanh IS NOT NULL
  AND ($diaBan IS NULL OR b.diaBan = $diaBan)
  AND NOT EXISTS {
    MATCH (x)<-[:THUC_HIEN]-(impl:VanBan)
    WHERE impl.stub = false AND (b)-[:BAN_HANH]->(impl)
  }
MATCH (giao:VanBan)-[:GIAO]->(t)
RETURN b.ten AS ten, b.diaBan AS diaBan, b.tapThe AS tapThe,
       t.vanBanPhaiBanHanh AS phaiBanHanh, x.soHieu AS thucHien, x.key AS thucHienKey,
       giao.soHieu AS giaoBoi, t.section AS section, t.han AS han, t.key AS taskKey
LIMIT $limit
