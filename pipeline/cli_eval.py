"""`pipeline eval`: score the pipeline on gold files and guard a baseline (registered in cli.py)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .config import DEFAULT_CONFIG_PATH
from .errors import EXIT_GATE_FAILED, EXIT_NOTHING_RAN, PipelineError
from .evaluate import (
    DEFAULT_TOLERANCE,
    GateCheck,
    evaluate_against_baseline,
    fallen_figures,
    figure_cell,
    sets_not_in_baseline,
    updated_baseline,
    write_metrics,
)
from .report import write_report

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
    fallen = fallen_figures(regressions)
    for set_name, gold_set in metrics["gold_sets"].items():
        rejected = f", {len(gold_set['rejected'])} rejected" if gold_set["rejected"] else ""
        table = Table(title=f"{set_name} ({gold_set['documents']} documents{rejected})", title_justify="left")
        table.add_column("kind")
        for header in TABLE_FIGURES.values():
            table.add_column(header, justify="right")
        for kind, row in gold_set["kinds"].items():
            cells = []
            for figure in TABLE_FIGURES:
                if row.get(figure) is None:  # an empty cell, even for a figure the baseline had
                    cells.append("")
                    continue
                cell, change, fell = figure_cell(metrics, baseline, set_name, kind, figure, fallen)
                if change not in (None, "="):  # only a change worth reading, to keep columns narrow
                    cell += f" ({change})"
                cells.append(f"[bold red]{cell}[/]" if fell else cell)
            table.add_row(kind, *cells)
        console.print(table)


def eval_command(
    gold: List[Path] = typer.Argument(
        ..., show_default=False, metavar="GOLD...",
        help="Gold JSONL files in the format of ANNOTATION.md (one document per line with doc_id, text, "
             "doc_date, annotated_types and entities). Each is scored as its own gold set, named "
             "<folder>/<file stem>, e.g. gold/project."),
    config: Path = typer.Option(
        DEFAULT_CONFIG_PATH, "--config", "-c", show_default="the project's configs/default.toml",
        help="TOML config of the pipeline to evaluate: model, extractors and their options."),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", "-b",
        help=f"Metrics JSON to compare with (e.g. tests/gold/baseline.json). Exit status {EXIT_GATE_FAILED} when any figure "
             f"of a gold set in it falls more than --tolerance below it; each such figure is named."),
    update_baseline: bool = typer.Option(
        False, "--update-baseline",
        help="Write this run's figures to --baseline instead of comparing: after an intended change. "
             "Gold sets not evaluated in this run keep their old figures."),
    tolerance: Optional[float] = typer.Option(
        None, "--tolerance", "-t", min=0.0, max=1.0, show_default=False, metavar="X",
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
    if update_baseline and baseline is None:
        typer.echo("error: --update-baseline needs --baseline FILE: the file to write", err=True)
        raise typer.Exit(EXIT_NOTHING_RAN)
    try:
        check = evaluate_against_baseline(gold, config, baseline, update_baseline, tolerance, relation_paths=relations)
    except PipelineError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_NOTHING_RAN)

    shown_baseline = None if update_baseline else check.baseline  # a baseline being replaced is not shown
    _print_scores(check.figures, shown_baseline, check.regressions)
    typer.echo(f"{check.evaluation.documents} documents in {check.evaluation.seconds:.1f} s "
               "(pipeline run, model load included)")
    if metrics is not None:
        write_metrics(check.figures, metrics)
        typer.echo(f"metrics: {metrics}")
    if report is not None:
        index = write_report(check.evaluation, report, check.figures, shown_baseline, check.regressions,
                             check.tolerance)
        typer.echo(f"report: {index}")
    if update_baseline:
        write_metrics(updated_baseline(check.baseline, check.figures), baseline)
        typer.echo(f"baseline updated: {baseline}")
    elif check.baseline is not None:
        _print_gate(check, baseline)


def _print_gate(check: GateCheck, baseline: Path) -> None:
    """The gate's verdict; exits EXIT_GATE_FAILED, naming each figure, when any fell."""
    for name in sets_not_in_baseline(check.figures, check.baseline):
        typer.echo(f"note: gold set {name} is not in {baseline}; add it with --update-baseline")
    if check.regressions:
        typer.echo(f"quality gate FAILED: {len(check.regressions)} figure(s) fell more than {check.tolerance} "
                   f"below {baseline}:", err=True)
        for regression in check.regressions:
            typer.echo(f"  {regression}", err=True)
        raise typer.Exit(EXIT_GATE_FAILED)
    typer.echo(f"quality gate passed: no figure fell more than {check.tolerance} below {baseline}")
