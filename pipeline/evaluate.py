"""`pipeline eval` as a library: run the pipeline on gold, score it, guard a baseline.

Gold files are read by gold.py and scored by scoring.py (the definitions of the
shared referee `tools/score.py`); this module runs the pipeline once over every
gold set, scores each, adds the relation row (relation_eval.py), and writes and
compares the metrics files.

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
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .errors import PipelineError
from .gold import GoldDocument, GoldFormatError, GoldSet, read_gold
from .ids import article_entity
from .jsonl import read_json_objects
from .output import write_text_atomic
from .relation_eval import read_relation_gold, score_relations
from .scoring import RATE_FIGURES, DocumentComparison, format_change, format_figure, format_rate, score_records

METRICS_FORMAT = "pipeline-eval-metrics/1"
# The figures a baseline guards: rates, never counts (a count going down is
# not a regression by itself).
GATED_FIGURES = RATE_FIGURES
DEFAULT_TOLERANCE = 0.01


class BaselineError(PipelineError):
    """A baseline file cannot be read as a metrics file."""


def read_predictions(path: str | Path) -> list[dict]:
    return [record for _, record in read_json_objects(path, PipelineError)]


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
    # doc id -> its gold relation keys, for the documents of this set the relation gold covers
    # (the report lists each document's relations with their outcome)
    relation_gold: dict[str, set] = field(default_factory=dict)

    def as_metrics(self) -> dict:
        return {"path": str(self.gold_set.path), "documents": len(self.gold_set.documents),
                "rejected": self.rejected, "kinds": self.scores}


@dataclass
class Evaluation:
    config: Path
    config_hash: str
    sets: list[GoldSetEvaluation]
    seconds: float

    @property
    def documents(self) -> int:
        return sum(len(set_evaluation.gold_set.documents) for set_evaluation in self.sets)

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
        relation_gold.update(read_relation_gold(path))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pipeline-eval-") as scratch:
        records, rejected = run_pipeline_on_gold(settings, gold_sets, work_dir or scratch)
    seconds = time.perf_counter() - started
    sets = []
    for gold_set, set_records, set_rejected in zip(gold_sets, records, rejected):
        scores, comparisons = score_records(gold_set, set_records)
        covered = {document.doc_id: relation_gold[document.doc_id] for document in gold_set.documents
                   if document.doc_id in relation_gold}
        if covered:
            scores["relation"] = _relation_scores(covered, set_records)
        sets.append(GoldSetEvaluation(gold_set, scores, comparisons, set_records, set_rejected, covered))
    return Evaluation(Path(config_path), settings.config_hash, sets, seconds)


def _relation_scores(covered: dict[str, set], records: list[dict]) -> dict:
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
        figure = f"{self.gold_set} {self.kind}.{self.figure}"
        if self.current is None:
            return f"{figure}: {format_rate(self.baseline)} in the baseline, missing now"
        return (f"{figure}: {format_rate(self.baseline)} -> {format_rate(self.current)} "
                f"({format_change(self.current - self.baseline)})")


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


@dataclass
class GateCheck:
    """An evaluation held against a baseline: what `pipeline eval --baseline` decides."""

    evaluation: Evaluation
    figures: dict  # the evaluation's metrics, with the tolerance when a baseline is named
    baseline: dict | None  # the baseline file as read; None when none is named or it is yet to be written
    tolerance: float
    regressions: list[Regression]  # empty when the baseline is being updated rather than checked


def evaluate_against_baseline(gold_paths: Sequence[str | Path], config_path: str | Path,
                              baseline_path: str | Path | None = None, update_baseline: bool = False,
                              tolerance: float | None = None,
                              relation_paths: Sequence[str | Path] = ()) -> GateCheck:
    """`evaluate`, then the gate: the figures compared with the baseline file unless it is to be
    updated. The tolerance defaults to the baseline's own, else DEFAULT_TOLERANCE."""
    baseline = None
    # Read before the pipeline runs, so a bad baseline fails in a second, not after the model loads.
    if baseline_path is not None and (not update_baseline or Path(baseline_path).exists()):
        baseline = read_metrics(baseline_path)
    evaluation = evaluate(gold_paths, config_path, relation_paths=relation_paths)
    if tolerance is None:
        tolerance = (baseline or {}).get("tolerance", DEFAULT_TOLERANCE)
    figures = evaluation.as_metrics(tolerance=tolerance if baseline_path is not None else None)
    regressions = []
    if baseline is not None and not update_baseline:
        regressions = compare_to_baseline(figures, baseline, tolerance)
    return GateCheck(evaluation, figures, baseline, tolerance, regressions)


def fallen_figures(regressions: Iterable[Regression]) -> set[tuple[str, str, str]]:
    """(gold set, kind, figure) of each regression, for a table to mark."""
    return {(regression.gold_set, regression.kind, regression.figure) for regression in regressions}


def figure_cell(metrics: Mapping, baseline: Mapping | None, set_name: str, kind: str, figure: str,
                fallen: set[tuple[str, str, str]], missing: str = "–") -> tuple[str, str | None, bool]:
    """One figure as the terminal table and the report show it: (the figure written out, its
    change against the baseline or None where there is nothing to compare, fell beyond the tolerance)."""
    now = metrics["gold_sets"][set_name]["kinds"].get(kind, {}).get(figure)
    before = (baseline or {}).get("gold_sets", {}).get(set_name, {}).get("kinds", {}).get(kind, {}).get(figure)
    change = None
    if isinstance(now, (int, float)) and isinstance(before, (int, float)) and figure in GATED_FIGURES:
        # "=" for a change too small to show in the 4 decimals written.
        change = format_change(now - before) if abs(now - before) >= 5e-5 else "="
    return format_figure(now, missing), change, (set_name, kind, figure) in fallen
