// Purpose: one page of documents, loaded ones first, then dated ones newest first, optionally only
//   those with one số hiệu (several documents may share it); one row holding the
//   total number of matches and the page of documents as maps.
// @param soHieu: str = null, main — only documents with this số hiệu, e.g. 05-NQ/TU
// @param skip: int = 0 — documents to skip
// @param limit: int = 50 — at most this many documents
// Example: vbkg query document-list 05-NQ/TU
OPTIONAL MATCH (d:VanBan)
WHERE $soHieu IS NULL OR d.soHieu = $soHieu
WITH d ORDER BY coalesce(d.stub, false), d.ngayBanHanh IS NULL, d.ngayBanHanh DESC, d.key
WITH collect(d) AS docs
RETURN size(docs) AS total,
       [d IN docs[$skip..$skip + $limit] | d {.key, .loai, .soHieu, .so, .tenGoi,
        .ngayBanHanh, .trichYeu, .diaBan, stub: coalesce(d.stub, false)}] AS items
