// Purpose: the implementation tree downward: every document that implements the
//   root directly or through others, with the document it directly implements.
// @param soHieu: str = null, main — the số hiệu of the root document
// @param key: str = null — the identity key of the root document (wins over soHieu)
// Example: vbkg query implementation-tree 05-NQ/TU
CALL () {
  MATCH (root:VanBan {key: $key}) RETURN root
  UNION
  MATCH (root:VanBan {soHieu: $soHieu}) WHERE $key IS NULL RETURN root
}
MATCH path = (child:VanBan)-[:THUC_HIEN*1..12]->(root)
WITH root, child, path, nodes(path)[1] AS parent
RETURN root.key AS rootKey, length(path) AS depth, child.soHieu AS soHieu,
       child.loai AS loai, child.diaBan AS diaBan, child.ngayBanHanh AS ngayBanHanh,
       child.key AS key, parent.soHieu AS parentSoHieu, parent.key AS parentKey
ORDER BY rootKey, depth, parentKey, ngayBanHanh, key
