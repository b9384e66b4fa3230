"""Scoring what numeric claims are about against hand-written gold (tests/gold/about.jsonl).

Gold (JSONL, one document per line; conventions in tests/gold/README.md):
    {"doc_id": "proj-001", "claims": [{"text": "eight episodes", "start": 976, "end": 990,
      "about": {"text": "The third season", "entity": "title/the-lantern-keepers"}}, ...]}

A gold claim is matched to the predicted numeric claim of its document that overlaps it most
(claims are scored by overlap elsewhere too). It is "set and right" when that claim's
`value.about` has the gold entity, or, where the gold entity is null, has no entity and an about
text with the same head word as the gold's (the last alphabetic word, lowercased: "The
viewership" and "viewership" agree). Pure functions: records in, figures out.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .gold import GoldFormatError
from .jsonl import read_json_objects
from .scoring import DECIMALS

WORD = re.compile(r"[^\W\d_]+")


def read_about_gold(path: str | Path) -> dict[str, list[dict]]:
    """doc id -> its gold claims ({"start", "end", "text", "about": {"text", "entity"}});
    the first bad line raises GoldFormatError naming file and line."""
    gold: dict[str, list[dict]] = {}
    for number, document in read_json_objects(path, GoldFormatError):
        try:
            claims = [{"start": int(c["start"]), "end": int(c["end"]), "text": str(c["text"]),
                       "about": {"text": str(c["about"]["text"]), "entity": c["about"]["entity"]}}
                      for c in document["claims"]]
            gold[str(document["doc_id"])] = claims
        except (KeyError, TypeError, ValueError) as error:
            raise GoldFormatError(f"{path}:{number}: not an about gold line: {error!r}") from None
    return gold


def head_word(text: str | None) -> str | None:
    """The last alphabetic word, lowercased: "the two non-English shows" -> "shows"."""
    words = WORD.findall(text or "")
    return words[-1].lower() if words else None


def is_right(gold_about: dict, about: dict | None) -> bool:
    """The predicted `about` names what the gold does: the same entity, or no entity and the same head word."""
    if not about:
        return False
    if gold_about["entity"]:
        return about.get("entity") == gold_about["entity"]
    return not about.get("entity") and head_word(about.get("text")) == head_word(gold_about["text"])


def _best_overlap(claim: dict, predicted: list[dict]) -> dict | None:
    def overlap(record: dict) -> int:
        return min(claim["end"], record["end"]) - max(claim["start"], record["start"])
    overlapping = [record for record in predicted if overlap(record) > 0]
    return max(overlapping, key=overlap) if overlapping else None


def match_claims(gold: dict[str, list[dict]], records: Iterable[dict],
                 doc_ids: Iterable[str] | None = None) -> list[tuple[dict, dict | None]]:
    """(gold claim, the predicted claim record that overlaps it most, or None) for each gold claim,
    on the documents in `doc_ids` (all gold documents by default)."""
    wanted = set(gold) if doc_ids is None else set(doc_ids) & set(gold)
    predicted: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record.get("kind") == "numeric_claim" and str(record.get("doc_id")) in wanted:
            predicted[str(record["doc_id"])].append(record)
    return [(claim, _best_overlap(claim, predicted[doc_id]))
            for doc_id in sorted(wanted) for claim in gold[doc_id]]


def _about_of(record: dict | None) -> dict | None:
    value = (record or {}).get("value")
    return value.get("about") if isinstance(value, dict) else None


def score_about(gold: dict[str, list[dict]], records: Iterable[dict],
                doc_ids: Iterable[str] | None = None) -> dict:
    """Counts and shares: `set_and_right` (of gold claims), `about_set` (gold claims whose matched
    claim has an about at all) and `entity_precision` (of matched claims with an about entity, those
    whose entity is the gold's)."""
    pairs = match_claims(gold, records, doc_ids)
    right = sum(1 for claim, record in pairs if is_right(claim["about"], _about_of(record)))
    found = sum(1 for _, record in pairs if record is not None)
    with_about = sum(1 for _, record in pairs if _about_of(record))
    with_entity = [(claim, _about_of(record)["entity"]) for claim, record in pairs
                   if (_about_of(record) or {}).get("entity")]
    entity_right = sum(1 for claim, entity in with_entity if entity == claim["about"]["entity"])
    total = len(pairs)

    def share(count: int, of: int) -> float:
        return round(count / of, DECIMALS) if of else 0.0
    return {"gold": total, "found": found, "about_set": share(with_about, total), "right": right,
            "set_and_right": share(right, total), "entities": len(with_entity),
            "entity_precision": share(entity_right, len(with_entity))}
