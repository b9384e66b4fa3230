"""The project's trained NER alone: its PERSON and WORK spans as person and title facts.

Used by `configs/trained_only.toml` to measure the trained component (`pipeline train`,
models/news_ner) the way `configs/model_only.toml` measures the base model's NER. The
component writes `doc.spans["news_ner"]`, never `doc.ents`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span

from ..nlp import TRAINED_NER
from .ner import ModelEntityExtractor
from .registry import register

DEFAULT_LABELS = {"PERSON": "person", "WORK": "title"}  # ORG, LOC, PRODUCT: negative evidence only


@register("trained_ner")
class TrainedEntityExtractor(ModelEntityExtractor):
    """Every span of the trained NER whose label maps to a fact kind."""

    kinds = ("person", "title")
    requires = (TRAINED_NER,)

    @dataclass
    class Options:
        labels: dict = field(default_factory=lambda: dict(DEFAULT_LABELS))

    def entities(self, doc: Doc) -> Iterable[Span]:
        return doc.spans.get(TRAINED_NER, [])
