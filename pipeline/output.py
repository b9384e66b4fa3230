"""The write stage: atomic writers (a crash never leaves a half-written line or file behind),
what the `ingest` and `validate` commands write, and the run's summary and manifest (run.json)."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

import jsonlines

from . import __version__
from .article import Reject
from .config import InputSettings, Settings
from .errors import InputNotFoundError, exit_status
from .ingest import article_record, expand_inputs, read_articles
from .jsonl import json_lines
from .mention import KINDS, MENTION_KINDS
from .validate import RecordValidator


# mkstemp makes files private to their owner; outputs are read by the rest of the team and its jobs.
SHARED_FILE_MODE = 0o644


def dumps(record) -> str:
    """One canonical line per record, so equal records give equal bytes."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


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
        self.writer.close()
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.temporary, SHARED_FILE_MODE)
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        if not self.handle.closed:
            self.handle.close()
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
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, SHARED_FILE_MODE)
    os.replace(temporary, path)


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

    @property
    def exit_status(self) -> int:
        return exit_status(self.rejects)

    def line(self) -> str:
        per_kind = ", ".join(f"{kind} {self.facts.get(kind, 0)}" for kind in KINDS)
        if self.facts.get("relation"):
            per_kind += f"; {self.facts['relation']} relations"
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (f"{self.documents} documents, {sum(self.facts.values())} facts ({per_kind}), "
                f"{self.rejects} rejected, {rate:.1f} documents/s -> {self.output_dir}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_manifest(settings: Settings, summary: RunSummary, model: dict, inputs: Iterable[Path],
                 extractor_seconds: dict[str, float], graph: dict | None) -> dict:
    """run.json: what ran (versions, config, model, inputs with their hashes), counts and timings."""
    return {
        "pipeline_version": __version__,
        "python": platform.python_version(),
        "config": str(settings.path),
        "config_hash": settings.config_hash,
        "model": model,
        "extractors": [spec.name for spec in settings.extractors],
        "inputs": [{"path": str(path), "sha256": file_sha256(path)} for path in inputs],
        "counts": {"documents": summary.documents, "rejects": summary.rejects,
                   "facts": {kind: summary.facts.get(kind, 0) for kind in MENTION_KINDS}},
        "timings": {"load_seconds": round(summary.load_seconds, 3),
                    "process_seconds": round(summary.seconds, 3),
                    "documents_per_second": round(summary.documents / summary.seconds, 2)
                    if summary.seconds else None,
                    "extractor_seconds": {name: round(seconds, 3) for name, seconds in extractor_seconds.items()}},
        "graph": graph,
        "exit_status": summary.exit_status,
    }
