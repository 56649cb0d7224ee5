"""Stage 4, graph: record → identity keys, RDF in the ontology, SHACL validation, property-
graph rows.
"""
