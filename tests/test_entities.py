"""Stable entity ids: one name, one id, whatever the spelling details."""
from __future__ import annotations

import pytest

from pipeline.entities import entity_id, slugify


@pytest.mark.parametrize("kind, name, expected", [
    ("person", "Joe Biden", "person/joe-biden"),
    ("person", "Ruben Östlund", "person/ruben-ostlund"),
    ("person", "Yoo In-soo", "person/yoo-in-soo"),
    ("person", "Luis Guzmán", "person/luis-guzman"),
    ("person", "Tim O'Gorman", "person/tim-ogorman"),
    ("title", "Squid Game", "title/squid-game"),
    ("title", "Dead Man’s Shoes", "title/dead-mans-shoes"),
    ("title", "The Rise & Fall of Harry Lime", "title/the-rise-and-fall-of-harry-lime"),
    ("title", "Will You Sing This Winter?", "title/will-you-sing-this-winter"),
    ("title", "MAP OF THE SOUL: 7", "title/map-of-the-soul-7"),
])
def test_entity_id(kind, name, expected):
    assert entity_id(kind, name) == expected


@pytest.mark.parametrize("variants", [
    ["All of Us Are Dead", "All of us are Dead", "ALL OF US ARE DEAD", "  All  of Us are Dead "],
    ["Östlund", "Ostlund", "ÖSTLUND"],
    ["Dead Man's Shoes", "Dead Man’s Shoes"],
])
def test_spelling_variants_share_one_id(variants):
    assert len({entity_id("title", v) for v in variants}) == 1


def test_a_name_of_symbols_still_gets_a_stable_id():
    assert entity_id("title", "!!!") == entity_id("title", "!!!")
    assert entity_id("title", "!!!") != entity_id("title", "???")
    assert slugify("!!!") == ""
