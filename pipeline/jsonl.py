"""The one JSON Lines reader: every file the project reads a line at a time goes through here.

Two ways to use it, because callers differ in what a bad line means:
- `json_lines(path)` yields every non-blank line as a `JsonLine`, a broken one with its `error`,
  so a reader of user input (ingest, validate) can reject that line and go on;
- `read_json_objects(path, error)` is for files that must be whole (gold sets, rule data, facts
  read back): the first bad line raises `error` naming the file and line.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the valid ones into one character

@dataclass(frozen=True)
class JsonLine:
    number: int  # 1-based line number in the file
    value: object = None  # the parsed JSON (any type), None when `error` is set
    error: str | None = None  # why the line could not be read, without the file and line


def decode_text(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for UTF-8 text; (None, reason) for binary data or another encoding."""
    if b"\x00" in data:
        return None, "binary data (NUL bytes): not a text article"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, (f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                      "re-encode the file as UTF-8")


def json_lines(path: str | Path) -> Iterator[JsonLine]:
    """Each non-blank line of a JSONL file, parsed or with the reason it could not be.

    Raises OSError when the file cannot be opened; the caller names it in its own terms."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            text, problem = decode_text(raw)
            if problem is not None:
                yield JsonLine(number, error=problem)
                continue
            value, problem = parse_json(text)
            yield JsonLine(number, error=problem) if problem else JsonLine(number, value)


def parse_json(text: str) -> tuple[object, str | None]:
    """(value, None) for one JSON text; (None, reason) when it is malformed or cannot be held.

    Beyond malformed JSON, three inputs the json module reads badly: nesting deeper than Python's
    recursion limit (RecursionError), an integer of more than 4,300 digits (ValueError), and a
    `\\ud800` escape with no partner, a string that no UTF-8 file can hold, so writing facts would
    fail later."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"malformed JSON: {error.msg} at column {error.colno}"
    except RecursionError:
        return None, "JSON nested too deeply to read"
    except ValueError as error:  # the int digit limit: "Exceeds the limit (4300 digits) ..."
        return None, f"JSON number too long to read: {str(error).split(':')[0]}"
    if "\\u" in text and _has_lone_surrogate(value):
        return None, "a string holds an unpaired UTF-16 surrogate escape (\\ud800-\\udfff): not valid text"
    return value, None


def _has_lone_surrogate(value) -> bool:
    """True when any string (key or value) in a parsed JSON value holds a lone surrogate.
    Iterative: the value may be nested as deep as json allows."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def read_json_objects(path: str | Path, error: type[Exception] = ValueError) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a file that must be whole JSONL objects.

    The first problem raises `error` with a one-line message naming the file and line."""
    try:
        lines = json_lines(path)
        for line in lines:
            if line.error is not None:
                raise error(f"{path}:{line.number}: {line.error}")
            if not isinstance(line.value, dict):
                raise error(f"{path}:{line.number}: expected a JSON object, got {type(line.value).__name__}")
            yield line.number, line.value
    except OSError as problem:
        raise error(f"{path}: cannot be read: {problem.strerror or problem}") from None
