// Purpose: the successors of a body through the 2025 reorganisation (KE_THUA, from the
//   data of loaders/data/succession.toml): every body that took it over, directly or
//   in later steps, with the chain that leads there, each step's date and legal basis.
// @param ten: str, main — the canonical body name, e.g. Tỉnh ủy
// @param diaBan: str — its jurisdiction, e.g. Tỉnh Yên Bái
// Example: vbkg query successors "Tỉnh ủy" --param diaBan="Tỉnh Yên Bái"
MATCH (b:ToChuc {ten: $ten, diaBan: $diaBan})
MATCH path = (s:ToChuc)-[:KE_THUA*1..12]->(b)
WITH s, path ORDER BY length(path)
WITH s, head(collect(path)) AS path
WITH s, path, relationships(path)[0] AS last
RETURN s.ten AS ten, s.diaBan AS diaBan, length(path) AS buoc,
       last.ngayHieuLuc AS ngayHieuLuc, last.canCuPhapLy AS canCuPhapLy,
       last.loaiThayDoi AS loaiThayDoi,
       [i IN range(length(path) - 1, 0, -1) |
         {ten: nodes(path)[i].ten, diaBan: nodes(path)[i].diaBan,
          ngayHieuLuc: relationships(path)[i].ngayHieuLuc,
          canCuPhapLy: relationships(path)[i].canCuPhapLy}] AS chuoi,
       NOT EXISTS { (:ToChuc)-[:KE_THUA]->(s) } AS hienNay, s.key AS key
ORDER BY buoc, ngayHieuLuc, ten, diaBan
