"""News fact extraction: articles in, schema-validated JSONL fact records out.

From Python: `pipeline.load()` (the configured spaCy pipeline), `pipeline.extract(text)` (the
records of one text), `pipeline.extract_many(texts)` (a stream). They are imported on first use,
so `import pipeline` stays as light as the command line needs.
"""

__version__ = "0.1.0"
__all__ = ["load", "extract", "extract_many"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
