"""Standard input and output as a run's inputs and output (`--input -`, `--output -`).

The run itself never sees a stream: standard input is spooled into a temporary file that the
readers of `ingest` take like any other input (JSONL when its first line is a JSON object, else
one plain-text article), and a run whose output is standard output writes into a temporary
folder whose facts.jsonl is then copied to the stream. So `cat feed.jsonl | pipeline run cfg
--input - --output - | jq ...` gives the same records as a run over files.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from .errors import InputNotFoundError

STDIO = "-"  # the path that names standard input (as an input) or standard output (as an output)
STDIN_STEM = "stdin"  # spooled as stdin.jsonl or stdin.txt: a text article's doc id is "stdin.txt"


def is_stdio(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIO


def looks_like_jsonl(first_line: bytes) -> bool:
    """A first non-blank line that parses as a JSON object: the stream is JSONL, else plain text."""
    try:
        return isinstance(json.loads(first_line), dict)
    except ValueError:
        return False


@contextmanager
def spooled_inputs(inputs: Sequence[str] | None, stdin: BinaryIO) -> Iterator[list[str] | None]:
    """`inputs` with "-" replaced by a temporary file holding standard input (removed afterwards).
    Without "-" among them, `inputs` as they are and standard input is not read."""
    if not inputs or not any(is_stdio(item) for item in inputs):
        yield list(inputs) if inputs else inputs
        return
    first = stdin.readline()
    while first and not first.strip():  # blank lines before the first article
        first = stdin.readline()
    if not first:
        raise InputNotFoundError("--input -: standard input is empty; pipe articles in "
                                 "(JSONL, one per line, or one plain-text article)")
    suffix = ".jsonl" if looks_like_jsonl(first) else ".txt"
    with tempfile.TemporaryDirectory(prefix="pipeline-stdin-") as folder:
        spooled = Path(folder) / f"{STDIN_STEM}{suffix}"
        with open(spooled, "wb") as file:
            file.write(first)
            shutil.copyfileobj(stdin, file)  # in chunks: a long feed is never held in memory
        yield [str(spooled) if is_stdio(item) else item for item in inputs]


@contextmanager
def output_folder(output: str | Path | None) -> Iterator[Path | None]:
    """The folder a run writes into: `output` itself, or for "-" a temporary one (removed afterwards)
    whose facts.jsonl `copy_facts` sends to standard output."""
    if not is_stdio(output):
        yield Path(output) if output is not None else None
        return
    with tempfile.TemporaryDirectory(prefix="pipeline-stdout-") as folder:
        yield Path(folder) / "out"


def copy_file(path: Path, stream: BinaryIO) -> None:
    """The file at `path`, byte for byte onto `stream`."""
    with open(path, "rb") as file:
        shutil.copyfileobj(file, stream)
    stream.flush()


def copy_facts(folder: Path, stream: BinaryIO, renamed: dict[str, str] | None = None) -> None:
    """The facts.jsonl a run wrote into `folder` onto `stream`, each source path in `renamed` shown
    as its new name: records name the spooled file of standard input "-", so the same input
    gives the same bytes every time. Without `renamed`, byte for byte."""
    if not renamed:
        copy_file(folder / "facts.jsonl", stream)
        return
    # A spooled file's path is a fresh temporary name: it occurs nowhere but as a source.
    replacements = [(json.dumps(old).encode(), json.dumps(new).encode()) for old, new in renamed.items()]
    with open(folder / "facts.jsonl", "rb") as facts:
        for line in facts:
            for old, new in replacements:
                line = line.replace(old, new)
            stream.write(line)
    stream.flush()


def stdin_sources(inputs: Sequence[str] | None, spooled: Sequence[str] | None) -> dict[str, str]:
    """{spooled file: "-"} for the "-" of `inputs` that `spooled_inputs` replaced in `spooled`."""
    return {new: STDIO for old, new in zip(inputs or [], spooled or []) if is_stdio(old)}


def without_folder_graph(settings):
    """`settings` without the graph a run would build inside its output folder: for a run whose
    output folder is temporary, where that graph would be thrown away. A long-lived store (an
    absolute graph.store) is still loaded. The facts are the same either way."""
    if not settings.graph.enabled or Path(settings.graph.store).is_absolute():
        return settings
    return dataclasses.replace(settings, graph=dataclasses.replace(settings.graph, enabled=False))
