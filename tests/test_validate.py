"""The record contract: a record that breaks its schema never reaches facts.jsonl."""
from __future__ import annotations

import copy

import pytest

from pipeline.config import load_settings
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
