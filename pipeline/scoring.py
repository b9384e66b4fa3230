"""Pure scoring: gold and predicted facts matched, and the figures that say how well.

The definitions of the shared referee `tools/score.py`, so the two agree to 4
decimals on the same output:

  strict    a predicted span equals a gold span exactly
  relaxed   spans overlap, paired one-to-one, largest overlap first
  value     for dates and numeric claims: accuracy over the relaxed pairs whose
            gold carries a value, and value F1 = relaxed F1 x value accuracy
            (the TempEval-3 definition)
  type      the TIMEX3 type (DATE, TIME, DURATION, SET), where the gold gives
            one, over the same pairs: type accuracy and type F1

Only the kinds in a document's `annotated_types` are scored there. Per
(document, kind) a gold span counts once (the last entity with that span
carries its value) and so does a predicted span (the first record wins), as in
score.py. Relation scoring (relation_eval.py) uses the same precision, recall
and F1, and both tables of figures (the terminal's and the report's) write
them with `format_figure`.

No file is read here and no pipeline run: everything takes records and gold
objects and returns figures.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .gold import GoldDocument, GoldEntity, GoldSet, canonical_kind

VALUE_KINDS = ("date", "numeric_claim")
# The figures that are rates, as opposed to the counts beside them (gold, pred, *_tp, *_pairs...).
RATE_FIGURES = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                "value_accuracy", "value_f1", "type_accuracy", "type_f1")
DECIMALS = 4  # as score.py prints them


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredictedFact:
    kind: str
    start: int
    end: int
    value: object  # comparable value (see comparable_value)
    timex_type: str | None
    record: Mapping  # the fact record as written, for the report

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def comparable_value(record: Mapping, kind: str):
    """The part of a fact record's value that gold compares with: the TIMEX3
    string of a date, the number (or pair) of a numeric claim."""
    value = record.get("value")
    if not isinstance(value, dict):
        return value
    if kind == "date":
        return value.get("value", value.get("timex"))
    if kind == "numeric_claim":
        return value.get("value", value.get("number"))
    return None


def index_predictions(records: Iterable[Mapping]) -> dict[str, dict[str, dict[tuple[int, int], PredictedFact]]]:
    """doc -> kind -> span -> fact; the first record for a span wins."""
    indexed: dict = defaultdict(lambda: defaultdict(dict))
    for record in records:
        if "start" not in record or "end" not in record:
            continue
        kind = canonical_kind(record.get("kind", ""))
        span = (int(record["start"]), int(record["end"]))
        value = record.get("value")
        timex_type = value.get("timex_type") if isinstance(value, dict) else None
        facts = indexed[str(record.get("doc_id"))][kind]
        if span not in facts:
            facts[span] = PredictedFact(kind, span[0], span[1], comparable_value(record, kind), timex_type, record)
    return indexed


# --------------------------------------------------------------------------- matching


_RANGE = re.compile(r"\s*(-?[\d.]+)\s*(?:-|to)\s*(-?[\d.]+)\s*")


def as_numbers(value):
    """A number, or a range as a pair: 12, "12", [7, 9], "7-9", "7.0 - 9.0"; None when neither."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        try:
            return (float(value[0]), float(value[1]))
        except (TypeError, ValueError):
            return None
    try:
        return float(value)
    except (TypeError, ValueError):
        pass
    match = _RANGE.fullmatch(str(value))
    if match:
        try:
            return (float(match.group(1)), float(match.group(2)))
        except ValueError:
            return None
    return None


