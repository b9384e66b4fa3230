"""Where the articles that need the model are processed, and the one function that processes them.

`process_articles` is the whole per-article work of a run: parse (`nlp.pipe`), run the extractors,
build the records and validate them. Every executor calls it: `local_executor.py` in this process
(one process) or in worker processes over batches of articles (`process_batch`), `dask_executor.py`
on the workers of a Dask cluster over the same batches. An executor maps (article, context) pairs to
(article, result, context) in input order (`in_order`); the caller (`run.py`) writes the results, so
what is written does not depend on where it was made.
"""
from __future__ import annotations

import itertools
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .article import Article, Reject
from .components import build_components, doc_mentions, set_article
from .config import Settings, machine_n_process
from .extractors.base import components_read
from .facts import document_record, fact_records
from .mention import Mention
from .nlp import load_model
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
                     items: Iterable[tuple[Article, Any]], batch_size: int) -> Iterator[tuple[Article, ArticleResult, Any]]:
    """Parse, extract, build and validate: (article, context) pairs in, (article, result, context)
    out in the same order. The one function every executor runs."""
    pairs = ((article.text, (article, context)) for article, context in items)
    for doc, (article, context) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, article_result(doc, article, extraction, validator), context


def process_batch(nlp, extraction: Extraction, validator: RecordValidator | None, articles: list[Article],
                  batch_size: int) -> tuple[list[ArticleResult], dict[str, float]]:
    """One task of a worker (a local one or a Dask one): the results of `articles`, in order, and the
    seconds each extractor spent on them."""
    before = Counter(extraction.seconds)
    results = [result for _, result, _ in process_articles(nlp, extraction, validator,
                                                           ((article, None) for article in articles), batch_size)]
    return results, {name: extraction.seconds[name] - before[name] for name, _ in extraction.extractors}


def in_order(items: Iterable[tuple[Article, Any]], size: int, in_flight: int, submit: Callable[[list[Article]], Any],
             collect: Callable[[Any], list[ArticleResult]]) -> Iterator[tuple[Article, ArticleResult, Any]]:
    """(article, context) pairs through workers in batches of `size`: `submit` sends a batch's articles
    and returns a future, `collect` waits for its results. At most `in_flight` batches are out at once,
    so memory does not grow with the inputs, and results come back in input order."""
    items = iter(items)
    pending: deque = deque()

    def submit_next() -> None:
        batch = list(itertools.islice(items, size))
        if batch:
            pending.append((submit([article for article, _ in batch]), batch))

    for _ in range(in_flight):
        submit_next()
    while pending:
        future, batch = pending.popleft()
        submit_next()  # before waiting: the workers never run dry
        for (article, context), result in zip(batch, collect(future)):
            yield article, result, context


# A worker process is worth its model's loading (a few seconds) from about this many articles on.
ARTICLES_PER_WORKER = 64


def processes_for(n_process: int, articles: int | None) -> int:
    """The processes a local run uses: `model.n_process` when set; for 0, the machine's number
    (`machine_n_process`), but no more than the run has work for."""
    if n_process > 0:
        return n_process
    enough_work = max(1, articles // ARTICLES_PER_WORKER) if articles is not None else machine_n_process()
    return min(machine_n_process(), enough_work)
