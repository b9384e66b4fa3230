"""The Dask executor: the same per-article work as a local run (`executors.process_articles`), on
the workers of a Dask cluster, one task per partition of `executor.partition_size` articles.

The client reads the inputs and writes every result, in input order, through the same code as a
local run (`run.py`), so the output is the same bytes. Each worker process loads the model and the
extractors once per run fingerprint (`_WORKER_STATE`) and checks that its code, config files and
model give the client's fingerprint, so a worker with another install fails loudly instead of
writing other facts. A worker lost mid-run is replaced by Dask and its partition run again.
"""
from __future__ import annotations

import dataclasses
import logging
import signal
import time
import uuid
from collections import Counter
from typing import Any, Iterable, Iterator

from .article import Article
from .config import Settings
from .errors import PipelineError
from .executors import Extraction, in_order, load_run_model, process_batch
from .nlp import model_description
from .output import run_fingerprint
from .validate import RecordValidator

# A task that raises is tried again this many times; a worker that dies is Dask's own
# `distributed.scheduler.allowed-failures` (3 by default) before its tasks fail the run.
RETRIES = 2
# The Dask setting that puts MALLOC_TRIM_THRESHOLD_ in a worker's environment (None: leave it unset).
NANNY_MALLOC_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
INSTALL_HINT = "pip install 'news-fact-pipeline[dask]' (the pinned versions: -c requirements.lock)"


class WorkerError(PipelineError):
    """A worker could not set up the run: its message names the worker and what it lacks."""


# -- on the workers ---------------------------------------------------------------------------------

try:  # the base class of worker plugins; without distributed, _connect says what to install
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover
    WorkerPlugin = object


class IgnoreInterrupt(WorkerPlugin):
    """The LocalCluster's workers share the terminal's process group with `pipeline run`, so Ctrl-C
    reaches them too; they ignore it (a worker started again after a crash too), and the run stops
    at its next checkpoint as a local run does, instead of workers dying with tracebacks."""

    name = "pipeline-ignore-interrupt"

    def setup(self, worker) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # plugins are set up in the worker's main thread

# Per worker process: fingerprint -> (nlp, extraction, validator). A worker serves one run after
# another (an existing cluster) and keeps only the latest set-up.
_WORKER_STATE: dict[str, tuple] = {}


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "a Dask worker"


def _worker_state(settings: Settings, fingerprint: str, validate: bool, worker: str | None = None) -> tuple:
    if fingerprint not in _WORKER_STATE:
        where = f"Dask worker {worker or _worker_name()}"
        if run_fingerprint(settings, validate) != fingerprint:
            raise WorkerError(f"{where}: its pipeline code, config files, schemas, model or trained NER differ "
                              f"from the client's; install the same package version and model there and make "
                              f"{settings.config_dir} and the model.trained_ner folder reachable at the same paths")
        try:
            nlp = load_run_model(settings)
            state = (nlp, Extraction(settings, nlp), RecordValidator(settings.schema_dir) if validate else None)
        except PipelineError as error:
            raise WorkerError(f"{where}: cannot load the model: {error}") from None
        _WORKER_STATE.clear()
        _WORKER_STATE[fingerprint] = state
    return _WORKER_STATE[fingerprint]


def prepare_worker(settings: Settings, fingerprint: str, validate: bool, dask_worker=None) -> dict:
    """Run on every worker (`Client.run`, which passes `dask_worker`) before the first task: loads
    what the run needs; the model's description."""
    name = getattr(dask_worker, "address", None)
    return model_description(_worker_state(settings, fingerprint, validate, name)[0])


def process_partition(settings: Settings, fingerprint: str, validate: bool,
                      articles: list[Article]) -> tuple[list, dict[str, float]]:
    """One task: the results of `articles`, in order, and the seconds each extractor spent on them."""
    return process_batch(*_worker_state(settings, fingerprint, validate), articles, settings.model.batch_size)


# -- on the client ----------------------------------------------------------------------------------

