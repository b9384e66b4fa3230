"""The one place extractors are registered.

Each extractor module decorates its class with `@extractors.register("name")`;
`configs/default.toml` lists which run, in which order, and their options.
Importing this package imports every built-in extractor module so that their
registrations exist before a config is checked.
"""
from __future__ import annotations

import importlib

import catalogue

from ..mention import KINDS, MENTION_KINDS, RELATION, Found, Mention
from .base import Extractor, ExtractorContext

registry = catalogue.create("pipeline", "extractors", entry_points=True)


def register(name: str):
    """Class decorator: make an extractor available to configs under `name`."""

    def decorate(cls):
        registry.register(name, func=cls)
        cls.registered_name = name
        return cls

    return decorate


BUILT_IN = ("ner", "titles", "people", "dates", "numbers", "relations")

for _module in BUILT_IN:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["KINDS", "MENTION_KINDS", "RELATION", "Extractor", "ExtractorContext", "Found", "Mention", "register", "registry"]
