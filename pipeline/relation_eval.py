"""Scoring relation facts against hand-written relation gold.

Gold (JSONL, one document per line):
    {"doc_id": "seed-000", "relations": [{"subject": "person/lee-jae-kyoo",
      "predicate": "creator_of", "object": "title/all-of-us-are-dead"}, ...]}

A relation is right when (subject, predicate, object) is equal. Quantities have
no stable name across runs, so a quantity subject is written as
"quantity:<the claim's text>" ("quantity:12 episodes"); as numeric claims are
scored by overlap, a claim text containing the gold's (or inside it) matches.
A `said` object is the quoted or reported words, matched the same way (by
containment, ignoring case, punctuation and quotation marks).
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from .gold import GoldFormatError
from .jsonl import read_json_objects
from .scoring import DECIMALS, precision_recall_f1


def relation_key(record: dict) -> tuple[str, str, str]:
    subject, obj = record["subject"], record["object"]
    if subject.startswith("quantity/"):
        subject = f"quantity:{record['text']}"
    if record["predicate"] == "has_role":  # a job title as written: "Chief executive" == "chief executive"
        obj = obj.lower()
    return subject, record["predicate"], obj


def _words(text: str) -> str:
    """Lowercased words without the punctuation and quotation marks a span may be drawn with or without."""
    return " ".join(re.findall(r"[\w'’%£$€.-]+", text.lower())).strip(".")


def aligned_key(key: tuple, expected: set[tuple]) -> tuple:
    """A predicted key as the gold key it matches. Quantity subjects and `said` objects are text, and a
    span may be drawn wider or narrower than the gold's ("three awards" vs "three", a quotation with or
    without its closing comma): they match a gold key of the same edge when either text contains the other."""
    subject, predicate, obj = key
    if key in expected:
        return key
    if subject.startswith("quantity:"):
        text = subject.removeprefix("quantity:").lower()
        for gold_subject, gold_predicate, gold_object in expected:
            if (gold_predicate, gold_object) == (predicate, obj) and gold_subject.startswith("quantity:"):
                gold_text = gold_subject.removeprefix("quantity:").lower()
                if gold_text in text or text in gold_text:
                    return gold_subject, predicate, obj
    if predicate == "said":
        words = _words(obj)
        for gold_subject, gold_predicate, gold_object in expected:
            if (gold_subject, gold_predicate) == (subject, "said") and words:
                gold_words = _words(gold_object)
                if gold_words and (gold_words in words or words in gold_words):
                    return gold_subject, predicate, gold_object
    return key


def read_relation_gold(path: str | Path) -> dict[str, set[tuple]]:
    """doc id -> its gold relation keys; the first bad line raises GoldFormatError naming file and line."""
    gold: dict[str, set[tuple]] = {}
    for number, document in read_json_objects(path, GoldFormatError):
        try:
            gold[str(document["doc_id"])] = {relation_key({**r, "text": ""}) for r in document["relations"]}
        except (KeyError, TypeError, AttributeError) as error:
            raise GoldFormatError(f"{path}:{number}: not a relation gold line: {error}") from None
    return gold


def score_relations(gold: dict[str, set[tuple]], records: Iterable[dict]) -> dict:
    """Precision, recall and F1 over (subject, predicate, object), per predicate and overall,
    on the documents the gold covers."""
    predicted: dict[str, set[tuple]] = defaultdict(set)
    for record in records:
        if record.get("kind") == "relation" and str(record.get("doc_id")) in gold:
            predicted[str(record["doc_id"])].add(relation_key(record))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "pred": 0, "tp": 0})
    for doc_id, expected in gold.items():
        found = {aligned_key(key, expected) for key in predicted.get(doc_id, set())}
        for predicate in {key[1] for key in expected | found} | {"all"}:
            wanted = {k for k in expected if predicate in ("all", k[1])}
            got = {k for k in found if predicate in ("all", k[1])}
            counts[predicate]["gold"] += len(wanted)
            counts[predicate]["pred"] += len(got)
            counts[predicate]["tp"] += len(wanted & got)
    report = {}
    for predicate, c in sorted(counts.items()):
        p, r, f1 = precision_recall_f1(c["tp"], c["pred"], c["gold"])
        report[predicate] = {**c, "precision": round(p, DECIMALS), "recall": round(r, DECIMALS),
                             "f1": round(f1, DECIMALS)}
    return report