def same_value(kind: str, gold, predicted) -> bool:
    if gold is None or predicted is None:
        return False
    if kind == "numeric_claim":
        gold_number, predicted_number = as_numbers(gold), as_numbers(predicted)
        if gold_number is None or predicted_number is None:
            return str(gold).strip().lower() == str(predicted).strip().lower()
        if isinstance(gold_number, tuple) != isinstance(predicted_number, tuple):
            return False
        pairs = zip(gold_number, predicted_number) if isinstance(gold_number, tuple) else [(gold_number, predicted_number)]
        return all(math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) for a, b in pairs)
    return str(gold).strip().upper() == str(predicted).strip().upper()


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_relaxed(gold_spans: Sequence[tuple[int, int]], predicted_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one-to-one, largest overlap first,
    ties to the earlier gold, then the earlier prediction."""
    candidates = sorted(
        (-overlap(g, p), gi, pi)
        for gi, g in enumerate(gold_spans)
        for pi, p in enumerate(predicted_spans)
        if overlap(g, p) > 0
    )
    used_gold, used_predicted, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class KindComparison:
    """Gold and predicted facts of one kind in one document, and how they matched."""

    kind: str
    gold: list[GoldEntity]
    predicted: list[PredictedFact]
    pairs: list[tuple[int, int]]  # relaxed, (gold index, predicted index)
    value_correct: dict[int, bool] = field(default_factory=dict)  # gold index -> value right, where gold has one
    type_correct: dict[int, bool] = field(default_factory=dict)  # gold index -> TIMEX3 type right

    @property
    def strict_predicted(self) -> set[int]:
        gold_spans = {g.span for g in self.gold}
        return {pi for pi, p in enumerate(self.predicted) if p.span in gold_spans}


@dataclass
class DocumentComparison:
    document: GoldDocument
    kinds: dict[str, KindComparison]


def compare_document(document: GoldDocument, predicted: Mapping[str, Mapping[tuple[int, int], PredictedFact]]) -> DocumentComparison:
    by_kind: dict[str, list[GoldEntity]] = defaultdict(list)
    for entity in document.entities:
        by_kind[entity.kind].append(entity)
    kinds = {}
    for kind in document.annotated_types:
        # One gold entity per span; the last one annotated carries the value.
        gold = list({entity.span: entity for entity in by_kind[kind]}.values())
        facts = list(predicted.get(kind, {}).values())
        pairs = match_relaxed([g.span for g in gold], [p.span for p in facts])
        comparison = KindComparison(kind, gold, facts, pairs)
        if kind in VALUE_KINDS:
            for gi, pi in pairs:
                if gold[gi].timex_type:
                    comparison.type_correct[gi] = str(facts[pi].timex_type).upper() == gold[gi].timex_type.upper()
                if gold[gi].value is not None:
                    comparison.value_correct[gi] = same_value(kind, gold[gi].value, facts[pi].value)
        kinds[kind] = comparison
    return DocumentComparison(document, kinds)


# --------------------------------------------------------------------------- scores


def precision_recall_f1(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def score_comparisons(comparisons: Iterable[DocumentComparison]) -> dict[str, dict]:
    """Per kind: counts and figures, rounded as score.py rounds them."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for comparison in comparisons:
        for kind, found in comparison.kinds.items():
            total = totals[kind]
            total["docs"] += 1
            total["gold"] += len(found.gold)
            total["pred"] += len(found.predicted)
            total["strict_tp"] += len(found.strict_predicted)
            total["relaxed_tp"] += len(found.pairs)
            total["value_pairs"] += len(found.value_correct)
            total["value_correct"] += sum(found.value_correct.values())
            total["type_pairs"] += len(found.type_correct)
            total["type_correct"] += sum(found.type_correct.values())

    scores = {}
    for kind, total in sorted(totals.items()):
        row: dict = {"docs": total["docs"], "gold": total["gold"], "pred": total["pred"]}
        for criterion in ("strict", "relaxed"):
            precision, recall, f1 = precision_recall_f1(total[f"{criterion}_tp"], total["pred"], total["gold"])
            row.update({f"{criterion}_p": precision, f"{criterion}_r": recall, f"{criterion}_f1": f1})
        if kind in VALUE_KINDS and total["value_pairs"]:
            row["value_accuracy"] = total["value_correct"] / total["value_pairs"]
            row["value_f1"] = row["relaxed_f1"] * row["value_accuracy"]
        if total["type_pairs"]:
            row["type_accuracy"] = total["type_correct"] / total["type_pairs"]
            row["type_f1"] = row["relaxed_f1"] * row["type_accuracy"]
        # Rounded only after value_f1 and type_f1 are computed from the exact F1, as score.py does.
        row = {key: round(value, DECIMALS) if isinstance(value, float) else value for key, value in row.items()}
        for count in ("strict_tp", "relaxed_tp", "value_pairs", "value_correct", "type_pairs", "type_correct"):
            row[count] = total[count]
        scores[kind] = row
    return scores


def score_records(gold_set: GoldSet, records: Iterable[Mapping]) -> tuple[dict[str, dict], list[DocumentComparison]]:
    """Score fact records (as the pipeline writes them) against a gold set;
    records of documents not in the gold set are ignored."""
    predicted = index_predictions(records)
    comparisons = [compare_document(document, predicted.get(document.doc_id, {})) for document in gold_set.documents]
    return score_comparisons(comparisons), comparisons


# --------------------------------------------------------------------------- figures as people read them


def format_rate(value: float) -> str:
    return f"{value:.{DECIMALS}f}"


def format_figure(value, missing: str = "–") -> str:
    """A figure as the tables show it: a rate to 4 decimals, a count as it is, `missing` for none."""
    if value is None:
        return missing
    return format_rate(value) if isinstance(value, float) else str(value)


def format_change(change: float) -> str:
    """A rate's change, signed: "+0.0125", "-0.0500"."""
    return f"{change:+.{DECIMALS}f}"
