// Purpose: node counts by label and relationship counts by type (from the count
//   store, so it stays instant on big graphs).
// Example: vbkg query counts
UNWIND [
  ['node', 'VanBan', COUNT { (:VanBan) }],
  ['node', 'VanBan (stub)', COUNT { (d:VanBan) WHERE d.stub = true }],
  ['node', 'ToChuc', COUNT { (:ToChuc) }],
  ['node', 'NhiemVu', COUNT { (:NhiemVu) }],
  ['node', 'Nguoi', COUNT { (:Nguoi) }],
  ['node', 'Nguon', COUNT { (:Nguon) }],
  ['relationship', 'THUC_HIEN', COUNT { ()-[:THUC_HIEN]->() }],
  ['relationship', 'CAN_CU', COUNT { ()-[:CAN_CU]->() }],
  ['relationship', 'TRICH_DAN', COUNT { ()-[:TRICH_DAN]->() }],
  ['relationship', 'BAN_HANH', COUNT { ()-[:BAN_HANH]->() }],
  ['relationship', 'KY', COUNT { ()-[:KY]->() }],
  ['relationship', 'GIAO', COUNT { ()-[:GIAO]->() }],
  ['relationship', 'CHU_TRI', COUNT { ()-[:CHU_TRI]->() }],
  ['relationship', 'PHOI_HOP', COUNT { ()-[:PHOI_HOP]->() }],
  ['relationship', 'BAO_CAO_CHO', COUNT { ()-[:BAO_CAO_CHO]->() }],
  ['relationship', 'VE_VAN_BAN', COUNT { ()-[:VE_VAN_BAN]->() }],
  ['relationship', 'TRUC_THUOC', COUNT { ()-[:TRUC_THUOC]->() }],
  ['relationship', 'GUI_DEN', COUNT { ()-[:GUI_DEN]->() }],
  ['relationship', 'CO_NGUON', COUNT { ()-[:CO_NGUON]->() }]
] AS row
RETURN row[0] AS kind, row[1] AS name, row[2] AS count
