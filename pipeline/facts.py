"""Mentions -> fact records: stable ids, sentence bounds, one order."""
from __future__ import annotations

import bisect
from typing import Iterable

from spacy.tokens import Doc

from .article import Article
from .mention import RELATION, Mention
from .ids import fact_id, stable_id


class SentenceIndex:
    """Character bounds of a Doc's sentences, for looking up the one holding an offset."""

    def __init__(self, doc: Doc):
        self.bounds = [(sent.start_char, sent.end_char) for sent in doc.sents] or [(0, len(doc.text))]
        self.starts = [start for start, _ in self.bounds]

    def containing(self, start: int, end: int) -> tuple[int, int]:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.bounds[first][0], self.bounds[last][1]


def fact_records(article: Article, doc: Doc, mentions: Iterable[Mention]) -> list[dict]:
    """One record per distinct (kind, span), in text order; the most confident mention wins a tie.
    Relations are distinct per (subject, predicate, object) and evidence span."""
    best: dict[tuple, Mention] = {}
    for mention in mentions:
        key = (mention.kind, mention.start, mention.end)
        if mention.kind == RELATION:
            key += (mention.value["subject"], mention.value["predicate"], mention.value["object"])
        if key not in best or mention.confidence > best[key].confidence:
            best[key] = mention
    sentences = SentenceIndex(doc)
    records = []
    for (kind, start, end, *_), mention in sorted(best.items(), key=lambda item: (item[0][1], item[0][2], item[0][0], item[0][3:])):
        sentence_start, sentence_end = sentences.containing(start, end)
        record = {
            "fact_id": fact_id(article.doc_id, kind, start, end, mention.value),
            "doc_id": article.doc_id,
            "kind": kind,
            "text": article.text[start:end],
            "start": start,
            "end": end,
            # The sentence's text travels with the fact so a graph can show the
            # evidence of an edge without the article at hand.
            "sentence": {"start": sentence_start, "end": sentence_end,
                         "text": article.text[sentence_start:sentence_end]},
            "value": mention.value,
            "confidence": round(float(mention.confidence), 4),
            "extractor": mention.extractor,
        }
        if kind == RELATION:  # a relation's parts are top-level fields of its record
            record.update(record.pop("value"))
        records.append(record)
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
