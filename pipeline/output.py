"""The write stage: atomic writers (a crash never leaves a half-written line or file behind),
what the `ingest` and `validate` commands write, and the run's summary and manifest (run.json)."""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import tempfile
from collections import Counter

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

import jsonlines

from . import __version__
from .article import Article, Reject
from .config import PROJECT_CONFIG_DIR, InputSettings, Settings
from .errors import InputNotFoundError, PipelineError, exit_status
from .ingest import article_record, expand_inputs, read_articles
from .jsonl import json_lines
from .mention import KINDS, MENTION_KINDS
from .validate import RecordValidator


# mkstemp makes files private to their owner; outputs are read by the rest of the team and its jobs.
SHARED_FILE_MODE = 0o644


# Line breaks that JSON may leave raw but that `str.splitlines()` and some JSONL readers split on.
_LINE_BREAKS_TO_ESCAPE = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(record) -> str:
    """One canonical line per record, so equal records give equal bytes; no character a reader could take
    for a line break is left raw."""
    line = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return line.translate(_LINE_BREAKS_TO_ESCAPE)


class AtomicJsonlWriter:
    """Writes JSONL to a hidden temporary file beside the target and renames it
    over the target on `commit()`. Until then the previous file, if any, stays
    whole; after a crash only the temporary file is left, never a torn target."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".partial",
                                             dir=self.path.parent)
        self.temporary = Path(temporary)
        self.handle = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        self.writer = jsonlines.Writer(self.handle, dumps=dumps, flush=False)
        self.count = 0

    def write(self, record: dict) -> None:
        self.writer.write(record)
        self.count += 1

    def commit(self) -> None:
        try:
            self.writer.close()
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self.temporary, SHARED_FILE_MODE)
            os.replace(self.temporary, self.path)
        except OSError:
            self.abort()  # a full disk or a target that is a folder leaves no .partial file behind
            raise

    def abort(self) -> None:
        if not self.handle.closed:
            try:
                self.handle.close()
            except OSError:
                pass  # the buffer could not be written: the file is dropped anyway
        self.temporary.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, SHARED_FILE_MODE)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # no .partial file left behind
        raise


def write_json_atomic(path: Path, data: dict) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


# -- what `pipeline ingest` and `pipeline validate` write ---------------------------------------

class ArticleCounts(NamedTuple):
    written: int
    rejected: int


def write_articles(inputs: Iterable[str], settings: InputSettings, output: Path,
                   on_reject: Callable[[Reject], None] | None = None) -> ArticleCounts:
    """Read the articles of `inputs` and write them to `output` as JSONL, atomically.

    Bad inputs are skipped and passed to `on_reject`; a path that does not exist raises
    InputNotFoundError before anything is written."""
    files = expand_inputs(inputs)
    written = rejected = 0
    with AtomicJsonlWriter(output) as writer:
        for item in read_articles(files, settings):
            if isinstance(item, Reject):
                rejected += 1
                if on_reject:
                    on_reject(item)
            else:
                writer.write(article_record(item))
                written += 1
    return ArticleCounts(written, rejected)


class ValidationCounts(NamedTuple):
    valid: int
    invalid: int


def validate_file(facts: Path, validator: RecordValidator, output: Path | None = None,
                  on_invalid: Callable[[Reject], None] | None = None) -> ValidationCounts:
    """Check every record of a facts JSONL file; each invalid line goes to `on_invalid`.

    With `output`, the valid records are written there and the invalid lines, as rejects, to
    rejects.jsonl beside it (both atomically). Raises InputNotFoundError for a missing file."""
    facts = Path(facts)
    if not facts.is_file():
        raise InputNotFoundError(f"{facts}: file not found")
    valid = invalid = 0
    with _writer_or_none(output) as kept, \
            _writer_or_none(output.parent / "rejects.jsonl" if output else None) as refused:
        for line in json_lines(facts):
            error = line.error if line.error is not None else validator.error(line.value)
            if error is None:
                valid += 1
                if kept:
                    kept.write(line.value)
                continue
            invalid += 1
            reject = Reject(str(facts), line.number, error)
            if on_invalid:
                on_invalid(reject)
            if refused:
                refused.write(reject.as_record())
    return ValidationCounts(valid, invalid)


def _writer_or_none(path: Path | None):
    """An atomic writer for `path`, or a context that yields None when there is nothing to write."""
    return AtomicJsonlWriter(path) if path else nullcontext()


# -- the run's summary and manifest --------------------------------------------------------------

@dataclass
class RunSummary:
    output_dir: Path
    documents: int = 0
    facts: Counter = field(default_factory=Counter)
    rejects: int = 0
    seconds: float = 0.0  # processing time, model loading excluded
    load_seconds: float = 0.0  # reading the config and schemas, loading the model and extractors
    copied: int = 0  # unchanged articles an incremental run took from the previous output
    resumed_after: int = 0  # inputs a resumed run found done in the staging folder
    resumed_documents: int = 0  # documents among them

    @property
    def extracted(self) -> int:
        """Documents this process extracted: not copied, not found done by a resume."""
        return self.documents - self.copied - self.resumed_documents

    @property
    def exit_status(self) -> int:
        return exit_status(self.rejects)

    def line(self) -> str:
        per_kind = ", ".join(f"{kind} {self.facts.get(kind, 0)}" for kind in KINDS)
        if self.facts.get("relation"):
            per_kind += f"; {self.facts['relation']} relations"
        rate = self.extracted / self.seconds if self.seconds else 0.0
        notes = (f", {self.copied} unchanged (skipped)" if self.copied else "") + \
            (f", resumed after {self.resumed_after} inputs" if self.resumed_after else "")
        return (f"{self.documents} documents, {sum(self.facts.values())} facts ({per_kind}), "
                f"{self.rejects} rejected{notes}, {rate:.1f} documents/s -> {self.output_dir}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_description(path: Path) -> dict:
    """An input's path and sha256; an input that cannot be read (it was rejected) says why instead."""
    try:
        return {"path": str(path), "sha256": file_sha256(path)}
    except OSError as error:
        return {"path": str(path), "sha256": None, "error": f"cannot read: {error.strerror or error}"}


