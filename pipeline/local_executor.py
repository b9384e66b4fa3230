"""The local executor: the articles parsed and extracted on this machine, in this process
(`model.n_process = 1`) or, for more, in worker processes that each load the model once, then parse,
extract, build and validate whole batches of articles (`executors.process_batch`, as a Dask worker
does) and send back only their records. This process reads the inputs and writes the results in
input order.

Why not spaCy's own `nlp.pipe(n_process=N)`: it sends every parsed Doc back to this process, which
then runs the extractors, records and validation alone, so on a small machine it competes with
the parsers it feeds. Here that work runs where the Doc was made.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Iterable, Iterator

from .article import Article
from .config import Settings
from .errors import PipelineError
from .executors import (ArticleResult, Extraction, in_order, load_run_model, process_articles, process_batch,
                        processes_for)
from .nlp import model_description
from .validate import RecordValidator

# How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0
# What a run says when a worker process is gone: at the start, then in the middle of the run.
STARTING = ("a worker process could not start (a Python script that runs the pipeline with model.n_process > 1 "
            "must start it under `if __name__ == \"__main__\":`, as multiprocessing requires)")
RUNNING = "a worker process died (killed, or out of memory); run again with --resume to go on from the last checkpoint"

# -- in a worker --------------------------------------------------------------------------------

# What the worker loaded: (nlp, extraction, validator), or the PipelineError that stopped it.
_WORKER: tuple | PipelineError | None = None


def _start_worker(settings: Settings, validate: bool, parent: int) -> None:
    global _WORKER
    # The terminal's Ctrl-C reaches the whole process group: the main process stops the run at its
    # next checkpoint, so the workers must not die first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:
        nlp = load_run_model(settings)
        _WORKER = (nlp, Extraction(settings, nlp), RecordValidator(settings.schema_dir) if validate else None)
    except PipelineError as error:  # sent back by the first task, so the run fails with its message
        _WORKER = PipelineError(str(error))  # as a plain PipelineError: subclasses take other arguments


def _exit_with_parent(parent: int) -> None:
    """A main process killed outright (kill -9) cannot stop its workers: they would wait for tasks
    forever, each holding a model. So each one leaves once its parent is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _loaded() -> dict:
    if isinstance(_WORKER, PipelineError):
        raise _WORKER
    return model_description(_WORKER[0])


def _process(articles: list[Article], batch_size: int) -> tuple[list, dict[str, float]]:
    if isinstance(_WORKER, PipelineError):
        raise _WORKER
    return process_batch(*_WORKER, articles, batch_size)


# -- in the main process ------------------------------------------------------------------------

class ProcessPool:
    """`processes` workers fed batches of `model.batch_size` articles, two batches each in flight."""

    def __init__(self, settings: Settings, validate: bool, processes: int):
        self.settings, self.validate, self.processes = settings, validate, processes
        self.executor: ProcessPoolExecutor | None = None
        self.model: dict | None = None
        self.seconds: Counter = Counter()

    def start(self) -> None:
        # "spawn": a forked worker would inherit this process's threads (the progress bar's) and locks.
        self.executor = ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker,
                                            initargs=(self.settings, self.validate, os.getpid()))
        try:  # one task per worker: each starts and loads the model now, not in the middle of the run
            self.model = [_outcome(future, STARTING) for future in [self.executor.submit(_loaded)
                                                                    for _ in range(self.processes)]][0]
        except BaseException:
            self.close()
            raise

    def map(self, items: Iterable[tuple[Article, Any]]) -> Iterator[tuple[Article, Any, Any]]:
        batch_size = self.settings.model.batch_size
        return in_order(items, batch_size, 2 * self.processes,
                        lambda articles: self.executor.submit(_process, articles, batch_size), self._collect)

    def _collect(self, future) -> list:
        results, spent = _outcome(future)
        self.seconds.update(spent)
        return results

    def extractor_seconds(self) -> dict[str, float]:
        return {spec.name: self.seconds[spec.name] for spec in self.settings.extractors}

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _outcome(future, broken: str = RUNNING):
    try:
        return future.result()
    except BrokenProcessPool:
        raise PipelineError(broken) from None


class LocalExecutor:
    """Runs `process_articles` on this machine: in this process for one process, else in worker
    processes that each parse and extract (`ProcessPool`). The model loads on first use,
    so a run that needs no article parsed never loads it. `articles` (the inputs' count, when known)
    keeps `model.n_process = 0` from starting workers a small run has no work for."""

    def __init__(self, settings: Settings, validator: RecordValidator | None, articles: int | None = None):
        self.settings, self.validator = settings, validator
        self.processes = processes_for(settings.model.n_process, articles)
        self.nlp, self.extraction, self.pool, self.load_seconds = None, None, None, 0.0

    def start(self) -> None:
        if self.started:
            return
        started = time.perf_counter()
        if self.processes > 1:
            self.pool = ProcessPool(self.settings, self.validator is not None, self.processes)
            self.pool.start()
        else:
            self.nlp = load_run_model(self.settings)
            self.extraction = Extraction(self.settings, self.nlp)
        self.load_seconds += time.perf_counter() - started

    def map(self, items: Iterable[tuple[Article, Any]]) -> Iterator[tuple[Article, ArticleResult, Any]]:
        self.start()
        if self.pool is not None:
            return self.pool.map(items)
        return process_articles(self.nlp, self.extraction, self.validator, items, self.settings.model.batch_size)

    @property
    def started(self) -> bool:
        return self.nlp is not None or self.pool is not None

    def model_description(self) -> dict:
        self.start()
        return self.pool.model if self.pool is not None else model_description(self.nlp)

    def extractor_seconds(self) -> dict[str, float]:
        if self.pool is not None:
            return self.pool.extractor_seconds()
        return self.extraction.seconds_per_extractor() if self.extraction else {}

    def description(self) -> dict:
        return {"kind": "local", "n_process": self.settings.model.n_process, "processes": self.processes}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
