"""Atomic writers: a crash never leaves a half-written line or file behind."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import jsonlines


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
