"""Where the articles that need the model are processed, and the one function that processes them.

`process_articles` is the whole per-article work of a run: parse (`nlp.pipe`), run the extractors,
build the records and validate them. Every executor calls it: `LocalExecutor` in this process
(with `model.n_process`), the Dask executor (`dask_executor.py`) on each worker over a partition.
An executor maps (article, context) pairs to (article, result, context) in input order; the
caller (`run.py`) writes the results, so what is written does not depend on where it was made.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .article import Article, Reject
from .components import build_components, doc_mentions, set_article
from .config import Settings
from .extractors.base import components_read
from .facts import document_record, fact_records
from .mention import Mention
from .nlp import load_model, model_description
from .validate import RecordValidator


class Extraction:
    """The configured extractors as the spaCy components of `components.py` (the ones `nlp.add_pipe` builds),
    built once and run on each parsed document: a run and a user's own spaCy pipeline share one code path."""

    def __init__(self, settings: Settings, nlp):
        self.extractors = build_components(nlp, settings)  # (extractor name, component), in the configured order
        self.seconds = Counter()  # time spent in each extractor, for run.json

    def __call__(self, doc, article: Article) -> list[Mention]:
        set_article(doc, article)  # ingest's Article, its metadata included
        for name, component in self.extractors:
            started = time.perf_counter()
            component(doc)
            self.seconds[name] += time.perf_counter() - started
        return doc_mentions(doc)

    def seconds_per_extractor(self) -> dict[str, float]:
        return {name: self.seconds[name] for name, _ in self.extractors}


def requested_components(settings: Settings) -> set[str]:
    """The spaCy components the enabled extractors read, with their options."""
    return set().union(*(components_read(spec.cls, spec.options) for spec in settings.extractors))


def load_run_model(settings: Settings):
    """The model a run of `settings` parses with (loaded once per process)."""
    return load_model(settings.model.name, requested_components(settings), settings.trained_ner_path)


@dataclass
class ArticleResult:
    """What one article gave: its records (None when the article itself was rejected) and the
    rejects it made (the article, or records the schemas refused), in the order they were made."""

    records: list[dict] | None
    rejects: list[Reject] = field(default_factory=list)


def article_result(doc, article: Article, extraction: Extraction, validator: RecordValidator | None) -> ArticleResult:
    """All records of one parsed article (only the valid ones with a validator)."""
    try:  # the records are built inside too: a record no rule foresaw is that article's failure alone
        mentions = extraction(doc, article)
        records = [document_record(article), *fact_records(article, doc, mentions)]
    except Exception as error:  # one broken article must not stop the run
        return ArticleResult(None, [Reject(article.source, article.line,
                                           f"extraction failed: {type(error).__name__}: {error}", article.doc_id)])
    if validator is None:
        return ArticleResult(records)
    result = ArticleResult([])
    for record in records:
        error = validator.error(record)
        if error is None:
            result.records.append(record)
        else:
            result.rejects.append(Reject(article.source, article.line,
                                         f"{record['kind']} record at {record.get('start')}-{record.get('end')} "
                                         f"refused: {error}", article.doc_id))
    return result


def process_articles(nlp, extraction: Extraction, validator: RecordValidator | None,
                     items: Iterable[tuple[Article, Any]], batch_size: int,
                     n_process: int = 1) -> Iterator[tuple[Article, ArticleResult, Any]]:
    """Parse, extract, build and validate: (article, context) pairs in, (article, result, context)
    out in the same order. The one function every executor runs."""
    pairs = ((article.text, (article, context)) for article, context in items)
    for doc, (article, context) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, article_result(doc, article, extraction, validator), context


class LocalExecutor:
    """Runs `process_articles` in this process (`model.n_process` processes for the parse); the
    model loads on first use, so a run that needs no article parsed never loads it."""

    def __init__(self, settings: Settings, validator: RecordValidator | None):
        self.settings, self.validator = settings, validator
        self.nlp, self.extraction, self.load_seconds = None, None, 0.0

    def start(self) -> None:
        if self.nlp is None:
            started = time.perf_counter()
            self.nlp = load_run_model(self.settings)
            self.extraction = Extraction(self.settings, self.nlp)
            self.load_seconds += time.perf_counter() - started

    def map(self, items: Iterable[tuple[Article, Any]]) -> Iterator[tuple[Article, ArticleResult, Any]]:
        self.start()
        return process_articles(self.nlp, self.extraction, self.validator, items,
                                self.settings.model.batch_size, self.settings.model.n_process)

    @property
    def started(self) -> bool:
        return self.nlp is not None

    def model_description(self) -> dict:
        self.start()
        return model_description(self.nlp)

    def extractor_seconds(self) -> dict[str, float]:
        return self.extraction.seconds_per_extractor() if self.extraction else {}

    def description(self) -> dict:
        return {"kind": "local", "n_process": self.settings.model.n_process}

    def close(self) -> None:
        pass
