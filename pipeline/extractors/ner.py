"""The model alone: spaCy's NER labels mapped to fact kinds, with no values.

Used by `configs/model_only.toml` to measure what the rules add; the rule
extractors call the model themselves and do not need this one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from ..article import Article
from ..mention import Found, Mention
from .base import ExtractorContext
from .registry import register

DEFAULT_LABELS = {
    "PERSON": "person",
    "WORK_OF_ART": "title",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "numeric_claim",
    "ORDINAL": "numeric_claim",
    "PERCENT": "numeric_claim",
    "MONEY": "numeric_claim",
    "QUANTITY": "numeric_claim",
}


def placeholder_value(kind: str, label: str, text: str) -> dict:
    """The value the model alone can give: the surface form, nothing normalized."""
    if kind == "person":
        return {"name": text}
    if kind == "title":
        return {"title": text, "work_type": "other"}
    if kind == "date":
        return {"timex_type": "TIME" if label == "TIME" else "DATE", "value": None}
    return {"value": None, "unit": None, "quantity": "other"}


def labelled_mentions(spans: Iterable[Span], labels: dict, source: str) -> Iterator[Mention]:
    """A placeholder mention for every span whose label maps to a fact kind: what a model alone says."""
    for span in spans:
        kind = labels.get(span.label_)
        if kind is not None:
            yield Mention(kind, span.start_char, span.end_char, placeholder_value(kind, span.label_, span.text), 0.5,
                          f"{source}:{span.label_}")


@register("ner")
class ModelEntityExtractor:
    """Every entity of the model whose label maps to a fact kind."""

    kinds = ("person", "title", "date", "numeric_claim")
    requires = ("ner",)

    @dataclass
    class Options:
        labels: dict = field(default_factory=lambda: dict(DEFAULT_LABELS))

    def __init__(self, context: ExtractorContext, options: Options):
        self.labels = options.labels

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        return labelled_mentions(self.entities(doc), self.labels, self.requires[0])

    def entities(self, doc: Doc) -> Iterable[Span]:
        return doc.ents
