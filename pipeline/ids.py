"""Stable identifiers shared by every stage: the same input always gives the same id."""
from __future__ import annotations

import hashlib
import json


def stable_id(*parts) -> str:
    """16 hex digits of a SHA-256 over the canonical JSON of `parts`."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def fact_id(doc_id: str, kind: str, start: int, end: int, value) -> str:
    """The id of a fact record: its document, kind, span and value."""
    return stable_id(doc_id, kind, start, end, value)


def article_entity(doc_id: str) -> str:
    """The entity id of an article itself (the object of `author_of`)."""
    return f"article/{doc_id}"


def quantity_entity(claim_fact_id: str) -> str:
    """The entity id of a numeric claim's quantity: one node per claim."""
    return f"quantity/{claim_fact_id}"
