"""Run the title and people extractors the way the pipeline does, on one text."""
from __future__ import annotations

from pathlib import Path

from pipeline.article import Article
from pipeline.extractors.base import ExtractorContext
from pipeline.extractors.people import PersonExtractor
from pipeline.extractors.titles import TitleExtractor

CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"


def extract(nlp, text: str, **article_fields) -> dict[str, list]:
    """Mentions by kind, titles first so that people see them."""
    context = ExtractorContext(nlp, CONFIG_DIR)
    article = Article("test", text, "test", **article_fields)
    doc = nlp(text)
    found: dict[str, list] = {"title": [], "person": []}
    for extractor in (TitleExtractor(context, TitleExtractor.Options()),
                      PersonExtractor(context, PersonExtractor.Options())):
        for mention in extractor(doc, article, found):
            found[mention.kind].append(mention)
    return found


def spans(text: str, mentions) -> list[str]:
    return [text[m.start:m.end] for m in mentions]
