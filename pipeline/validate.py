"""Schema checks at the boundary: no record reaches facts.jsonl unvalidated."""
from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, NamedTuple

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .article import Reject
from .errors import ConfigError, InputNotFoundError
from .jsonl import json_lines
from .output import AtomicJsonlWriter

RECORD_KINDS = ("document", "person", "title", "date", "numeric_claim", "relation")


class RecordValidator:
    """Validates records against `<kind>.schema.json` files in one folder."""

    def __init__(self, schema_dir: Path):
        if not schema_dir.is_dir():
            raise ConfigError(f"schemas.dir: schema folder not found: {schema_dir}")
        resources = []
        schemas = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise ConfigError(f"{path}: not valid JSON: {error}") from None
            Draft202012Validator.check_schema(schema)
            resources.append((schema.get("$id", path.name), Resource.from_contents(schema)))
            schemas[path.name.removesuffix(".schema.json")] = schema
        missing = [kind for kind in RECORD_KINDS if kind not in schemas]
        if missing:
            raise ConfigError(f"schemas.dir: {schema_dir} has no schema for "
                              + ", ".join(f"'{kind}' ({kind}.schema.json)" for kind in missing))
        registry = Registry().with_resources(resources)
        self.validators = {kind: Draft202012Validator(schema, registry=registry,
                                                      format_checker=Draft202012Validator.FORMAT_CHECKER)
                           for kind, schema in schemas.items()}

    def error(self, record: dict) -> str | None:
        """None when the record is valid, else a one-line reason naming the failing key."""
        kind = record.get("kind") if isinstance(record, dict) else None
        validator = self.validators.get(kind)
        if validator is None:
            return f"unknown record kind {kind!r} (known: {', '.join(sorted(self.validators))})"
        error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
        if error is None:
            return _offset_error(record)
        where = "/".join(str(part) for part in error.absolute_path) or "(record)"
        return f"schema {kind}.schema.json: {where}: {error.message}"


def _offset_error(record: dict) -> str | None:
    if record.get("kind") == "document":
        return None
    if record["end"] <= record["start"]:
        return f"end ({record['end']}) must be after start ({record['start']})"
    if len(record["text"]) != record["end"] - record["start"]:
        return "text does not match the span's length"
    return None


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
