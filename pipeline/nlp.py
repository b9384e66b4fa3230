"""Builds the spaCy pipeline once per run: the configured base model, with
only the components that the enabled extractors read."""
from __future__ import annotations

import re
from typing import Iterable

import spacy
from spacy.language import Language

from .errors import ModelNotFoundError

# What each component needs to run before it in the small English models.
COMPONENT_NEEDS = {
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "attribute_ruler": {"tagger"},
    "lemmatizer": {"tagger", "attribute_ruler"},
    "senter": set(),
    "ner": set(),
}


def required_components(requested: Iterable[str]) -> set[str]:
    """Close the requested set under COMPONENT_NEEDS; every run needs sentences."""
    needed = set(requested)
    if "parser" not in needed:
        needed.add("senter")  # sentence bounds for every record, without the parser's cost
    pending = list(needed)
    while pending:
        for dependency in COMPONENT_NEEDS.get(pending.pop(), set()):
            if dependency not in needed:
                needed.add(dependency)
                pending.append(dependency)
    return needed


# Loaded pipelines by (model name, components kept): a process that runs the pipeline
# several times (the Python API, `pipeline eval` over several gold sets, the tests) pays
# for each model once. Nothing downstream changes a loaded pipeline, so sharing is safe.
_LOADED: dict[tuple[str, frozenset[str]], Language] = {}


def load_model(name: str, requested: Iterable[str] = ()) -> Language:
    """The model `name` without the components no extractor reads, loaded once per process."""
    needed = frozenset(required_components(requested))
    key = (name, needed)
    if key not in _LOADED:
        _LOADED[key] = _load(name, needed)
    return _LOADED[key]


def _load(name: str, needed: frozenset[str]) -> Language:
    if not spacy.util.is_package(name) and not spacy.util.is_package(name.replace("_", "-")):
        try:
            spacy.util.get_package_path(name)
        except Exception:  # spaCy raises a bare Exception subclass per version
            raise ModelNotFoundError(name) from None
    try:
        available = spacy.util.get_model_meta(spacy.util.get_package_path(name))
        components = list(available.get("components", []))
    except Exception:
        components = []
    exclude = [c for c in components if c not in needed]
    try:
        nlp = spacy.load(name, exclude=exclude)
    except OSError:
        raise ModelNotFoundError(name) from None
    if "senter" in needed and "senter" in nlp.component_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    split_typographic_possessives(nlp)
    return nlp


def split_typographic_possessives(nlp: Language) -> None:
    """Split "Time‘s" like "Time’s": some publishing systems set the apostrophe as an opening quote
    (U+2018), and the stock tokenizer then keeps the possessive glued to the name."""
    search = nlp.tokenizer.suffix_search
    regex = getattr(search, "__self__", None)  # the compiled pattern the tokenizer was built with
    if regex is None:
        return
    if "‘s" not in regex.pattern:  # keep the model's own suffix rules, add the two spellings
        nlp.tokenizer.suffix_search = re.compile(regex.pattern + "|‘s$|‘S$").search


def model_description(nlp: Language) -> dict:
    meta = nlp.meta
    return {"name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
            "version": meta.get("version"), "spacy_version": meta.get("spacy_version"),
            "components": list(nlp.pipe_names)}
