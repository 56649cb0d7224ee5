// Purpose: the THUC_HIEN neighbourhood of one document, for drawing its chain (up to 6
//   hops upward) and tree (2 hops downward, at most 60 documents, so a central
//   resolution with thousands of implementers still draws) as one picture; one row per
//   document with the keys of the neighbourhood documents it implements directly.
// @param key: str, main — the identity key of the document
// Example: vbkg query implementation-graph "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025"
MATCH (d:VanBan {key: $key})
CALL (d) {
  OPTIONAL MATCH (d)-[:THUC_HIEN*1..6]->(up:VanBan)
  RETURN collect(DISTINCT up) AS ups
}
CALL (d) {
  OPTIONAL MATCH (d)<-[:THUC_HIEN*1..2]-(down:VanBan)
  WITH DISTINCT down LIMIT 60
  RETURN collect(down) AS downs
}
WITH [d] + ups + downs AS docs
UNWIND docs AS a
WITH DISTINCT a, docs
OPTIONAL MATCH (a)-[:THUC_HIEN]->(b:VanBan)
WHERE b IN docs
RETURN a.key AS key, a.soHieu AS soHieu, a.loai AS loai, a.tenGoi AS tenGoi,
       a.trichYeu AS trichYeu, a.ngayBanHanh AS ngayBanHanh,
       coalesce(a.stub, false) AS stub,
       [k IN collect(DISTINCT b.key) WHERE k IS NOT NULL] AS implements
ORDER BY ngayBanHanh, key
