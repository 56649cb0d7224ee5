// Purpose: a body's profile: what it issued (count, the 50 latest), what it must do,
//   whom it reports to, what it belongs to (TRUC_THUOC) and what belongs to it. One row.
// @param ten: str, main — the canonical body name
// @param diaBan: str — its jurisdiction
// Example: vbkg query body-profile "Ban Tổ chức Thành ủy" --param diaBan="Thành phố Hồ Chí Minh"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})
RETURN b.ten AS ten, b.diaBan AS diaBan, b.loai AS loai, b.tapThe AS tapThe, b.key AS key,
       COLLECT { MATCH (b)-[:TRUC_THUOC]->(p:ToChuc) RETURN p.ten ORDER BY p.ten } AS trucThuoc,
       COLLECT { MATCH (c:ToChuc)-[:TRUC_THUOC]->(b) RETURN c.ten ORDER BY c.ten } AS donViTrucThuoc,
       COUNT { (b)-[:BAN_HANH]->(:VanBan) } AS soVanBan,
       COLLECT { MATCH (b)-[:BAN_HANH]->(d:VanBan)
                 RETURN coalesce(d.soHieu, d.tenGoi, d.key)
                 ORDER BY d.ngayBanHanh DESC LIMIT 50 } AS banHanh,
       COLLECT { MATCH (b)-[:BAN_HANH]->(d:VanBan)
                 RETURN d {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu,
                           .diaBan, stub: coalesce(d.stub, false)}
                 ORDER BY d.ngayBanHanh DESC LIMIT 50 } AS vanBan,
       COUNT { (b)-[:CHU_TRI]->(:NhiemVu) } AS chuTri,
       COUNT { (b)-[:PHOI_HOP]->(:NhiemVu) } AS phoiHop,
       COLLECT { MATCH (b)-[:CHU_TRI|PHOI_HOP]->(:NhiemVu)-[:BAO_CAO_CHO]->(r:ToChuc)
                 RETURN DISTINCT r.ten ORDER BY r.ten } AS baoCaoCho,
       COLLECT { MATCH (b)-[:CHU_TRI|PHOI_HOP]->(:NhiemVu)-[:BAO_CAO_CHO]->(r:ToChuc)
                 WITH DISTINCT r ORDER BY r.ten, r.diaBan
                 RETURN r {.ten, .diaBan, .key} } AS baoCaoChoCoQuan,
       COUNT { (b)<-[:GUI_DEN]-(:VanBan) } AS nhan
