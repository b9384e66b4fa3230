"""The unit that flows from ingest into the NLP stage: one news article."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read, with the metadata ingest could find.

    `text` is kept exactly as read: every fact offset points into it.
    Spans (`headline_span`, `byline_spans`) are (start, end) character
    offsets into `text`, so extractors can treat those lines specially
    without re-parsing the header.
    """

    doc_id: str
    text: str
    source: str  # the file it came from
    line: int | None = None  # line number in a JSONL file, else None
    date: dt.date | None = None  # publication date, the anchor for relative dates
    date_source: str | None = None  # "metadata" | "html" | "header"
    headline: str | None = None
    headline_span: tuple[int, int] | None = None
    authors: list[str] = field(default_factory=list)
    byline_spans: list[tuple[int, int]] = field(default_factory=list)
    url: str | None = None


@dataclass
class Reject:
    """An input that could not become an article (or could not be processed)."""

    source: str
    line: int | None
    reason: str
    doc_id: str | None = None

    def as_record(self) -> dict:
        return {"source": self.source, "line": self.line, "doc_id": self.doc_id, "reason": self.reason}

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"
