"""The Python API: `load()` a configured spaCy pipeline, `extract()` one text, `extract_many()` a stream.

The pipeline is the model a run parses with (`executors.load_run_model`'s components and the trained
NER) plus one component per configured extractor (`components.py`), in `[extractors] order`, with
the config's options: the same rules as `pipeline run`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from spacy.language import Language

from .components import add_components
from .config import DEFAULT_CONFIG_PATH, load_settings
from .executors import requested_components
from .nlp import TRAINED_NER, load_model

# Pipelines built by `load`, by config path: `extract` loads the model once per process.
_PIPELINES: dict[str, Language] = {}


def load(config: str | Path | None = None) -> Language:
    """A new spaCy pipeline configured by `config` (default: the package's configs/default.toml)."""
    settings = load_settings(config or DEFAULT_CONFIG_PATH)
    requested = requested_components(settings) - {TRAINED_NER}
    # load_model shares its pipelines within the process; this one gets components added, so it
    # is a copy of the run's model, never the shared object.
    shared = load_model(settings.model.name, requested)
    nlp = shared.__class__.from_config(shared.config, vocab=shared.vocab)
    nlp.from_bytes(shared.to_bytes())
    return add_components(nlp, settings)


def _pipeline(config: str | Path | None) -> Language:
    key = str(Path(config or DEFAULT_CONFIG_PATH).resolve())
    if key not in _PIPELINES:
        _PIPELINES[key] = load(config)
    return _PIPELINES[key]


def _as_item(item: str | Mapping, index: int) -> tuple[str, dict]:
    if isinstance(item, str):
        return item, {"doc_id": f"doc-{index}"}
    if "text" not in item:
        raise ValueError(f"item {index}: a dict needs a 'text' key (and may have 'id', 'date', 'title')")
    return item["text"], {"doc_id": str(item.get("id", item.get("doc_id", f"doc-{index}"))),
                          "date": item.get("date"), "title": item.get("title")}


def extract_many(texts: Iterable[str | Mapping], batch_size: int = 16, config: str | Path | None = None,
                 n_process: int = 1) -> Iterator[list[dict]]:
    """The records of each text, in input order, as they are made (`nlp.pipe`, model loaded once).
    An item is a text (doc id `doc-N`) or a dict with `text` and optional `id`, `date`, `title`."""
    nlp = _pipeline(config)
    pairs = (_as_item(item, index) for index, item in enumerate(texts))
    tuples = ((nlp.make_doc(text), metadata) for text, metadata in pairs)
    for doc in nlp.pipe(_with_metadata(tuples), batch_size=batch_size, n_process=n_process):
        yield doc._.facts


def _with_metadata(pairs: Iterable[tuple]) -> Iterator:
    for doc, metadata in pairs:
        for key, value in metadata.items():
            setattr(doc._, key, value)
        yield doc


def extract(text: str, date: str | dt.date | None = None, doc_id: str = "doc", title: str | None = None,
            config: str | Path | None = None) -> list[dict]:
    """The fact records of one text, as `pipeline run` writes them to facts.jsonl. `date` is the
    publication date (ISO or a date) that anchors relative dates; without it, a date line at the
    top of the text does, as in a run."""
    item = {"text": text, "id": doc_id, "date": date, "title": title}
    return next(extract_many([item], batch_size=1, config=config))
