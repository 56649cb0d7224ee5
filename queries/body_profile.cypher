// Purpose: a body's profile: what it issued (count, the 50 latest), what it must do,
//   whom it reports to, what it belongs to (TRUC_THUOC) and what belongs to it, and whom
//   it succeeded and who succeeded it (KE_THUA, each with its date and basis). One row.
//   With keThua, what it issued and must do includes what its predecessors did.
// @param ten: str, main — the canonical body name
// @param diaBan: str — its jurisdiction
// @param keThua: bool = false — count the predecessors' documents and tasks too
// Example: vbkg query body-profile "Ban Tổ chức Thành ủy" --param diaBan="Thành phố Hồ Chí Minh"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})
WITH b, [b] + CASE WHEN $keThua
                THEN COLLECT { MATCH (b)-[:KE_THUA*1..12]->(p:ToChuc) RETURN DISTINCT p }
                ELSE [] END AS lineage
RETURN b.ten AS ten, b.diaBan AS diaBan, b.loai AS loai, b.tapThe AS tapThe, b.key AS key,
       COLLECT { MATCH (b)-[:TRUC_THUOC]->(p:ToChuc) RETURN p.ten ORDER BY p.ten } AS trucThuoc,
       COLLECT { MATCH (c:ToChuc)-[:TRUC_THUOC]->(b) RETURN c.ten ORDER BY c.ten } AS donViTrucThuoc,
       COLLECT { MATCH (b)-[k:KE_THUA]->(p:ToChuc)
                 RETURN {ten: p.ten, diaBan: p.diaBan, ngayHieuLuc: k.ngayHieuLuc,
                         canCuPhapLy: k.canCuPhapLy, loaiThayDoi: k.loaiThayDoi}
                 ORDER BY p.diaBan, p.ten } AS tienThan,
       COLLECT { MATCH (s:ToChuc)-[k:KE_THUA]->(b)
                 RETURN {ten: s.ten, diaBan: s.diaBan, ngayHieuLuc: k.ngayHieuLuc,
                         canCuPhapLy: k.canCuPhapLy, loaiThayDoi: k.loaiThayDoi}
                 ORDER BY s.diaBan, s.ten } AS keThuaBoi,
       COUNT { UNWIND lineage AS x MATCH (x)-[:BAN_HANH]->(d:VanBan) RETURN d } AS soVanBan,
       COLLECT { UNWIND lineage AS x MATCH (x)-[:BAN_HANH]->(d:VanBan)
                 RETURN coalesce(d.soHieu, d.tenGoi, d.key) AS vanBan
                 ORDER BY d.ngayBanHanh DESC LIMIT 50 } AS banHanh,
       COLLECT { UNWIND lineage AS x MATCH (x)-[:BAN_HANH]->(d:VanBan)
                 RETURN d {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu,
                           .diaBan, stub: coalesce(d.stub, false)}
                 ORDER BY d.ngayBanHanh DESC LIMIT 50 } AS vanBan,
       COUNT { UNWIND lineage AS x MATCH (x)-[:CHU_TRI]->(t:NhiemVu) RETURN t } AS chuTri,
       COUNT { UNWIND lineage AS x MATCH (x)-[:PHOI_HOP]->(t:NhiemVu) RETURN t } AS phoiHop,
       COLLECT { UNWIND lineage AS x MATCH (x)-[:CHU_TRI|PHOI_HOP]->(:NhiemVu)-[:BAO_CAO_CHO]->(r:ToChuc)
                 RETURN DISTINCT r.ten AS ten ORDER BY ten } AS baoCaoCho,
       COLLECT { UNWIND lineage AS x MATCH (x)-[:CHU_TRI|PHOI_HOP]->(:NhiemVu)-[:BAO_CAO_CHO]->(r:ToChuc)
                 WITH DISTINCT r ORDER BY r.ten, r.diaBan
                 RETURN r {.ten, .diaBan, .key} } AS baoCaoChoCoQuan,
       COUNT { (b)<-[:GUI_DEN]-(:VanBan) } AS nhan
