// Purpose: implementation gaps: bodies told (as chủ trì of a task) to issue a document
//   implementing X, where no loaded document of theirs implements X yet; with the
//   document that said so, its issuer, and the deadline or period.
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
       giao.soHieu AS giaoBoi, giao.key AS giaoBoiKey,
       giao {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu, .diaBan,
             stub: coalesce(giao.stub, false)} AS giaoBoiDocument,
       COLLECT { MATCH (o:ToChuc)-[:BAN_HANH]->(giao) RETURN o.ten ORDER BY o.ten }
         AS giaoBoiCoQuan,
       t.section AS section, t.han AS han, t.dinhKy AS dinhKy, t.key AS taskKey
LIMIT $limit
