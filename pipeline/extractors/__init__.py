"""Extractors: one module (or small package) per kind, each registered in `registry.py`.

Importing this package imports every built-in extractor module, so that their
registrations exist before a config is checked.
"""
from __future__ import annotations

import importlib

from ..mention import KINDS, MENTION_KINDS, RELATION, Found, Mention
from .base import Extractor, ExtractorContext
from .registry import register, registry

BUILT_IN = ("ner", "trained_ner", "titles", "people", "organizations", "dates", "numbers", "relations")

for _module in BUILT_IN:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["KINDS", "MENTION_KINDS", "RELATION", "Extractor", "ExtractorContext", "Found", "Mention", "register", "registry"]
