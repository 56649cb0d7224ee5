// Purpose: the documents that implement a document (THUC_HIEN), directly (depth 1)
//   and transitively (depth 2+), each at its shortest depth.
// @param soHieu: str, main — the số hiệu of the implemented document, e.g. 05-NQ/TU
// @param diaBan: str = null — only the implemented document of this jurisdiction
// Example: vbkg query who-implements 05-NQ/TU --param diaBan="Thành phố Hồ Chí Minh"
MATCH (target:VanBan {soHieu: $soHieu})
WHERE $diaBan IS NULL OR target.diaBan = $diaBan
MATCH path = (d:VanBan)-[:THUC_HIEN*1..12]->(target)
WITH d, min(length(path)) AS depth
RETURN d.soHieu AS soHieu, d.loai AS loai, depth, d.ngayBanHanh AS ngayBanHanh,
       d.diaBan AS diaBan, d.trichYeu AS trichYeu, d.key AS key
ORDER BY depth, ngayBanHanh, soHieu, key
