"""The Elasticsearch engine. Every import of elasticsearch / elasticsearch-dsl stays in
this package: mappings in documents.py, query building in queries.py, keeping the
index current in indexing.py, the engine interface in engine.py."""
