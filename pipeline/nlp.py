"""Builds the spaCy pipeline once per run: the configured base model, with
only the components that the enabled extractors read, and the project's trained
NER (`[model] trained_ner`) beside the base model's own `ner` when an extractor reads it."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import ConfigError, ModelNotFoundError

# The project's trained NER component (models/news_ner, `pipeline train`): its name in the
# pipeline and the `doc.spans` key it writes. It never writes `doc.ents`, so the base model's
# entities, which the rule extractors read, stay as they are.
TRAINED_NER = "news_ner"

# What each component needs to run before it in the small English models.
COMPONENT_NEEDS = {
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "attribute_ruler": {"tagger"},
    "lemmatizer": {"tagger", "attribute_ruler"},
    "senter": set(),
    "ner": set(),
    TRAINED_NER: set(),  # its own embedding: needs only the tokens
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
_LOADED: dict[tuple[str, frozenset[str], str], Language] = {}


def load_model(name: str, requested: Iterable[str] = (), trained_ner: str | Path | None = None) -> Language:
    """The model `name` without the components no extractor reads, loaded once per process;
    with the trained NER at `trained_ner` added as component `news_ner` when one reads it."""
    needed = frozenset(required_components(requested))
    # The trained NER's folder tells pipelines apart only where it is loaded, spelled any way.
    trained = str(Path(trained_ner).resolve()) if trained_ner and TRAINED_NER in needed else ""
    key = (name, needed, trained)
    if key not in _LOADED:
        nlp = _load(name, needed - {TRAINED_NER})
        if TRAINED_NER in needed:
            add_trained_ner(nlp, trained_ner)
        _LOADED[key] = nlp
    return _LOADED[key]


def add_trained_ner(nlp: Language, path: str | Path | None) -> None:
    """Add the pipeline saved at `path` (its `ner`) as component `news_ner`, writing `doc.spans`."""
    if not path:
        raise ConfigError(f"an extractor reads the trained NER ('{TRAINED_NER}'), but model.trained_ner is not "
                          "set; set it to the folder `pipeline train` wrote, e.g. \"../models/news_ner\"")
    if not (Path(path) / "meta.json").is_file():
        raise ConfigError(f"model.trained_ner: no trained pipeline at {path} (no meta.json); "
                          "build it with `pipeline train` (make model)")
    nlp.add_pipe("trained_ner_spans", name=TRAINED_NER, config={"path": str(path), "spans_key": TRAINED_NER})


def tokens_only(doc: Doc, vocab=None) -> Doc:
    """A new Doc with the tokens (and spaces) of `doc` and nothing else: no entities, tags or parse."""
    return Doc(vocab or doc.vocab, words=[token.text for token in doc], spaces=[bool(token.whitespace_) for token in doc])


class TrainedNerSpans:
    """Runs a trained `ner` on a copy of each Doc (same tokens) and puts its entities in
    `doc.spans[spans_key]`: the base model's `doc.ents` are never touched."""

    def __init__(self, path: str, spans_key: str):
        trained = spacy.load(path, exclude=["senter", "tok2vec", "parser", "tagger"])
        self.ner = trained.get_pipe("ner")
        self.vocab = trained.vocab
        self.spans_key = spans_key
        self.description = {"path": str(path), "name": trained.meta.get("name"),
                            "version": trained.meta.get("version")}

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in spacy.util.minibatch(docs, size=batch_size):
            copies = [tokens_only(doc, self.vocab) for doc in batch]
            for doc, copy in zip(batch, self.ner.pipe(copies, batch_size=batch_size)):
                doc.spans[self.spans_key] = [Span(doc, ent.start, ent.end, label=ent.label_) for ent in copy.ents]
                yield doc


@Language.factory("trained_ner_spans", default_config={"path": "", "spans_key": TRAINED_NER})
def make_trained_ner_spans(nlp: Language, name: str, path: str, spans_key: str) -> TrainedNerSpans:
    return TrainedNerSpans(path, spans_key)


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
    description = {"name": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
                   "version": meta.get("version"), "spacy_version": meta.get("spacy_version"),
                   "components": list(nlp.pipe_names)}
    if TRAINED_NER in nlp.pipe_names:  # which trained weights made the news_ner spans
        description[TRAINED_NER] = nlp.get_pipe(TRAINED_NER).description
    return description
