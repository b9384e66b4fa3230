"""The record contract: a record that breaks its schema never reaches facts.jsonl."""
from __future__ import annotations

import copy
import json

import pytest

from pipeline.config import load_settings
from pipeline.errors import InputNotFoundError
from pipeline.output import validate_file
from pipeline.validate import RecordValidator

from conftest import DEFAULT_CONFIG, SEED_ARTICLE

GOOD = {
    "fact_id": "0123456789abcdef", "doc_id": "d1", "kind": "date", "text": "last year",
    "start": 10, "end": 19, "sentence": {"start": 0, "end": 40},
    "value": {"timex_type": "DATE", "value": "2021"}, "confidence": 0.9, "extractor": "rule:relative",
}


@pytest.fixture(scope="module")
def validator():
    return RecordValidator(load_settings(DEFAULT_CONFIG).schema_dir)


def test_good_record_passes(validator):
    assert validator.error(GOOD) is None


@pytest.mark.parametrize("path, bad, message", [
    (("kind",), "event", "kind"),
    (("confidence",), 1.5, "confidence"),
    (("value", "timex_type"), "PERIOD", "value/timex_type"),
    (("fact_id",), "xyz", "fact_id"),
    (("sentence",), None, "sentence"),
    (("end",), 12, "text does not match"),
])
def test_broken_record_is_refused_with_the_key(validator, path, bad, message):
    record = copy.deepcopy(GOOD)
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    error = validator.error(record)
    assert error is not None and message in error


def test_a_kind_that_is_no_string_is_refused_by_name(validator):
    assert validator.error(dict(GOOD, kind=["date"])).startswith("unknown record kind ['date']")


def test_extra_field_is_refused(validator):
    record = dict(GOOD, surprise=True)
    assert "surprise" in validator.error(record)


def test_validate_file_sorts_lines_into_valid_and_rejects(validator, tmp_path):
    facts = tmp_path / "facts.jsonl"
    facts.write_text(json.dumps(GOOD) + "\n\n" + '{"kind": "date"\n' + json.dumps(dict(GOOD, end=12)) + "\n",
                     encoding="utf-8")
    refused = []
    counts = validate_file(facts, validator, tmp_path / "out" / "facts.jsonl", on_invalid=refused.append)
    assert counts == (1, 2)
    assert [(r.line, r.reason.split(":")[0]) for r in refused] == [(3, "malformed JSON"),
                                                                   (4, "text does not match the span's length")]
    assert [json.loads(line) for line in (tmp_path / "out" / "facts.jsonl").read_text().splitlines()] == [GOOD]
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(r["source"], r["line"]) for r in rejects] == [(str(facts), 3), (str(facts), 4)]


def test_validate_file_without_output_writes_nothing(validator, tmp_path):
    facts = tmp_path / "facts.jsonl"
    facts.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert validate_file(facts, validator) == (1, 0)
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]
    with pytest.raises(InputNotFoundError, match="file not found"):
        validate_file(tmp_path / "missing.jsonl", validator)


def _seed_records() -> list[dict]:
    """The seed article's records, as `pipeline run` builds them."""
    from pipeline import api

    return api.extract(SEED_ARTICLE.read_text(encoding="utf-8"), doc_id="seed", date="2022-02-07")


def _broken_copies(record: dict):
    """The record with each field, at every depth, removed or given a value of another type, plus an
    extra field: the mistakes a rule can make when it builds a record."""
    yield dict(record, surprise=True)
    for path in _paths(record):
        for replacement in (None, "x", "", -1, 0.5, 10**12, True, [], {}, "2022-13-45", "not a date"):
            broken = copy.deepcopy(record)
            target = broken
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = replacement
            yield broken
        removed = copy.deepcopy(record)
        target = removed
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        yield removed


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*prefix, key)
            yield from _paths(inner, (*prefix, key))


def test_the_fast_validator_agrees_with_jsonschema_on_real_and_broken_records(validator):
    # The run trusts jsonschema_rs's "valid" without asking jsonschema: they must never disagree.
    checked = 0
    for record in _seed_records():
        for candidate in [record, *_broken_copies(record)]:
            kind = candidate.get("kind")
            if not isinstance(kind, str) or kind not in validator.fast:  # refused before any schema is read
                assert validator.error(candidate).startswith("unknown record kind")
                continue
            reference = not any(validator.validators[kind].iter_errors(candidate))
            assert validator.fast[kind].is_valid(candidate) == reference, candidate
            checked += 1
    assert checked > 5000
