"""quantity_of: a numeric claim linked to the person, work or organisation it measures (the numbers
extractor's `about`), or to the last work when the claim is about "the series"."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ...article import Article
from ...mention import Found, Mention
from ..spans import surname_aliases


@dataclass(frozen=True)
class QuantityRules:
    quantities: frozenset[str]  # the claim kinds that are amounts of something
    people_units: frozenset[str]  # counted nouns that are people: a head count, not an amount of a person
    work_nouns: frozenset[str]  # "the series", "this film": a reference to the last work
    work_units: frozenset[str] = frozenset()  # counted only of a work: star ratings, pages
    never_units: frozenset[str] = frozenset()  # places and positions: a rank, not an amount
    distance_units: frozenset[str] = frozenset()  # a race's distance is no amount of a runner
    audience_units: frozenset[str] = frozenset()  # people who watch, read or play: a work's reach


def quantity_links(article: Article, found: Found, rules: QuantityRules) -> Iterator[tuple[Mention, str, str]]:
    """(claim, target entity id, rule) for each claim that measures a known entity."""
    titles = sorted((t for t in found.get("title", []) if t.value.get("entity")), key=lambda t: t.start)
    full_names = surname_aliases(found.get("person", []))
    for claim in found.get("numeric_claim", []):
        if claim.value.get("quantity") not in rules.quantities:
            continue
        if article.text[claim.end:claim.end + 3] == " of" and claim.value.get("value") == 1:
            continue  # partitive "one of the most-watched": not an amount of the work
        about = claim.value.get("about") or {}
        target = full_names.get(about.get("entity"), about.get("entity"))
        rule = "about_entity"
        if not target and about.get("text") and _is_work_reference(about["text"], rules.work_nouns):
            earlier = [t for t in titles if t.end <= claim.start]
            if earlier:
                target, rule = earlier[-1].value["entity"], "about_work_reference"
        if target and not _measures(target, str(claim.value.get("unit")), rules):
            continue
        if target and target.startswith("person/") and "-" not in target.removeprefix("person/"):
            continue  # a lone surname never resolved to a full name: too weak for an edge
        if target:
            yield claim, target, rule


def _measures(target: str, unit: str, rules: QuantityRules) -> bool:
    """Whether a claim of this unit can be an amount of this kind of entity (tests/gold/RELATIONS.md):
    "the two men" and "four train guards" count people in a story, not an amount of a person or a work
    (a work's viewers and readers are its reach, a company's staff one of its amounts); star ratings, pages
    and episodes belong to a work; "11 places" on a chart is a position; "after 35 kilometres" a point in a
    race."""
    if unit in rules.never_units:
        return False
    if unit in rules.people_units and target.startswith("person/"):
        return False
    if unit in rules.people_units and target.startswith("title/") and unit not in rules.audience_units:
        return False
    if unit in rules.work_units and not target.startswith("title/"):
        return False
    return not (unit in rules.distance_units and target.startswith("person/"))


def _is_work_reference(text: str, work_nouns: frozenset[str]) -> bool:
    """'The series', 'this film': a definite nominal that names a kind of work."""
    words = text.lower().split()
    return 2 <= len(words) <= 3 and words[0] in {"the", "this", "that"} and words[-1] in work_nouns
