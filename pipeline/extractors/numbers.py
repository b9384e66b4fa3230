"""Numeric claims (skeleton: the extractor's owner replaces this)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from ..article import Article
from . import register
from .base import ExtractorContext, Found, Mention


@register("numbers")
class NumberExtractor:
    kinds = ("numeric_claim",)
    requires = ("ner",)

    @dataclass
    class Options:
        pass

    def __init__(self, context: ExtractorContext, options: Options):
        self.options = options

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        return []
