"""Wires the stages as one stream: ingest -> nlp -> extractors -> facts -> validate -> write.

Everything is a generator: articles are read lazily, handed to an executor
(executors.py: this process, `nlp.pipe` in batches; dask_executor.py: a Dask
cluster, the same per-article function) and their records are written in input
order as soon as they exist, so memory does not grow with the number of
articles and the output does not depend on the executor. What happens around the stream
lives with its stage: the graph in store.py, the summary, run.json, the staging
folder and what an incremental run reads of the previous run in output.py.

A run writes into a staging folder with a checkpoint after each batch of inputs
and swaps it into place at the end, so the output folder always holds one whole
run; `resume` continues from the last checkpoint, `incremental` copies the records
of unchanged articles, SIGINT/SIGTERM stop the run at the next checkpoint.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .article import Article, Reject
from .config import Settings
from .errors import InputNotFoundError, PipelineError, error_line
# Extraction and requested_components are imported from here by callers that build their own run.
from .executors import ArticleResult, Extraction, requested_components  # noqa: F401
from .local_executor import LocalExecutor
from .ingest import InputFile, count_articles, expand_inputs, read_articles
from .output import (CHECKPOINT, STAGED, OutputFolder, PreviousRun, RunSummary, StagedFile, article_digest, article_key,
                     run_fingerprint, run_manifest, write_json_atomic)
from .store import build_run_graph, reuse_run_graph
from .validate import RecordValidator


class RunInterrupted(Exception):
    """SIGINT or SIGTERM stopped the run at a checkpoint; `pipeline run --resume` finishes it."""

    def __init__(self, signum: int, staging: Path, items: int):
        self.signum, self.staging, self.items = signum, staging, items
        super().__init__(f"stopped by {signal.Signals(signum).name} after {items} inputs; {staging} holds "
                         f"them: run again with --resume to finish (the previous output is untouched)")

    @property
    def exit_status(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


class StopOnSignal:
    """While active, SIGINT and SIGTERM ask the run to stop at its next checkpoint (the end of
    the current batch); a second signal stops it at once, still at the last checkpoint."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self.received: int | None = None
        self.previous: dict = {}

    def __enter__(self) -> StopOnSignal:
        if threading.current_thread() is threading.main_thread():  # Python sets handlers there only
            self.previous = {signum: signal.signal(signum, self._handle) for signum in self.SIGNALS}
        return self

    def _handle(self, signum, frame) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = signum

    def __call__(self) -> int | None:
        return self.received

    def __exit__(self, *exc) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


def run_pipeline(
    settings: Settings,
    inputs: list[str] | None = None,
    output_dir: str | Path | None = None,
    progress: bool = False,
    validate: bool = True,
    on_reject: Callable[[Reject], None] | None = None,
    resume: bool = False,
    incremental: bool = False,
    stop: Callable[[], int | None] | None = None,
) -> RunSummary:
    """Run every stage over `inputs` (default: the config's) into `output_dir`.

    Everything is written into a staging folder beside the output folder, with a checkpoint
    after each batch of `model.batch_size` inputs, and swapped into place at the end: the
    output folder holds exactly one whole run. `resume` continues from the staging folder's
    last checkpoint; `incremental` copies the records of articles whose content and config
    are unchanged since the run in the output folder instead of extracting them again. `stop`
    (a StopOnSignal) is asked at each checkpoint; a signal there raises RunInterrupted.

    Raises PipelineError (config, model, missing input, unusable output folder) before
    anything is written; bad articles become rejects and the run goes on.
    """
    started = time.perf_counter()
    files = expand_inputs(inputs if inputs else settings.input.paths)
    if not files:
        raise InputNotFoundError(f"{settings.path}: input.paths is empty and no --input was given")
    folder = OutputFolder(Path(output_dir or settings.output.dir))
    validator = RecordValidator(settings.schema_dir)  # also for `extract`: a bad schemas.dir stops it early
    fingerprint = run_fingerprint(settings, validate)
    run_key = hashlib.sha256(json.dumps([fingerprint, [_file_key(item.path) for item in files]]).encode()).hexdigest()
    executor = make_executor(settings, validator if validate else None, fingerprint, validate, files)
    try:
        # An incremental run loads the model (or reaches the cluster) only for an article that changed;
        # any other run does so before it writes anything, so a missing model or an unreachable
        # scheduler stops it with the output folder untouched.
        if not incremental:
            executor.start()
        return _run_locked(settings, folder, files, run_key, fingerprint, executor, progress, on_reject, resume,
                           incremental, stop, started)
    finally:
        executor.close()


def make_executor(settings: Settings, validator: RecordValidator | None, fingerprint: str, validate: bool,
                  files: list[InputFile]):
    """The executor `[executor] kind` names: LocalExecutor or DaskExecutor (the same records)."""
    if settings.executor.kind == "dask":
        from .dask_executor import DaskExecutor  # imported here: only Dask runs pay for it

        return DaskExecutor(settings, fingerprint, validate)
    return LocalExecutor(settings, validator, _count(files) if settings.model.n_process == 0 else None)


