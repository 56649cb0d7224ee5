// Purpose: the documents that cite one document, by its identity key, by any relation
//   (thực hiện, căn cứ, trích dẫn), with the sentence that cites it: what a page shows
//   under "cited by", a stub's included (a stub is known only from these).
// @param key: str, main — the identity key of the cited document
// Example: vbkg query cited-by "P|Thành phố Hồ Chí Minh|TU|NQ|5|2020-2025"
MATCH (x:VanBan {key: $key})<-[r:THUC_HIEN|CAN_CU|TRICH_DAN]-(d:VanBan)
RETURN type(r) AS relation, d.soHieu AS soHieu, d.so AS so, d.tenGoi AS tenGoi,
       d.loai AS loai, d.diaBan AS diaBan, d.ngayBanHanh AS ngayBanHanh,
       d.trichYeu AS trichYeu, coalesce(d.stub, false) AS stub, d.key AS key,
       r.evidenceQuote AS evidenceQuote
ORDER BY relation, ngayBanHanh, soHieu, key