def run_manifest(settings: Settings, summary: RunSummary, model: dict, inputs: Iterable[Path],
                 execution: dict, graph: dict | None) -> dict:
    """run.json: what ran (versions, config, model, inputs with their hashes), counts and timings.

    Everything but `timings` (durations, where a resumed run started, how many unchanged
    articles an incremental run copied) is the same for the same inputs and config."""
    return {
        "pipeline_version": __version__,
        "python": platform.python_version(),
        "config": str(settings.path),
        "config_hash": settings.config_hash,
        "model": model,
        "extractors": [spec.name for spec in settings.extractors],
        "inputs": [input_description(path) for path in inputs],
        "counts": {"documents": summary.documents, "rejects": summary.rejects,
                   "facts": {kind: summary.facts.get(kind, 0) for kind in MENTION_KINDS}},
        "timings": {"load_seconds": round(summary.load_seconds, 3),
                    "process_seconds": round(summary.seconds, 3),
                    "documents_per_second": round(summary.extracted / summary.seconds, 2)
                    if summary.seconds else None,
                    **execution},
        "graph": graph,
        "exit_status": summary.exit_status,
    }


# -- the run's output folder: built in a staging folder, checkpointed, swapped into place -------

CHECKPOINT = "checkpoint.json"
RUN_FILES = ("run.json", "facts.jsonl")  # a folder holding one of these was written by a run


