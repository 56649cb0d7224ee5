// Purpose: documents that cite a document by any relation (thực hiện, căn cứ,
//   trích dẫn), with the sentence that cites it.
// @param soHieu: str, main — the số hiệu of the cited document
// @param diaBan: str = null — only the cited document of this jurisdiction
// Example: vbkg query citing-documents 05-NQ/TU
MATCH (x:VanBan {soHieu: $soHieu})<-[r:THUC_HIEN|CAN_CU|TRICH_DAN]-(d:VanBan)
WHERE $diaBan IS NULL OR x.diaBan = $diaBan
RETURN type(r) AS relation, d.soHieu AS soHieu, d.loai AS loai, d.diaBan AS diaBan,
       d.ngayBanHanh AS ngayBanHanh, d.key AS key, x.key AS citedKey,
       r.evidenceQuote AS evidenceQuote
ORDER BY relation, ngayBanHanh, soHieu, key
