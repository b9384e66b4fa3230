"""Atomic writers: a crash never leaves a half-written line or file behind."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import jsonlines


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


def write_json_atomic(path: Path, data: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, sort_keys=True, ensure_ascii=False)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
