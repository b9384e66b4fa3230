"""`pipeline eval`: score the pipeline on gold files and guard a baseline (registered in cli.py)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .errors import EXIT_NOTHING_RAN, PipelineError
from .evaluate import DEFAULT_TOLERANCE

# Exit statuses of `pipeline eval`.
EXIT_PASSED = 0  # scored; no figure fell beyond the tolerance (or no baseline given)
EXIT_REGRESSED = 1  # at least one figure fell more than the tolerance below the baseline
# EXIT_NOTHING_RAN (2): a gold file, the config, the baseline or the model could not be used

# Column headers short enough that a change in brackets still fits a terminal.
TABLE_FIGURES = {"gold": "gold", "pred": "pred", "strict_p": "strict P", "strict_r": "strict R",
                 "strict_f1": "strict F1", "relaxed_f1": "relaxed F1", "value_accuracy": "value acc",
                 "value_f1": "value F1", "type_accuracy": "type acc"}


def _print_scores(metrics: dict, baseline: Optional[dict], regressions) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped into a CI log: no terminal width to respect
        console = Console(width=160)
    fallen = {(r.gold_set, r.kind, r.figure) for r in regressions}
    for set_name, gold_set in metrics["gold_sets"].items():
        rejected = f", {len(gold_set['rejected'])} rejected" if gold_set["rejected"] else ""
        table = Table(title=f"{set_name} ({gold_set['documents']} documents{rejected})", title_justify="left")
        table.add_column("kind")
        for header in TABLE_FIGURES.values():
            table.add_column(header, justify="right")
        for kind, row in gold_set["kinds"].items():
            before = (baseline or {}).get("gold_sets", {}).get(set_name, {}).get("kinds", {}).get(kind, {})
            cells = []
            for figure in TABLE_FIGURES:
                value = row.get(figure)
                if value is None:
                    cells.append("")
                    continue
                cell = f"{value:.4f}" if isinstance(value, float) else str(value)
                if isinstance(value, float) and isinstance(before.get(figure), (int, float)):
                    change = value - before[figure]
                    if abs(change) >= 5e-5:
                        cell += f" ({change:+.4f})"
                cells.append(f"[bold red]{cell}[/]" if (set_name, kind, figure) in fallen else cell)
            table.add_row(kind, *cells)
        console.print(table)


def eval_command(
    gold: List[Path] = typer.Argument(
        ..., show_default=False, metavar="GOLD...",
        help="Gold JSONL files in the format of ANNOTATION.md (one document per line with doc_id, text, "
             "doc_date, annotated_types and entities). Each is scored as its own gold set, named "
             "<folder>/<file stem>, e.g. gold/project."),
    config: Path = typer.Option(
        Path("configs/default.toml"), "--config", "-c",
        help="TOML config of the pipeline to evaluate: model, extractors and their options."),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", "-b",
        help="Metrics JSON to compare with (e.g. tests/gold/baseline.json). Exit status 1 when any figure "
             "of a gold set in it falls more than --tolerance below it; each such figure is named."),
    update_baseline: bool = typer.Option(
        False, "--update-baseline",
        help="Write this run's figures to --baseline instead of comparing: after an intended change. "
             "Gold sets not evaluated in this run keep their old figures."),
    tolerance: Optional[float] = typer.Option(
        None, "--tolerance", "-t", min=0.0, max=1.0, show_default=False,
        help=f"How far (absolute, 0-1) a figure may fall below the baseline before the gate fails. "
             f"Default: the baseline's own 'tolerance', else {DEFAULT_TOLERANCE}; --update-baseline "
             f"stores it in the baseline."),
    report: Optional[Path] = typer.Option(
        None, "--report", "-r",
        help="Write a report to this folder: summary.md (a table per kind, against the baseline), "
             "index.html and one HTML page per document with gold and predicted facts highlighted, "
             "and the scored fact records per gold set."),
    relations: List[Path] = typer.Option(
        [], "--relations",
        help="Relation gold (JSONL: doc_id and relations [{subject, predicate, object}], e.g. "
             "tests/gold/relations.jsonl); repeatable. Adds a 'relation' row (P/R/F1 over the triples) "
             "to each gold set whose documents it covers."),
    metrics: Optional[Path] = typer.Option(
        None, "--metrics", "-m",
        help="Write the figures as a metrics JSON file here (the format is documented in "
             "pipeline/evaluate.py; a baseline is such a file)."),
) -> None:
    """Run the pipeline over gold documents and score what it extracts per kind: strict and relaxed
    precision, recall and F1, value accuracy and value F1 for dates and numeric claims, TIMEX3 type
    accuracy where the gold gives it (the definitions of tools/score.py).

    Exit status: 0 scored and no figure fell beyond the tolerance; 1 a figure fell (each is named);
    2 nothing could be scored (bad gold file, config, baseline or missing model)."""
    from . import evaluate as evaluation_library

    if update_baseline and baseline is None:
        typer.echo("error: --update-baseline needs --baseline FILE: the file to write", err=True)
        raise typer.Exit(EXIT_NOTHING_RAN)
    try:
        previous = None
        if baseline is not None and (not update_baseline or baseline.exists()):
            previous = evaluation_library.read_metrics(baseline)
        evaluation = evaluation_library.evaluate(gold, config, relation_paths=relations)
    except PipelineError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_NOTHING_RAN)

    if tolerance is None:
        tolerance = (previous or {}).get("tolerance", DEFAULT_TOLERANCE)
    figures = evaluation.as_metrics(tolerance=tolerance if baseline is not None else None)
    regressions = []
    if previous is not None and not update_baseline:
        regressions = evaluation_library.compare_to_baseline(figures, previous, tolerance)
    _print_scores(figures, None if update_baseline else previous, regressions)
    documents = sum(len(set_evaluation.gold_set.documents) for set_evaluation in evaluation.sets)
    typer.echo(f"{documents} documents in {evaluation.seconds:.1f} s (pipeline run, model load included)")

    if metrics is not None:
        evaluation_library.write_metrics(figures, metrics)
        typer.echo(f"metrics: {metrics}")
    if report is not None:
        from .report import write_report

        index = write_report(evaluation, report, figures, None if update_baseline else previous, regressions,
                             tolerance)
        typer.echo(f"report: {index}")
    if update_baseline:
        evaluation_library.write_metrics(evaluation_library.updated_baseline(previous, figures), baseline)
        typer.echo(f"baseline updated: {baseline}")
        return
    if previous is None:
        return
    for name in evaluation_library.sets_not_in_baseline(figures, previous):
        typer.echo(f"note: gold set {name} is not in {baseline}; add it with --update-baseline")
    if regressions:
        typer.echo(f"quality gate FAILED: {len(regressions)} figure(s) fell more than {tolerance} "
                   f"below {baseline}:", err=True)
        for regression in regressions:
            typer.echo(f"  {regression}", err=True)
        raise typer.Exit(EXIT_REGRESSED)
    typer.echo(f"quality gate passed: no figure fell more than {tolerance} below {baseline}")
