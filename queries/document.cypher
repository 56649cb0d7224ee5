// Purpose: one document with its sources, issuer, signer, recipients and the
//   documents it refers to; one row per matching document.
// @param soHieu: str = null, main — the số hiệu (several documents may share one)
// @param key: str = null — the identity key (wins over soHieu)
// Example: vbkg query document 88-KH/TU
CALL () {
  MATCH (d:VanBan {key: $key}) RETURN d
  UNION
  MATCH (d:VanBan {soHieu: $soHieu}) WHERE $key IS NULL RETURN d
}
RETURN d.key AS key, d.loai AS loai, d.soHieu AS soHieu, d.so AS so, d.tenGoi AS tenGoi,
       d.ngayBanHanh AS ngayBanHanh, d.trichYeu AS trichYeu, d.diaBan AS diaBan,
       d.stub AS stub, d.sources AS sources,
       COLLECT { MATCH (o:ToChuc)-[:BAN_HANH]->(d) RETURN o {.ten, .diaBan, .key} } AS coQuanBanHanh,
       COLLECT { MATCH (p:Nguoi)-[k:KY]->(d)
                 RETURN p {.hoTen, .key, chucVu: k.chucVu, thamQuyen: k.thamQuyen} } AS nguoiKy,
       COLLECT { MATCH (d)-[:GUI_DEN]->(r:ToChuc) RETURN r.ten ORDER BY r.ten } AS noiNhan,
       COLLECT { MATCH (d)-[r:THUC_HIEN|CAN_CU|TRICH_DAN]->(x:VanBan)
                 RETURN {relation: type(r), key: x.key, soHieu: x.soHieu, tenGoi: x.tenGoi,
                         so: x.so, loai: x.loai, ngayBanHanh: x.ngayBanHanh,
                         stub: x.stub, evidenceQuote: r.evidenceQuote}
                 ORDER BY type(r), x.soHieu } AS references,
       COUNT { (d)<-[:THUC_HIEN]-(:VanBan) } AS implementedBy,
       COUNT { (d)-[:GIAO]->(:NhiemVu) } AS tasks
ORDER BY ngayBanHanh, key
