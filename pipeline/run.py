"""Wires the stages as one stream: ingest -> nlp -> extractors -> facts -> validate -> write.

Everything is a generator: articles are read lazily, parsed in batches by
`nlp.pipe`, and their records are written as soon as they exist, so memory
does not grow with the number of articles.
"""
from __future__ import annotations

import hashlib
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import __version__
from .article import Article, Reject
from .config import Settings
from .errors import EXIT_OK, EXIT_SOME_REJECTED
from .extractors import ExtractorContext
from .mention import KINDS, MENTION_KINDS, Mention
from .facts import document_record, fact_records
from .ingest import InputFile, expand_inputs, read_articles
from .nlp import load_model, model_description
from .output import AtomicJsonlWriter, write_json_atomic
from .validate import RecordValidator


@dataclass
class RunSummary:
    output_dir: Path
    documents: int = 0
    facts: Counter = field(default_factory=Counter)
    rejects: int = 0
    seconds: float = 0.0
    reject_messages: list = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return EXIT_SOME_REJECTED if self.rejects else EXIT_OK

    def line(self) -> str:
        per_kind = ", ".join(f"{kind} {self.facts.get(kind, 0)}" for kind in KINDS)
        if self.facts.get("relation"):
            per_kind += f"; {self.facts['relation']} relations"
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (f"{self.documents} documents, {sum(self.facts.values())} facts ({per_kind}), "
                f"{self.rejects} rejected, {rate:.1f} documents/s -> {self.output_dir}")


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


def requested_components(settings: Settings) -> set[str]:
    return {name for spec in settings.extractors for name in spec.cls.requires}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_articles(files: list[InputFile]) -> int:
    """A cheap upper bound for the progress bar: one per text file, lines of JSONL."""
    total = 0
    for item in files:
        if item.path.suffix.lower() == ".jsonl":
            with item.path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


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
        from .errors import InputNotFoundError
        raise InputNotFoundError(f"{settings.path}: input.paths is empty and no --input was given")
    output = Path(output_dir or settings.output.dir)
    validator = RecordValidator(settings.schema_dir)
    nlp = load_model(settings.model.name, requested_components(settings))
    extraction = Extraction(settings, nlp)
    loaded = time.perf_counter()

    summary = RunSummary(output_dir=output)
    facts = AtomicJsonlWriter(output / "facts.jsonl")
    rejects = AtomicJsonlWriter(output / "rejects.jsonl")

    def reject(item: Reject) -> None:
        summary.rejects += 1
        rejects.write(item.as_record())
        if on_reject:
            on_reject(item)

    def articles() -> Iterator[tuple[str, Article]]:
        for item in read_articles(files, settings.input):
            if isinstance(item, Reject):
                reject(item)
            else:
                yield item.text, item

    bar = _progress(count_articles(files)) if progress else None
    try:
        stream = nlp.pipe(articles(), as_tuples=True, batch_size=settings.model.batch_size,
                          n_process=settings.model.n_process)
        for doc, article in stream:
            records = _records_for(doc, article, extraction, validator if validate else None, reject)
            if records is not None:
                for record in records:
                    facts.write(record)
                    if record["kind"] != "document":
                        summary.facts[record["kind"]] += 1
                summary.documents += 1
            if bar:
                bar.advance()
    except BaseException:
        facts.abort()
        rejects.abort()
        raise
    finally:
        if bar:
            bar.stop()
    facts.commit()
    rejects.commit()
    finished = time.perf_counter()
    summary.seconds = finished - loaded
    graph_figures = build_graph(settings, output) if settings.graph.enabled else None

    write_json_atomic(output / "run.json", {
        "pipeline_version": __version__,
        "python": platform.python_version(),
        "config": str(settings.path),
        "config_hash": settings.config_hash,
        "model": model_description(nlp),
        "extractors": [spec.name for spec in settings.extractors],
        "inputs": [{"path": str(item.path), "sha256": file_sha256(item.path)} for item in files],
        "counts": {"documents": summary.documents, "rejects": summary.rejects,
                   "facts": {kind: summary.facts.get(kind, 0) for kind in MENTION_KINDS}},
        "timings": {"load_seconds": round(loaded - started, 3),
                    "process_seconds": round(finished - loaded, 3),
                    "documents_per_second": round(summary.documents / summary.seconds, 2)
                    if summary.seconds else None,
                    "extractor_seconds": {name: round(extraction.seconds[name], 3)
                                          for name, _ in extraction.extractors}},
        "graph": graph_figures,
        "exit_status": summary.exit_status,
    })
    return summary


def build_graph(settings: Settings, output: Path) -> dict:
    """Load this run's facts into the graph store and write the configured exports."""
    from .store import GraphStore, export_neo4j

    store_path = Path(settings.graph.store)
    store_path = store_path if store_path.is_absolute() else output / store_path
    store = GraphStore(store_path, settings.graph.base_iri)
    loaded = store.load_files([output / "facts.jsonl"])
    figures = {"store": str(store_path), "articles": loaded.articles, "quads": loaded.quads,
               "load_seconds": round(loaded.seconds, 3), "exports": {}}
    for fmt in settings.graph.formats:
        if fmt == "neo4j-csv":
            figures["exports"][fmt] = export_neo4j([output / "facts.jsonl"], output / "neo4j")
        else:
            figures["exports"][fmt] = store.export(output / f"graph.{fmt}", fmt)
    return figures


def _records_for(doc, article: Article, extraction: Extraction, validator, reject) -> list[dict] | None:
    """All records of one article, or None when the article had to be rejected."""
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


class _progress:
    """A rich progress bar on stderr, shown only for runs of more than a few documents."""

    MIN_DOCUMENTS = 5

    def __init__(self, total: int):
        self.bar = None
        if total < self.MIN_DOCUMENTS:
            return
        from rich.console import Console
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
