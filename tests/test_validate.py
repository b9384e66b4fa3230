"""The record contract: a record that breaks its schema never reaches facts.jsonl."""
from __future__ import annotations

import copy
import json

import pytest

from pipeline.config import load_settings
from pipeline.errors import InputNotFoundError
from pipeline.output import validate_file
from pipeline.validate import RecordValidator

from conftest import DEFAULT_CONFIG

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
