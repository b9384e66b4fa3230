"""The one place extractors are registered: `@register("name")` on the class.

`configs/default.toml` lists which registered extractors run, in which order, with
their options. Other packages add extractors through the `pipeline_extractors`
entry point.
"""
from __future__ import annotations

import catalogue

registry = catalogue.create("pipeline", "extractors", entry_points=True)


def register(name: str):
    """Class decorator: make an extractor available to configs under `name`."""

    def decorate(cls):
        registry.register(name, func=cls)
        cls.registered_name = name
        return cls

    return decorate
