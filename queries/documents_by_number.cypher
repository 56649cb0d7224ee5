// Purpose: the documents a số hiệu names however it was typed: the app reads
//   "kh 88", "Số 05 – NQ/TU" into the fragment every identity key of such a document
//   holds (`|TU|NQ|5|`: issuer symbol, type, number without leading zeros) and finds
//   it with the TEXT index on the key; each with what it implements and what
//   implements it. Loaded documents first, then newest first.
// @param fragment: str, main — the key fragment, e.g. |KH|88|
// @param limit: int = 20 — at most this many documents
// Example: vbkg query documents-by-number "|TU|NQ|5|"
MATCH (d:VanBan) WHERE d.key CONTAINS $fragment
WITH d ORDER BY coalesce(d.stub, false), d.ngayBanHanh IS NULL, d.ngayBanHanh DESC, d.key
LIMIT $limit
RETURN d {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .trichYeu, .diaBan,
          stub: coalesce(d.stub, false)} AS document,
       COLLECT { MATCH (d)-[:THUC_HIEN]->(x:VanBan)
                 RETURN x {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .diaBan,
                           stub: coalesce(x.stub, false)} ORDER BY x.key } AS implements,
       COLLECT { MATCH (x:VanBan)-[:THUC_HIEN]->(d)
                 RETURN x {.key, .loai, .soHieu, .so, .tenGoi, .ngayBanHanh, .diaBan,
                           stub: coalesce(x.stub, false)}
                 ORDER BY x.ngayBanHanh, x.key } AS implementedBy