def _run_locked(settings: Settings, folder: OutputFolder, files: list[InputFile], run_key: str, fingerprint: str,
                executor, progress: bool, on_reject, resume: bool,
                incremental: bool, stop, started: float) -> RunSummary:
    with folder.locked():
        checkpoint = _open_staging(folder, run_key, resume)
        summary = RunSummary(output_dir=folder.final, load_seconds=time.perf_counter() - started)
        previous = PreviousRun.open(folder.final) if incremental else None
        stream = _Stream(settings, folder, checkpoint, run_key, summary, on_reject, stop or (lambda: None),
                         previous, fingerprint, executor)
        try:
            stream.run(files, progress)
        finally:
            stream.close()
        _stop_if_asked(stop, folder, stream.items_done)
        graph_figures, graph_seconds = _graph_step(settings, folder, previous, summary)
        execution = {"extractor_seconds": {name: round(seconds, 3) for name, seconds in stream.extractor_seconds().items()},
                     "graph_load_seconds": round(graph_seconds, 3), "resumed_after_inputs": summary.resumed_after,
                     "unchanged_articles_copied": summary.copied, "executor": executor.description()}
        write_json_atomic(folder.staging / "run.json", run_manifest(
            settings, summary, stream.model_description(), [item.path for item in files], execution, graph_figures))
        _stop_if_asked(stop, folder, stream.items_done)
        folder.commit(stream.checkpoint_record())
    return summary


def _graph_step(settings: Settings, folder: OutputFolder, previous: PreviousRun | None,
                summary: RunSummary) -> tuple[dict | None, float]:
    """The graph of this run's facts; linked from the previous run when the facts are the same
    (then the config is too: an article was copied only because its config was unchanged)."""
    _clear_graph(folder.staging)  # what a run stopped during this step left
    if not settings.graph.enabled:
        return None, 0.0
    graph = previous.manifest.get("graph") if previous else None
    if graph and not graph.get("shared_store") and summary.copied \
            and previous.has_same_facts(folder.staging / STAGED["facts"]):
        try:
            reuse_run_graph(settings.graph, folder.final, folder.staging)
            return graph, 0.0
        except OSError:  # a file of the previous run is missing: build the graph again
            _clear_graph(folder.staging)
    return build_run_graph(settings.graph, folder.staging, folder.final)


def _clear_graph(staging: Path) -> None:
    for path in staging.iterdir():
        if path.name not in STAGED.values() and path.name != CHECKPOINT:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _open_staging(folder: OutputFolder, run_key: str, resume: bool) -> dict | None:
    """The checkpoint to resume from (None: start afresh), after checking the output folder."""
    try:
        folder.recover()
        folder.check()
        checkpoint = folder.read_checkpoint() if resume else None
        if checkpoint is not None and checkpoint.get("run_key") != run_key:
            raise PipelineError(f"{folder.staging}: made by another config or other inputs, so it cannot be "
                                f"resumed; run without --resume to start over")
        if checkpoint is None:
            folder.start()
        return checkpoint
    except OSError as error:  # the path and the reason in words, as every command reports a file-system error
        where = "" if error.filename or error.filename2 else f"{folder.final}: "
        raise PipelineError(f"{where}cannot write the output: {error_line(error)}") from None


def _stop_if_asked(stop, folder: OutputFolder, items: int) -> None:
    signum = stop() if stop else None
    if signum is not None:
        raise RunInterrupted(signum, folder.staging, items)


def _file_key(path: Path) -> list:
    """What identifies an input's content cheaply: a changed file cannot be resumed into."""
    try:
        status = path.stat()
        return [str(path), status.st_size, status.st_mtime_ns]
    except OSError:
        return [str(path), None, None]


