// Purpose: the THUC_HIEN neighbourhood of one document (up to 6 hops up and down), one
//   row per document with the keys of the neighbourhood documents it implements
//   directly, for drawing the implementation chain and tree as one picture.
// @param key: str, main — the identity key of the document
// Example: vbkg query implementation-graph "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025"
MATCH (d:VanBan {key: $key})
OPTIONAL MATCH (d)-[:THUC_HIEN*0..6]->(up:VanBan)
OPTIONAL MATCH (d)<-[:THUC_HIEN*0..6]-(down:VanBan)
WITH collect(DISTINCT up) + collect(DISTINCT down) AS docs
UNWIND docs AS a
WITH DISTINCT a, docs
OPTIONAL MATCH (a)-[:THUC_HIEN]->(b:VanBan)
WHERE b IN docs
RETURN a.key AS key, a.soHieu AS soHieu, a.loai AS loai, a.tenGoi AS tenGoi,
       a.trichYeu AS trichYeu, a.ngayBanHanh AS ngayBanHanh,
       coalesce(a.stub, false) AS stub,
       [k IN collect(DISTINCT b.key) WHERE k IS NOT NULL] AS implements
ORDER BY ngayBanHanh, key
