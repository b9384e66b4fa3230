"""Schema checks at the boundary: no record reaches facts.jsonl unvalidated.

Two validators read the same schemas: `jsonschema_rs` (compiled, about a hundred times faster)
answers "valid?" for every record, and `jsonschema`, the reference implementation, has the last
word on a record the fast one refuses and writes the reason. So the verdicts and the messages are
those of `jsonschema`, and a run pays its cost only for the rare refused record.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .errors import ConfigError

RECORD_KINDS = ("document", "person", "title", "organization", "date", "numeric_claim", "relation")


class RecordValidator:
    """Validates records against `<kind>.schema.json` files in one folder."""

    def __init__(self, schema_dir: Path):
        if not schema_dir.is_dir():
            raise ConfigError(f"schemas.dir: schema folder not found: {schema_dir}")
        by_uri = []  # (the URI a `$ref` names it by, schema)
        schemas = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise ConfigError(f"{path}: not valid JSON: {error}") from None
            Draft202012Validator.check_schema(schema)
            by_uri.append((schema.get("$id", path.name), schema))
            schemas[path.name.removesuffix(".schema.json")] = schema
        missing = [kind for kind in RECORD_KINDS if kind not in schemas]
        if missing:
            raise ConfigError(f"schemas.dir: {schema_dir} has no schema for "
                              + ", ".join(f"'{kind}' ({kind}.schema.json)" for kind in missing))
        registry = Registry().with_resources((uri, Resource.from_contents(schema)) for uri, schema in by_uri)
        self.validators = {kind: Draft202012Validator(schema, registry=registry,
                                                      format_checker=Draft202012Validator.FORMAT_CHECKER)
                           for kind, schema in schemas.items()}
        try:
            fast_registry = jsonschema_rs.Registry(by_uri)
            self.fast = {kind: jsonschema_rs.validator_for(schema, registry=fast_registry, validate_formats=True)
                         for kind, schema in schemas.items()}
        except (ValueError, jsonschema_rs.ReferencingError) as error:  # e.g. a `$ref` to a file not in the folder
            raise ConfigError(f"schemas.dir: {schema_dir}: {str(error).splitlines()[0]}") from None

    def error(self, record: dict) -> str | None:
        """None when the record is valid, else a one-line reason naming the failing key."""
        kind = record.get("kind") if isinstance(record, dict) else None
        validator = self.validators.get(kind) if isinstance(kind, str) else None
        if validator is None:
            return f"unknown record kind {kind!r} (known: {', '.join(sorted(self.validators))})"
        if self.fast[kind].is_valid(record):
            return _offset_error(record)
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