class _Stream:
    """The inputs of one run through the model and extractors into the staging folder, in input
    order, with a checkpoint after each batch of `model.batch_size` inputs."""

    def __init__(self, settings: Settings, folder: OutputFolder, checkpoint: dict | None, run_key: str,
                 summary: RunSummary, on_reject, stop, previous: PreviousRun | None, fingerprint: str, executor):
        self.settings, self.folder, self.run_key, self.summary = settings, folder, run_key, summary
        self.on_reject, self.stop, self.executor = on_reject, stop, executor
        self.previous, self.fingerprint = previous, fingerprint
        checkpoint = checkpoint or {}
        self.lengths = checkpoint.get("lengths", {})
        self.files = {name: StagedFile(folder.staging / file, self.lengths.get(name)) for name, file in STAGED.items()}
        self.skip = self.items_done = checkpoint.get("items", 0)
        summary.documents, summary.rejects = checkpoint.get("documents", 0), checkpoint.get("rejects", 0)
        summary.facts, summary.copied = Counter(checkpoint.get("facts", {})), checkpoint.get("copied", 0)
        summary.resumed_after = self.skip
        summary.resumed_documents = summary.documents - summary.copied
        self.since_checkpoint, self.tail = 0, []
        if not checkpoint:  # a run that stops before its first batch is done resumes from here
            self._checkpoint()

    def run(self, files: list[InputFile], progress: bool) -> None:
        started, loaded_before = time.perf_counter(), self.executor.load_seconds
        bar = _ProgressBar(_count(files) - self.skip) if progress else None
        try:
            work = self._to_parse(read_articles(files, self.settings.input))
            first = next(work, None)
            if first is not None:  # the model loads (the cluster starts) only when some article needs it
                for article, result, (index, digest, before) in self.executor.map(chain([first], work)):
                    self._emit(before, bar)
                    self._processed(result, article, digest)
                    self._item_done(index, bar)
            self._emit(self.tail, bar)
            self._checkpoint()
        finally:
            if bar:
                bar.stop()
        loaded = self.executor.load_seconds - loaded_before
        self.summary.seconds = time.perf_counter() - started - loaded
        self.summary.load_seconds += loaded

    def _to_parse(self, items: Iterable[Article | Reject]) -> Iterator[tuple[Article, tuple]]:
        """(article, context) for the executor: each article to extract, with the inputs before it that
        need no model (rejects, unchanged articles) so they are written in input order."""
        before = []
        for index, item in enumerate(items):
            if index < self.skip:
                continue
            if isinstance(item, Reject):
                before.append((index, item, None))
                continue
            digest = article_digest(self.fingerprint, item)
            entry = self.previous.unchanged(item, digest) if self.previous else None
            if entry is not None:
                before.append((index, item, entry))
                continue
            yield item, (index, digest, before)
            before = []
        self.tail = before

    def _emit(self, units: list, bar) -> None:
        for index, item, entry in units:
            if entry is None:
                self._reject(item)
            else:
                self._copied(item, entry)
            self._item_done(index, bar)

    def _reject(self, item: Reject) -> None:
        self.summary.rejects += 1
        self.files["rejects"].write_record(item.as_record())
        if self.on_reject:
            self.on_reject(item)

    def _processed(self, result: ArticleResult, article: Article, digest: str) -> None:
        facts, rejects = self.files["facts"], self.files["rejects"]
        starts, rejected = (facts.tell(), rejects.tell()), self.summary.rejects
        for refused in result.rejects:
            self._reject(refused)
        records = result.records
        kinds = Counter(record["kind"] for record in records or [] if record["kind"] != "document")
        if records is not None:
            _write(records, facts, self.summary)
        self._state(article, digest, starts, 1 if records is not None else 0, kinds, self.summary.rejects - rejected)

    def _copied(self, article: Article, entry: dict) -> None:
        facts, rejects = self.files["facts"], self.files["rejects"]
        starts = facts.tell(), rejects.tell()
        facts.write(self.previous.read("facts", entry["facts"]))
        refused = self.previous.read("rejects", entry["rejects"])
        rejects.write(refused)
        for line in refused.decode("utf-8").splitlines():
            if self.on_reject:
                self.on_reject(Reject(**json.loads(line)))
        self.summary.documents += entry["documents"]
        self.summary.facts.update(entry["kinds"])
        self.summary.rejects += entry["rejects_count"]
        self.summary.copied += 1
        self._state(article, entry["hash"], starts, entry["documents"], entry["kinds"], entry["rejects_count"])

    def _state(self, article: Article, digest: str, starts: tuple[int, int], documents: int, kinds: dict,
               rejects: int) -> None:
        self.files["state"].write_record({
            "key": article_key(article), "hash": digest, "facts": [starts[0], self.files["facts"].tell()],
            "rejects": [starts[1], self.files["rejects"].tell()], "documents": documents, "kinds": dict(kinds),
            "rejects_count": rejects})

    def _item_done(self, index: int, bar) -> None:
        self.items_done = index + 1
        self.since_checkpoint += 1
        if bar:
            bar.advance()
        if self.since_checkpoint >= self.settings.model.batch_size:
            self._checkpoint()
            signum = self.stop()
            if signum is not None:
                raise RunInterrupted(signum, self.folder.staging, self.items_done)

    def _checkpoint(self) -> None:
        self.lengths = {name: staged.sync() for name, staged in self.files.items()}
        self.folder.write_checkpoint(self.checkpoint_record())
        self.since_checkpoint = 0

    def checkpoint_record(self) -> dict:
        return {"run_key": self.run_key, "items": self.items_done, "lengths": self.lengths,
                "documents": self.summary.documents, "facts": dict(self.summary.facts),
                "rejects": self.summary.rejects, "copied": self.summary.copied}

    def model_description(self) -> dict:
        if not self.executor.started and self.previous is not None and self.previous.model:
            return self.previous.model  # every article was unchanged, so the model is too
        return self.executor.model_description()

    def extractor_seconds(self) -> dict[str, float]:
        return self.executor.extractor_seconds()

    def close(self) -> None:
        for staged in self.files.values():
            staged.close()
        if self.previous:
            self.previous.close()


def _count(files: list[InputFile]) -> int:
    try:
        return count_articles(files)
    except OSError:  # an unreadable input: it is rejected when read, the bar only needs a guess
        return len(files)


def _write(records: list[dict], facts: StagedFile, summary: RunSummary) -> None:
    for record in records:
        facts.write_record(record)
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
