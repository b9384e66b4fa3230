"""Model loading: only the components needed, and the tokenizer settings every run shares."""
from __future__ import annotations

import pytest

from pipeline.errors import ModelNotFoundError
from pipeline.nlp import load_model, required_components

from conftest import MODEL


@pytest.mark.parametrize("text, tokens", [
    ("The Salt Road‘s finale", ["The", "Salt", "Road", "‘s", "finale"]),  # apostrophe typed as an opening quote
    ("The Salt Road’s finale", ["The", "Salt", "Road", "’s", "finale"]),
    ("Ann Lee's album", ["Ann", "Lee", "'s", "album"]),
    ("‘Glass’ opened", ["‘", "Glass", "’", "opened"]),  # quotes still split as quotes
])
def test_possessives_split_however_the_apostrophe_is_typed(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_only_needed_components_load():
    nlp = load_model(MODEL, ["ner"])
    assert "ner" in nlp.pipe_names and "parser" not in nlp.pipe_names
    assert "senter" in nlp.pipe_names  # sentence bounds for every record


def test_a_model_loads_once_per_process():
    assert load_model(MODEL, ["ner"]) is load_model(MODEL, ["ner"])
    assert load_model(MODEL, ["ner"]) is not load_model(MODEL, ["ner", "parser"])


def test_required_components_close_over_dependencies():
    assert required_components(["lemmatizer"]) >= {"lemmatizer", "tagger", "attribute_ruler", "tok2vec", "senter"}


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFoundError):
        load_model("no_such_model_xyz")
