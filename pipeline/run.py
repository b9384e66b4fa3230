"""Wires the stages as one stream: ingest -> nlp -> extractors -> facts -> validate -> write.

Everything is a generator: articles are read lazily, parsed in batches by
`nlp.pipe`, and their records are written as soon as they exist, so memory
does not grow with the number of articles. What happens around the stream
lives with its stage: the graph in store.py, the summary and run.json in output.py.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import Article, Reject
from .config import Settings
from .errors import InputNotFoundError
from .extractors import ExtractorContext
from .extractors.base import components_read
from .facts import document_record, fact_records
from .ingest import InputFile, count_articles, expand_inputs, read_articles
from .mention import MENTION_KINDS, Mention
from .nlp import load_model, model_description
from .output import AtomicJsonlWriter, RunSummary, run_manifest, write_json_atomic
from .store import build_run_graph
from .validate import RecordValidator


class Extraction:
    """The extractors of a run, built once, applied to each parsed document."""

    def __init__(self, settings: Settings, nlp):
        context = ExtractorContext(nlp=nlp, config_dir=settings.config_dir)
        self.extractors = [(spec.name, spec.cls(context, spec.options)) for spec in settings.extractors]
        self.seconds = Counter()  # time spent in each extractor, for run.json

    def __call__(self, doc, article: Article) -> list[Mention]:
        found: dict[str, list[Mention]] = {kind: [] for kind in MENTION_KINDS}
        for name, extractor in self.extractors:
            started = time.perf_counter()
            for mention in extractor(doc, article, found):
                found[mention.kind].append(mention)
            self.seconds[name] += time.perf_counter() - started
        return [mention for kind in MENTION_KINDS for mention in found[kind]]

    def seconds_per_extractor(self) -> dict[str, float]:
        return {name: self.seconds[name] for name, _ in self.extractors}


def requested_components(settings: Settings) -> set[str]:
    """The spaCy components the enabled extractors read, with their options."""
    return set().union(*(components_read(spec.cls, spec.options) for spec in settings.extractors))


def run_pipeline(
    settings: Settings,
    inputs: list[str] | None = None,
    output_dir: str | Path | None = None,
    progress: bool = False,
    validate: bool = True,
    on_reject: Callable[[Reject], None] | None = None,
) -> RunSummary:
    """Run every stage over `inputs` (default: the config's) into `output_dir`.

    Raises PipelineError (config, model, missing input) before anything is
    written; bad articles become rejects and the run goes on.
    """
    started = time.perf_counter()
    files = expand_inputs(inputs if inputs else settings.input.paths)
    if not files:
        raise InputNotFoundError(f"{settings.path}: input.paths is empty and no --input was given")
    output = Path(output_dir or settings.output.dir)
    validator = RecordValidator(settings.schema_dir)  # also for `extract`: a bad schemas.dir stops it early
    nlp = load_model(settings.model.name, requested_components(settings), settings.trained_ner_path)
    extraction = Extraction(settings, nlp)
    summary = RunSummary(output_dir=output, load_seconds=time.perf_counter() - started)

    _stream(settings, nlp, files, extraction, validator if validate else None, summary, on_reject, progress)
    graph_figures = build_run_graph(settings.graph, output) if settings.graph.enabled else None
    write_json_atomic(output / "run.json", run_manifest(
        settings, summary, model_description(nlp), [item.path for item in files],
        extraction.seconds_per_extractor(), graph_figures))
    return summary


def _stream(settings: Settings, nlp, files: list[InputFile], extraction: Extraction,
            validator: RecordValidator | None, summary: RunSummary,
            on_reject: Callable[[Reject], None] | None, progress: bool) -> None:
    """Articles through nlp.pipe and the extractors into facts.jsonl and rejects.jsonl."""
    started = time.perf_counter()
    output = summary.output_dir
    bar = _ProgressBar(count_articles(files)) if progress else None
    with AtomicJsonlWriter(output / "facts.jsonl") as facts, \
            AtomicJsonlWriter(output / "rejects.jsonl") as rejects:

        def reject(item: Reject) -> None:
            summary.rejects += 1
            rejects.write(item.as_record())
            if on_reject:
                on_reject(item)

        try:
            stream = nlp.pipe(_articles(files, settings, reject), as_tuples=True,
                              batch_size=settings.model.batch_size, n_process=settings.model.n_process)
            for doc, article in stream:
                records = _records_for(doc, article, extraction, validator, reject)
                if records is not None:
                    _write(records, facts, summary)
                if bar:
                    bar.advance()
        finally:
            if bar:
                bar.stop()
    summary.seconds = time.perf_counter() - started


def _articles(files: Iterable[InputFile], settings: Settings,
              reject: Callable[[Reject], None]) -> Iterator[tuple[str, Article]]:
    """(text, article) pairs for nlp.pipe; inputs that are no article go to `reject`."""
    for item in read_articles(files, settings.input):
        if isinstance(item, Reject):
            reject(item)
        else:
            yield item.text, item


def _records_for(doc, article: Article, extraction: Extraction, validator: RecordValidator | None,
                 reject: Callable[[Reject], None]) -> list[dict] | None:
    """All records of one article (only the valid ones with a validator), or None when the
    article had to be rejected."""
    try:
        mentions = extraction(doc, article)
    except Exception as error:  # one broken article must not stop the run
        reject(Reject(article.source, article.line,
                      f"extraction failed: {type(error).__name__}: {error}", article.doc_id))
        return None
    records = [document_record(article), *fact_records(article, doc, mentions)]
    if validator is None:
        return records
    kept = []
    for record in records:
        error = validator.error(record)
        if error is None:
            kept.append(record)
        else:
            reject(Reject(article.source, article.line,
                          f"{record['kind']} record at {record.get('start')}-{record.get('end')} "
                          f"refused: {error}", article.doc_id))
    return kept


def _write(records: list[dict], facts: AtomicJsonlWriter, summary: RunSummary) -> None:
    for record in records:
        facts.write(record)
        if record["kind"] != "document":
            summary.facts[record["kind"]] += 1
    summary.documents += 1


class _ProgressBar:
    """A rich progress bar, shown only for runs of more than a few documents."""

    MIN_DOCUMENTS = 5

    def __init__(self, total: int):
        self.bar = None
        if total < self.MIN_DOCUMENTS:
            return
        from rich.console import Console  # imported here: only runs that show a bar pay for it
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(file=sys.stderr), transient=True)
        self.task = self.bar.add_task("articles", total=total)
        self.bar.start()

    def advance(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()
