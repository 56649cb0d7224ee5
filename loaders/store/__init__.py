"""Stage 5, store: the Neo4j server, the writer and bulk import, settling rules, the query
library.
"""
