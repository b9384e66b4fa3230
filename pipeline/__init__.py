"""News fact extraction: articles in, schema-validated JSONL fact records out."""

__version__ = "0.1.0"
