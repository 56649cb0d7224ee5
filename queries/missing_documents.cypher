// Purpose: documents that are referenced but not loaded (stubs), most referenced first.
// @param diaBan: str = null, main — only stubs of this jurisdiction
// @param limit: int = 50 — at most this many
// Example: vbkg query missing-documents --param limit=10
MATCH (s:VanBan)
WHERE s.stub = true AND ($diaBan IS NULL OR s.diaBan = $diaBan)
WITH s, COUNT { (s)<-[:THUC_HIEN|CAN_CU|TRICH_DAN]-() } AS references
ORDER BY references DESC, s.key
LIMIT $limit
RETURN s.soHieu AS soHieu, s.so AS so, s.tenGoi AS tenGoi, s.loai AS loai,
       s.diaBan AS diaBan, s.ngayBanHanh AS ngayBanHanh, references, s.key AS key
