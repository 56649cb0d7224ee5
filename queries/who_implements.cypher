// Purpose: the documents that implement a document (THUC_HIEN), directly (depth 1)
//   and transitively (depth 2+), each at its shortest depth. With keThua and diaBan,
//   the document of a jurisdiction's predecessors counts too (its issuer was succeeded,
//   KE_THUA, by a body of diaBan): a resolution of Tỉnh ủy Yên Bái for Tỉnh Lào Cai.
// @param soHieu: str, main — the số hiệu of the implemented document, e.g. 05-NQ/TU
// @param diaBan: str = null — only the implemented document of this jurisdiction
// @param keThua: bool = false — with diaBan, also the document of its predecessors
// Example: vbkg query who-implements 05-NQ/TU --param diaBan="Thành phố Hồ Chí Minh"
MATCH (target:VanBan {soHieu: $soHieu})
WHERE $diaBan IS NULL OR target.diaBan = $diaBan
   OR ($keThua AND EXISTS {
         MATCH (target)<-[:BAN_HANH]-(:ToChuc)<-[:KE_THUA*1..12]-(:ToChuc {diaBan: $diaBan}) })
MATCH path = (d:VanBan)-[:THUC_HIEN*1..12]->(target)
WITH d, min(length(path)) AS depth, collect(DISTINCT target.key) AS thucHienKeys
RETURN d.soHieu AS soHieu, d.loai AS loai, depth, d.ngayBanHanh AS ngayBanHanh,
       d.diaBan AS diaBan, d.trichYeu AS trichYeu, d.key AS key, thucHienKeys
ORDER BY depth, ngayBanHanh, soHieu, key
