"""Layout -> record: the extractor's pipeline for one source (eyecite-style stages).

parse (layout) -> context (jurisdiction, year) -> document fields -> references
-> tasks (bodies, obligations) -> record. `same_as` links records across a
batch afterwards (`same_as.link_same_as`).
"""

from __future__ import annotations

from vbkg.loaders import record
from vbkg.loaders.extract.context import build_context
from vbkg.loaders.extract.document import extract_document
from vbkg.loaders.extract.references import extract_references
from vbkg.loaders.extract.tasks import extract_tasks
from vbkg.loaders.parse.layout import parse
from vbkg.loaders.read.source import SourceText


def extract(source: SourceText) -> dict:
    """The record of one source text (same_as left empty: it needs the batch)."""
    layout = parse(source)
    ctx = build_context(layout)
    document = extract_document(layout, ctx)
    ctx.issuer = document.get("co_quan_ban_hanh")
    references = extract_references(layout, ctx)
    tasks = extract_tasks(layout, ctx, references, document)
    return record.build(source, document, references, tasks, publisher=layout.publisher)