class StagedFile:
    """An append-only file of the staging folder whose length a checkpoint records; reopened
    for a resume, it is cut back to that length, so work after the checkpoint is written again."""

    def __init__(self, path: Path, length: int | None = None):
        self.path = Path(path)
        self.handle = self.path.open("r+b" if length is not None else "wb")
        if length is not None:
            self.handle.truncate(length)
            self.handle.seek(length)

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def write_record(self, record: dict) -> None:
        self.handle.write((dumps(record) + "\n").encode("utf-8"))

    def tell(self) -> int:
        return self.handle.tell()

    def sync(self) -> int:
        """Make what was written durable; returns the length to record in a checkpoint."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.close()
            os.chmod(self.path, SHARED_FILE_MODE)


class OutputFolder:
    """A run's output folder and its staging folder beside it.

    A run writes everything into `staging` (`.NAME.staging`), then `commit()` swaps it into
    place: readers of `final` see the previous run whole, or this run whole. A crash between
    the two renames of the swap leaves `.NAME.previous`; `recover()` finishes or undoes it."""

    def __init__(self, final: Path):
        self.final = Path(final)
        resolved = self.final.resolve()  # `--output .` has no name of its own
        self.staging = resolved.parent / f".{resolved.name}.staging"
        self.previous = resolved.parent / f".{resolved.name}.previous"
        self.lock_path = resolved.parent / f".{resolved.name}.lock"

    @contextlib.contextmanager
    def locked(self):
        """Hold the folder for one run: a second run into the same folder at the same time is refused
        (they would share one staging folder). The lock is the kernel's (flock), so a killed run holds
        nothing; the lock file is removed at the end."""
        if fcntl is None:  # no flock on this platform: one run at a time is the user's to keep
            yield
            return
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PipelineError(f"{self.final}: another run is writing to this output folder") from None
            try:
                yield
            finally:
                self.lock_path.unlink(missing_ok=True)  # while still held: no other run can take a stale file

    def check(self) -> None:
        """Refuse a path a run must not replace: a file, or a folder of files no run wrote."""
        if self.final.exists() and not self.final.is_dir():
            raise PipelineError(f"{self.final}: the output path is a file, not a folder")
        if self.final.is_dir() and any(self.final.iterdir()) \
                and not any((self.final / name).exists() for name in RUN_FILES):
            raise PipelineError(f"{self.final}: the folder holds files no run wrote, and a run replaces its "
                                f"output folder whole; choose a new or empty folder")

    def recover(self) -> None:
        """Finish a swap a crash interrupted: the staging folder if it was complete, else the previous."""
        if self.previous.exists() and not self.final.exists():
            checkpoint = self.read_checkpoint() or {}
            os.replace(self.staging if checkpoint.get("complete") else self.previous, self.final)
        if self.final.is_dir():
            (self.final / CHECKPOINT).unlink(missing_ok=True)
        if self.previous.exists():
            shutil.rmtree(self.previous)

    def start(self) -> None:
        """An empty staging folder (what a crashed run left there is dropped)."""
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    def read_checkpoint(self) -> dict | None:
        try:
            return json.loads((self.staging / CHECKPOINT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_checkpoint(self, checkpoint: dict) -> None:
        write_json_atomic(self.staging / CHECKPOINT, checkpoint)

    def commit(self, checkpoint: dict) -> None:
        """Mark the staging folder complete and swap it into place; the previous output is
        removed once it is out of sight."""
        self.write_checkpoint({**checkpoint, "complete": True})
        os.chmod(self.staging, 0o755)
        if self.final.exists():
            os.replace(self.final, self.previous)
        os.replace(self.staging, self.final)
        _sync_folder(self.final.parent)
        (self.final / CHECKPOINT).unlink()
        if self.previous.exists():
            shutil.rmtree(self.previous)


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


# -- what an incremental run reads of the previous run ------------------------------------------

STAGED = {"facts": "facts.jsonl", "rejects": "rejects.jsonl", "state": "state.jsonl"}


def run_fingerprint(settings: Settings, validate: bool) -> str:
    """What, besides an article itself, decides its records: the pipeline's code and version, the
    config, its rule files and schemas, the model and the trained NER. Equal fingerprints and equal
    articles give equal records, which is what lets an incremental run copy them."""
    digest = hashlib.sha256()
    for part in (__version__, settings.config_hash, settings.model.name, _package_version(settings.model.name),
                 str(validate)):
        digest.update(f"{part}\n".encode("utf-8"))
    folders = [Path(__file__).parent, settings.config_dir / "patterns", PROJECT_CONFIG_DIR / "patterns",
               settings.schema_dir, settings.trained_ner_path]  # a config elsewhere may read the shipped rules
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(folder)}\n{file_sha256(path)}\n".encode("utf-8"))
    return digest.hexdigest()


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return ""


def article_key(article: Article) -> list:
    """Where an article comes from: the same key in the next run is the same article, maybe edited."""
    return [article.source, article.line, article.doc_id]


def article_digest(fingerprint: str, article: Article) -> str:
    content = json.dumps(dataclasses.asdict(article), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{fingerprint}\n{content}".encode("utf-8")).hexdigest()


class PreviousRun:
    """The run in the output folder, as an incremental run reads it: per article its digest and
    where its lines lie in facts.jsonl and rejects.jsonl (state.jsonl)."""

    def __init__(self, folder: Path, entries: dict, manifest: dict):
        self.folder, self.entries, self.manifest = folder, entries, manifest
        self.model = manifest.get("model")
        self.handles = {name: (folder / STAGED[name]).open("rb") for name in ("facts", "rejects")}

    @classmethod
    def open(cls, folder: Path) -> PreviousRun | None:
        """None when there is no complete previous run to copy from."""
        needed = [folder / STAGED[name] for name in STAGED] + [folder / "run.json"]
        if not all(path.is_file() for path in needed):
            return None
        entries = {}
        with (folder / STAGED["state"]).open(encoding="utf-8") as state:
            for line in state:
                entry = json.loads(line)
                entries[json.dumps(entry["key"])] = entry
        return cls(folder, entries, json.loads((folder / "run.json").read_text(encoding="utf-8")))

    def unchanged(self, article: Article, digest: str) -> dict | None:
        entry = self.entries.get(json.dumps(article_key(article)))
        return entry if entry is not None and entry["hash"] == digest else None

    def has_same_facts(self, facts: Path) -> bool:
        """Whether `facts` equals this run's facts.jsonl byte for byte (then so would its graph)."""
        previous = self.folder / STAGED["facts"]
        return previous.stat().st_size == facts.stat().st_size and file_sha256(previous) == file_sha256(facts)

    def read(self, name: str, span: list[int]) -> bytes:
        handle = self.handles[name]
        handle.seek(span[0])
        return handle.read(span[1] - span[0])

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
