"""What extractors hand to the facts stage: the fact kinds and the `Mention` span type.

Both sides import this module, so a record never needs to know which extractor made it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

# Organisations are found after people and titles, whose words they never take.
ORGANIZATION = "organization"
KINDS = ("person", "title", ORGANIZATION, "date", "numeric_claim")
# Relations link the facts above; they are derived last, from what was found.
RELATION = "relation"
MENTION_KINDS = (*KINDS, RELATION)


@dataclass(frozen=True)
class Mention:
    """One fact found in one document, before it becomes a record."""

    kind: str  # one of MENTION_KINDS
    start: int  # character offsets into Article.text, end exclusive
    end: int
    value: dict  # the kind's value, as in ANNOTATION.md and configs/schemas/
    # (for a relation: subject, predicate, object, object_type)
    confidence: float  # 0..1
    extractor: str  # what produced it: "ner:PERSON", "rule:quoted_title", ...


# Mentions found so far in the current document, by kind, in extractor order.
Found = Mapping[str, Sequence[Mention]]
