"""Mentions -> fact records: stable ids, sentence bounds, one order."""
from __future__ import annotations

import bisect
import hashlib
import json
from typing import Iterable

from spacy.tokens import Doc

from .article import Article
from .extractors.base import Mention


def stable_id(*parts) -> str:
    """16 hex digits of a SHA-256 over the canonical JSON of `parts`."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


class SentenceIndex:
    """Character bounds of a Doc's sentences, for looking up the one holding an offset."""

    def __init__(self, doc: Doc):
        self.bounds = [(sent.start_char, sent.end_char) for sent in doc.sents] or [(0, len(doc.text))]
        self.starts = [start for start, _ in self.bounds]

    def containing(self, start: int, end: int) -> dict:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return {"start": self.bounds[first][0], "end": self.bounds[last][1]}


def fact_records(article: Article, doc: Doc, mentions: Iterable[Mention]) -> list[dict]:
    """One record per distinct (kind, span), in text order; the most confident mention wins a tie."""
    best: dict[tuple, Mention] = {}
    for mention in mentions:
        key = (mention.kind, mention.start, mention.end)
        if key not in best or mention.confidence > best[key].confidence:
            best[key] = mention
    sentences = SentenceIndex(doc)
    records = []
    for (kind, start, end), mention in sorted(best.items(), key=lambda item: (item[0][1], item[0][2], item[0][0])):
        records.append({
            "fact_id": stable_id(article.doc_id, kind, start, end, mention.value),
            "doc_id": article.doc_id,
            "kind": kind,
            "text": article.text[start:end],
            "start": start,
            "end": end,
            "sentence": sentences.containing(start, end),
            "value": mention.value,
            "confidence": round(float(mention.confidence), 4),
            "extractor": mention.extractor,
        })
    return records


def document_record(article: Article) -> dict:
    return {
        "fact_id": stable_id(article.doc_id, "document"),
        "doc_id": article.doc_id,
        "kind": "document",
        "source": article.source,
        "line": article.line,
        "headline": article.headline,
        "authors": list(article.authors),
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "url": article.url,
        "chars": len(article.text),
    }
