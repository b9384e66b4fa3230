"""Scoring against gold: the pipeline's own referee.

Reads gold documents (the JSONL format of ANNOTATION.md), runs the pipeline on
them, and scores the facts per kind with the definitions of the shared referee
`tools/score.py`, so the two agree to 4 decimals on the same output:

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
score.py.

The metrics file (`write_metrics`) is JSON:

  {"format": "pipeline-eval-metrics/1",
   "created": "2026-12-01T23:30:00Z",          # UTC, when it was written
   "config": "configs/default.toml", "config_hash": "<sha256 of the config>",
   "tolerance": 0.01,                           # in a baseline: how far a figure may fall
   "gold_sets": {
     "gold/project": {                          # <folder>/<file stem> of the gold file
       "path": "tests/gold/project.jsonl",
       "documents": 15, "rejected": [],         # doc ids the pipeline rejected
       "kinds": {
         "date": {"docs": 15, "gold": 80, "pred": 75,
                  "strict_p": ..., "strict_r": ..., "strict_f1": ...,
                  "relaxed_p": ..., "relaxed_r": ..., "relaxed_f1": ...,
                  "value_accuracy": ..., "value_f1": ...,    # dates, numeric claims
                  "type_accuracy": ..., "type_f1": ...,      # where gold has timex_type
                  "strict_tp": ..., "relaxed_tp": ...,
                  "value_pairs": ..., "value_correct": ...,
                  "type_pairs": ..., "type_correct": ...}}}}}

Figures are rounded to 4 decimals as score.py prints them; the counts let a
reader recompute every figure. A baseline is a metrics file: `compare_to_baseline`
names every figure that fell more than the tolerance below it.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .errors import PipelineError
from .ids import article_entity
from .output import write_text_atomic
from .relation_eval import read_relation_gold, score_relations

METRICS_FORMAT = "pipeline-eval-metrics/1"
KINDS = ("person", "title", "date", "numeric_claim")
# Gold corpora name some kinds differently; score.py maps these the same way.
KIND_ALIASES = {"number": "numeric_claim", "quantity": "numeric_claim"}
VALUE_KINDS = ("date", "numeric_claim")
# The figures a baseline guards: rates, never counts (a count going down is
# not a regression by itself).
GATED_FIGURES = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                 "value_accuracy", "value_f1", "type_accuracy", "type_f1")
DEFAULT_TOLERANCE = 0.01
DECIMALS = 4


class GoldFormatError(PipelineError):
    """A gold file is not in the format of ANNOTATION.md; the message names file and line."""


class BaselineError(PipelineError):
    """A baseline file cannot be read as a metrics file."""


def canonical_kind(name: str) -> str:
    return KIND_ALIASES.get(name, name)


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    kind: str
    start: int
    end: int
    text: str
    value: object = None  # TIMEX3 string for dates, number or [low, high] for numeric claims
    timex_type: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    doc_date: str | None
    annotated_types: tuple[str, ...]  # canonical kind names, in the file's order
    entities: list[GoldEntity]
    line: int


@dataclass
class GoldSet:
    name: str
    path: Path
    documents: list[GoldDocument]


def gold_set_name(path: str | Path) -> str:
    """`<folder>/<stem>`: stable whatever the working directory, and it tells
    `streaming/dev` from `entertainment/dev`."""
    path = Path(path)
    return f"{path.resolve().parent.name}/{path.stem}"


def _read_jsonl(path: Path, error: type[PipelineError]) -> Iterable[tuple[int, dict]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as problem:
        raise error(f"{path}: cannot be read: {problem.strerror or problem}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as problem:
                raise error(f"{path}:{number}: not valid JSON: {problem.msg}") from None
            if not isinstance(record, dict):
                raise error(f"{path}:{number}: expected a JSON object, got {type(record).__name__}")
            yield number, record


def read_gold(path: str | Path) -> GoldSet:
    """Read and check a gold file: every entity's offsets must give its text."""
    path = Path(path)
    documents, seen = [], {}
    for number, record in _read_jsonl(path, GoldFormatError):
        where = f"{path}:{number}"
        for key in ("doc_id", "text"):
            if key not in record:
                raise GoldFormatError(f"{where}: missing key '{key}'")
        doc_id, text = str(record["doc_id"]), record["text"]
        if doc_id in seen:
            raise GoldFormatError(f"{where}: doc_id '{doc_id}' already used on line {seen[doc_id]}")
        seen[doc_id] = number
        annotated = record.get("annotated_types", [])
        if not isinstance(annotated, list):
            raise GoldFormatError(f"{where}: annotated_types must be a list, got {annotated!r}")
        entities = []
        for index, entity in enumerate(record.get("entities", [])):
            at = f"{where}: entities[{index}]"
            missing = [key for key in ("type", "start", "end") if key not in entity]
            if missing:
                raise GoldFormatError(f"{at}: missing key '{missing[0]}'")
            start, end = entity["start"], entity["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise GoldFormatError(f"{at}: offsets {start}..{end} outside the text (length {len(text)})")
            if "text" in entity and text[start:end] != entity["text"]:
                raise GoldFormatError(f"{at}: text[{start}:{end}] is {text[start:end]!r}, "
                                      f"the entity says {entity['text']!r}")
            entities.append(GoldEntity(canonical_kind(entity["type"]), start, end, text[start:end],
                                       entity.get("value"), entity.get("timex_type")))
        documents.append(GoldDocument(doc_id, text, record.get("doc_date"),
                                      tuple(map(canonical_kind, annotated)), entities, number))
    return GoldSet(gold_set_name(path), path, documents)


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


def read_predictions(path: str | Path) -> list[dict]:
    return [record for _, record in _read_jsonl(Path(path), PipelineError)]


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

    @property
    def strict_gold(self) -> set[int]:
        predicted_spans = {p.span for p in self.predicted}
        return {gi for gi, g in enumerate(self.gold) if g.span in predicted_spans}


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


def score_files(gold_path: str | Path, predictions_path: str | Path) -> dict[str, dict]:
    """The library's `score.py GOLD PRED`."""
    scores, _ = score_records(read_gold(gold_path), read_predictions(predictions_path))
    return scores


# --------------------------------------------------------------------------- running the pipeline


@dataclass
class GoldSetEvaluation:
    gold_set: GoldSet
    scores: dict[str, dict]
    comparisons: list[DocumentComparison]
    records: list[dict]  # the pipeline's fact records for this set, doc ids as in the gold
    rejected: list[str]  # doc ids the pipeline rejected

    def as_metrics(self) -> dict:
        return {"path": str(self.gold_set.path), "documents": len(self.gold_set.documents),
                "rejected": self.rejected, "kinds": self.scores}


@dataclass
class Evaluation:
    config: Path
    config_hash: str
    sets: list[GoldSetEvaluation]
    seconds: float

    def as_metrics(self, tolerance: float | None = None) -> dict:
        metrics = {"format": METRICS_FORMAT,
                   "created": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "config": str(self.config), "config_hash": self.config_hash}
        if tolerance is not None:
            metrics["tolerance"] = tolerance
        metrics["gold_sets"] = {evaluation.gold_set.name: evaluation.as_metrics() for evaluation in self.sets}
        return metrics


def pipeline_input_line(document: GoldDocument, input_id: str) -> dict:
    """A gold document as the pipeline reads it, as tools/evaluate.py writes it."""
    line = {"id": input_id, "text": document.text}
    if document.doc_date:
        line["date"] = document.doc_date
    return line


def _input_id(set_index: int, doc_id: str) -> str:
    # Gold sets are run together to load the model once; the prefix keeps equal
    # doc ids of different sets apart.
    return f"{set_index}~{doc_id}"


def _split_input_id(input_id: str) -> tuple[int | None, str]:
    """(gold set index, gold doc id); index None for an id this module did not write."""
    index, separator, doc_id = str(input_id).partition("~")
    return (int(index), doc_id) if separator and index.isdigit() else (None, str(input_id))


def run_pipeline_on_gold(settings, gold_sets: Sequence[GoldSet], work_dir: str | Path) -> tuple[list[list[dict]], list[list[str]]]:
    """Run the pipeline once over every gold set's documents; return each
    set's fact records and rejected doc ids, doc ids as in the gold."""
    from .run import run_pipeline  # the runner pulls in spaCy; scoring alone must not

    work_dir = Path(work_dir)
    source = work_dir / "gold-input.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for set_index, gold_set in enumerate(gold_sets):
            for document in gold_set.documents:
                line = pipeline_input_line(document, _input_id(set_index, document.doc_id))
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    output_dir = work_dir / "out"
    run_pipeline(settings, inputs=[str(source)], output_dir=str(output_dir))

    records: list[list[dict]] = [[] for _ in gold_sets]
    rejected: list[list[str]] = [[] for _ in gold_sets]
    facts_path = output_dir / "facts.jsonl"
    if not facts_path.exists():
        raise PipelineError(f"{facts_path}: the pipeline wrote no facts file; see the messages above")
    for record in read_predictions(facts_path):
        input_id = record.get("doc_id", "")
        set_index, doc_id = _split_input_id(input_id)
        if set_index is None:
            continue
        restored = {**record, "doc_id": doc_id}
        if record.get("kind") == "relation" and record.get("object") == article_entity(input_id):
            restored["object"] = article_entity(doc_id)  # the article node is named by its doc id too
        records[set_index].append(restored)
    rejects_path = output_dir / "rejects.jsonl"
    if rejects_path.exists():
        for reject in read_predictions(rejects_path):
            set_index, doc_id = _split_input_id(reject.get("doc_id") or "")
            if set_index is not None:
                rejected[set_index].append(doc_id)
    return records, rejected


def evaluate(gold_paths: Sequence[str | Path], config_path: str | Path, work_dir: str | Path | None = None,
             overrides: Mapping[str, object] | None = None,
             relation_paths: Sequence[str | Path] = ()) -> Evaluation:
    """Run the pipeline configured by `config_path` over the gold files and score each.
    `overrides` replaces whole config keys, as in `load_settings`: {"extractors.order": [...]}.
    `relation_paths` are relation gold files (pipeline/relation_eval.py); a gold set whose
    documents they cover gets a "relation" row: precision, recall and F1 over
    (subject, predicate, object), as strict_p/strict_r/strict_f1 so the gate guards them."""
    from .config import load_settings

    gold_sets = [read_gold(path) for path in gold_paths]
    names = [gold_set.name for gold_set in gold_sets]
    for name in set(names):
        if names.count(name) > 1:
            raise GoldFormatError(f"two gold files share the set name '{name}' (<folder>/<stem>); rename one")
    settings = load_settings(config_path, dict(overrides) if overrides else None)
    # Scoring reads the fact records only: the run into a scratch folder needs no graph store.
    settings = replace(settings, graph=replace(settings.graph, enabled=False))
    relation_gold: dict[str, set] = {}
    for path in relation_paths:
        try:
            relation_gold.update(read_relation_gold(path))
        except (OSError, ValueError) as error:
            raise GoldFormatError(str(error)) from None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pipeline-eval-") as scratch:
        records, rejected = run_pipeline_on_gold(settings, gold_sets, work_dir or scratch)
    seconds = time.perf_counter() - started
    sets = []
    for gold_set, set_records, set_rejected in zip(gold_sets, records, rejected):
        scores, comparisons = score_records(gold_set, set_records)
        relation_row = _relation_scores(gold_set, set_records, relation_gold)
        if relation_row:
            scores["relation"] = relation_row
        sets.append(GoldSetEvaluation(gold_set, scores, comparisons, set_records, set_rejected))
    return Evaluation(Path(config_path), settings.config_hash, sets, seconds)


def _relation_scores(gold_set: GoldSet, records: list[dict], relation_gold: Mapping[str, set]) -> dict | None:
    covered = {document.doc_id: relation_gold[document.doc_id] for document in gold_set.documents
               if document.doc_id in relation_gold}
    if not covered:
        return None
    report = score_relations(covered, records)
    overall = report["all"]
    return {"docs": len(covered), "gold": overall["gold"], "pred": overall["pred"], "strict_tp": overall["tp"],
            "strict_p": overall["precision"], "strict_r": overall["recall"], "strict_f1": overall["f1"],
            "by_predicate": {name: row for name, row in report.items() if name != "all"}}


def write_predictions(evaluation: Evaluation, directory: str | Path) -> list[Path]:
    """Each set's fact records as `<directory>/<set name with / as __>.facts.jsonl`,
    so `tools/score.py GOLD FACTS` can check the figures."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for set_evaluation in evaluation.sets:
        path = directory / f"{set_evaluation.gold_set.name.replace('/', '__')}.facts.jsonl"
        write_text_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in set_evaluation.records))
        written.append(path)
    return written


# --------------------------------------------------------------------------- metrics files and the gate


def write_metrics(metrics: Mapping, path: str | Path) -> None:
    # Atomic: a half-written baseline would make the next gate fail for the wrong reason.
    write_text_atomic(Path(path), json.dumps(metrics, indent=2, sort_keys=False, ensure_ascii=False) + "\n")


def read_metrics(path: str | Path) -> dict:
    path = Path(path)
    try:
        metrics = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline not found; create it with `pipeline eval GOLD... "
                            f"--baseline {path} --update-baseline`") from None
    except json.JSONDecodeError as problem:
        raise BaselineError(f"{path}:{problem.lineno}: not valid JSON: {problem.msg}") from None
    if not isinstance(metrics, dict) or metrics.get("format") != METRICS_FORMAT:
        raise BaselineError(f"{path}: 'format' must be '{METRICS_FORMAT}', got "
                            f"{metrics.get('format') if isinstance(metrics, dict) else metrics!r}")
    if not isinstance(metrics.get("gold_sets"), dict):
        raise BaselineError(f"{path}: 'gold_sets' must be an object of gold set name -> figures")
    tolerance = metrics.get("tolerance", DEFAULT_TOLERANCE)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 1:
        raise BaselineError(f"{path}: 'tolerance' must be a number from 0 to 1, got {tolerance!r}")
    return metrics


def updated_baseline(baseline: Mapping | None, metrics: Mapping) -> dict:
    """The new baseline: this run's figures for the sets it evaluated, the old
    figures for sets it did not (so evaluating one set keeps the others)."""
    gold_sets = dict(baseline.get("gold_sets", {})) if baseline else {}
    gold_sets.update(metrics["gold_sets"])
    return {**metrics, "gold_sets": dict(sorted(gold_sets.items()))}


@dataclass(frozen=True)
class Regression:
    gold_set: str
    kind: str
    figure: str
    baseline: float
    current: float | None  # None: the figure is no longer produced

    def __str__(self) -> str:
        if self.current is None:
            return f"{self.gold_set} {self.kind}.{self.figure}: {self.baseline:.4f} in the baseline, missing now"
        return (f"{self.gold_set} {self.kind}.{self.figure}: {self.baseline:.4f} -> {self.current:.4f} "
                f"({self.current - self.baseline:+.4f})")


def compare_to_baseline(metrics: Mapping, baseline: Mapping, tolerance: float = DEFAULT_TOLERANCE) -> list[Regression]:
    """Every gated figure that fell more than `tolerance` below the baseline,
    in the gold sets both evaluated."""
    regressions = []
    for set_name, current_set in metrics["gold_sets"].items():
        baseline_set = baseline["gold_sets"].get(set_name)
        if baseline_set is None:
            continue
        for kind, baseline_row in baseline_set.get("kinds", {}).items():
            current_row = current_set.get("kinds", {}).get(kind, {})
            for figure in GATED_FIGURES:
                if figure not in baseline_row:
                    continue
                before, now = baseline_row[figure], current_row.get(figure)
                # The epsilon keeps a fall of exactly the tolerance (after rounding) a pass.
                if now is None or before - now > tolerance + 1e-9:
                    regressions.append(Regression(set_name, kind, figure, before, now))
    return regressions


def sets_not_in_baseline(metrics: Mapping, baseline: Mapping) -> list[str]:
    return [name for name in metrics["gold_sets"] if name not in baseline["gold_sets"]]