class DaskExecutor:
    """Submits partitions of articles to a Dask cluster (a LocalCluster of `executor.workers`
    processes, or the scheduler at `executor.scheduler`) and yields their results in input order,
    with a few partitions in flight per worker so memory stays bounded."""

    def __init__(self, settings: Settings, fingerprint: str, validate: bool):
        # Workers run in other folders, maybe on other machines: the config's folder, against which its
        # rule files, schemas and trained NER resolve, travels as an absolute path.
        self.settings = dataclasses.replace(settings, path=settings.path.resolve())
        self.fingerprint, self.validate = fingerprint, validate
        options = settings.executor
        self.partition_size = options.partition_size or settings.model.batch_size
        self.client = self.cluster = None
        self.model, self.load_seconds = None, 0.0
        self.seconds: Counter = Counter()
        self.partitions = self.articles_submitted = self.workers = 0

    def start(self) -> None:
        if self.client is not None:
            return
        started = time.perf_counter()
        try:
            self.client, self.cluster = _connect(self.settings.executor)
            descriptions = self.client.run(prepare_worker, self.settings, self.fingerprint, self.validate)
        except PipelineError:
            self.close()
            raise
        except Exception as error:  # most often a worker without this package: it cannot unpickle the task
            self.close()
            raise WorkerError(f"a Dask worker could not set up the run ({type(error).__name__}: {error}); each "
                              f"worker needs this package and the model installed (README: Running on a Dask "
                              f"cluster)") from None
        except BaseException:
            self.close()
            raise
        if not descriptions:
            self.close()
            raise PipelineError(f"the Dask scheduler at {self.settings.executor.scheduler} has no workers; "
                                f"start some with `dask worker {self.settings.executor.scheduler}`")
        self.workers = len(descriptions)
        self.model = next(iter(descriptions.values()))
        self.load_seconds += time.perf_counter() - started

    @property
    def started(self) -> bool:
        return self.client is not None

    def map(self, items: Iterable[tuple[Article, Any]]) -> Iterator[tuple[Article, Any, Any]]:
        self.start()
        run_id = uuid.uuid4().hex[:12]  # task keys unique across runs on a shared cluster
        in_flight = max(2, 2 * len(self.client.scheduler_info().get("workers", {})))
        return in_order(items, self.partition_size, in_flight, lambda articles: self._submit(articles, run_id),
                        self._collect)

    def _submit(self, articles: list[Article], run_id: str):
        future = self.client.submit(process_partition, self.settings, self.fingerprint, self.validate, articles,
                                    key=f"pipeline-partition-{run_id}-{self.partitions}", retries=RETRIES, pure=False)
        self.partitions += 1
        self.articles_submitted += len(articles)
        return future

    def _collect(self, future) -> list:
        results, spent = _result(future)
        future.release()
        self.seconds.update(spent)
        return results

    def model_description(self) -> dict:
        self.start()
        return self.model

    def extractor_seconds(self) -> dict[str, float]:
        return {spec.name: self.seconds[spec.name] for spec in self.settings.extractors} if self.started else {}

    def description(self) -> dict:
        options = self.settings.executor
        return {"kind": "dask", "scheduler": options.scheduler or "LocalCluster", "workers": self.workers,
                "partition_size": self.partition_size, "partitions": self.partitions,
                "articles_submitted": self.articles_submitted}

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:  # closing is best effort: the run's output is already decided
                    pass
        self.client = self.cluster = None


def _result(future):
    try:
        return future.result()
    except PipelineError:
        raise
    except Exception as error:
        if type(error).__name__ == "KilledWorker":
            raise PipelineError(f"Dask lost the workers running {future.key} more often than "
                                f"distributed.scheduler.allowed-failures allows: {error}") from None
        raise


def _connect(options) -> tuple:
    """A client of the scheduler at `options.scheduler`, else of a new LocalCluster: (client, cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise PipelineError(f"executor.kind = \"dask\" needs dask and distributed, which are not installed: "
                            f"{INSTALL_HINT}") from None
    if options.scheduler:
        try:
            return Client(options.scheduler, timeout=f"{options.connect_timeout}s"), None
        except Exception as error:  # refused, timed out, a malformed address: one line naming it
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise PipelineError(f"executor.scheduler: cannot reach the Dask scheduler at {options.scheduler} "
                                f"within {options.connect_timeout} s ({reason}); start it with `dask scheduler` "
                                f"or give its address with --scheduler tcp://HOST:PORT") from None
    import dask

    # Processes, one thread each: spaCy and the rules hold the GIL, so threads would not run in parallel.
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in each worker to return freed memory early; spaCy's
    # many short-lived arrays then cost about 13 % more to parse (README: Running on a Dask cluster).
    with dask.config.set({NANNY_MALLOC_TRIM: None}):
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    try:
        client = Client(cluster)
        client.register_plugin(IgnoreInterrupt())
        return client, cluster
    except BaseException:
        cluster.close()
        raise
