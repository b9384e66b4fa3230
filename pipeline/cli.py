"""The `pipeline` command: Typer commands only; each parses, calls the library, prints."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import contextvars
import functools
import inspect

import click
import typer
from typer.core import TyperGroup

from . import __version__
from .config import DEFAULT_BASE_IRI, DEFAULT_CONFIG_PATH, PROJECT_CONFIG_DIR
from .errors import EXIT_NOTHING_RAN, EXIT_OK, EXIT_SOME_REJECTED, PipelineError, error_line, exit_status
from .starter_config import DEFAULT_STARTER_PATH
from .streams import (copy_facts, copy_file, is_stdio, output_folder, spooled_inputs, stdin_sources,
                      without_folder_graph)

# Keys in click's context meta, shared by the group and its command: set by --debug, -q and -v
# (before or after the command's name), read by _OneLineErrors and the printing helpers.
DEBUG, QUIET, VERBOSE = "pipeline.debug", "pipeline.quiet", "pipeline.verbose"


class _OneLineErrors(TyperGroup):
    """Any error that escapes a command becomes one line on stderr and exit status EXIT_NOTHING_RAN:
    a user never sees a traceback unless they ask for it with `pipeline --debug`."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException, click.Abort,
                _TyperClickException):
            raise
        except BrokenPipeError:  # `pipeline query ... | head`: Typer ends quietly
            raise
        except Exception as error:
            if ctx.meta.get(DEBUG):
                raise
            typer.echo(f"error: {error_line(error)}", err=True)
            raise typer.Exit(EXIT_NOTHING_RAN) from None

def _set_flag(key: str):
    def remember(ctx: click.Context, _param, value: bool) -> None:
        if value:  # a flag given before the command's name stays set
            ctx.meta[key] = True
    return remember


try:  # Typer 0.2x carries its own copy of click: its usage errors are not click's
    from typer._click.exceptions import ClickException as _TyperClickException
except ImportError:  # an older Typer: click's own
    _TyperClickException = click.ClickException

# The running command's context meta: the flags -q, -v and --debug set, before or after its name.
_META: contextvars.ContextVar[dict] = contextvars.ContextVar("pipeline_cli_meta", default={})
CONTEXT = inspect.Parameter("pipeline_context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
# Every command takes -q, -v and --debug, as the group does: `pipeline run -q ...` and
# `pipeline -q run ...` are the same. `_command` adds them to each command's signature.
SHARED_OPTIONS = [
    inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, annotation=bool, default=typer.Option(
        False, "--quiet", "-q", callback=_set_flag(QUIET),
        help="No progress bar and no summary; errors and rejects still show.")),
    inspect.Parameter("verbose", inspect.Parameter.KEYWORD_ONLY, annotation=bool, default=typer.Option(
        False, "--verbose", "-v", callback=_set_flag(VERBOSE),
        help="Also say which config, model, inputs and output are used (run, ingest, extract).")),
    inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, annotation=bool, default=typer.Option(
        False, "--debug", callback=_set_flag(DEBUG),
        help="Show the full traceback of an error instead of one line.")),
]


def _help(text: str) -> str:
    """A docstring as help text: each paragraph one line (the terminal wraps it) and square
    brackets shown as written, not read as rich markup."""
    from rich.markup import escape

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(escape(" ".join(paragraph.split())) for paragraph in paragraphs)


def _command(name: Optional[str] = None):
    """app.command with the shared options and the docstring as clean help text."""
    def register(function):
        @functools.wraps(function)
        def command(*args, **kwargs):
            for option in SHARED_OPTIONS:  # read through the context's meta (_flags), not here
                kwargs.pop(option.name, None)
            token = _META.set(kwargs.pop(CONTEXT.name).meta)
            try:
                _flags()  # -q with -v stops the command before it does anything
                return function(*args, **kwargs)
            finally:
                _META.reset(token)

        signature = inspect.signature(function, eval_str=True)
        command.__signature__ = signature.replace(
            parameters=[*signature.parameters.values(), *SHARED_OPTIONS, CONTEXT])
        return app.command(name, help=_help(function.__doc__ or ""))(command)
    return register


app = typer.Typer(
    help=(
        "News fact extraction: articles in (.txt/.md, .jsonl, .html), schema-validated JSONL "
        "fact records out (people, titles of works, dates, numeric claims).\n\n"
        f"Exit status: {EXIT_OK} every article processed; {EXIT_SOME_REJECTED} finished but some inputs "
        f"were rejected (see rejects.jsonl); {EXIT_NOTHING_RAN} nothing could run (bad config, "
        "missing model or input, an output path that cannot be written, or any error that stopped "
        "the command: one line on stderr, the traceback only with --debug)."
    ),
    cls=_OneLineErrors,
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

CONFIG_ARG = typer.Argument(..., help="TOML config, e.g. configs/default.toml.", show_default=False)
CONFIG_OPTION = typer.Option(DEFAULT_CONFIG_PATH, "--config", "-c", help="TOML config to use.",
                             show_default="the project's configs/default.toml")


def _fail(error: Exception) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(EXIT_NOTHING_RAN)


@contextmanager
def _stop_on(*errors: type[Exception]):
    """Any of `errors` ends the command: its message on stderr, exit status EXIT_NOTHING_RAN."""
    try:
        yield
    except errors as error:
        _fail(error)


def _print_reject(item) -> None:
    typer.echo(f"rejected: {item}", err=True)


def _print_invalid(item) -> None:
    typer.echo(str(item), err=True)


def _settings(config: Path):
    from .config import load_settings

    with _stop_on(PipelineError):
        return load_settings(config)


def _flags() -> tuple[bool, bool]:
    """(quiet, verbose) as -q and -v set them, wherever they were given."""
    meta = _META.get()
    quiet, verbose = meta.get(QUIET, False), meta.get(VERBOSE, False)
    if quiet and verbose:
        _fail(PipelineError("-q/--quiet and -v/--verbose ask for opposite things: give one of them"))
    return quiet, verbose


def _info(line: str) -> None:
    """A summary line on stderr, unless -q."""
    if not _flags()[0]:
        typer.echo(line, err=True)


def _detail(line: str) -> None:
    """A line on stderr only with -v."""
    if _flags()[1]:
        typer.echo(line, err=True)


def _describe(settings, inputs, output) -> None:
    _detail(f"config: {settings.path} (model {settings.model.name}; extractors "
            f"{', '.join(spec.name for spec in settings.extractors)})")
    _detail(f"inputs: {', '.join(map(str, inputs)) if inputs else ', '.join(settings.input.paths)}")
    _detail(f"output: {'standard output' if is_stdio(output) else output or settings.output.dir}")


def _summary_line(summary, output) -> str:
    line = summary.line()
    return line.rsplit(" -> ", 1)[0] + " -> standard output" if is_stdio(output) else line


@contextmanager
def _standard_streams(settings, inputs: Optional[List[str]], output: Optional[Path], facts: bool = True):
    """(settings, inputs, output folder) with "-" standing for standard input or output: standard
    input spooled to a temporary file, a temporary output folder whose facts.jsonl (with `facts`)
    is copied to standard output once the body has run."""
    if is_stdio(output):
        settings = without_folder_graph(settings)
    try:
        with spooled_inputs(inputs, typer.get_binary_stream("stdin")) as spooled, output_folder(output) as folder:
            yield settings, spooled, folder
            if is_stdio(output) and facts:
                copy_facts(folder, typer.get_binary_stream("stdout"), stdin_sources(inputs, spooled))
    except PipelineError as error:
        _fail(error)


def _run(config: Path, inputs: Optional[List[str]], output: Optional[Path], validate: bool) -> None:
    from .run import run_pipeline

    quiet, _ = _flags()
    _describe(settings := _settings(config), inputs, output)
    with _standard_streams(settings, inputs, output) as (settings, inputs, folder):
        summary = run_pipeline(settings, inputs=inputs, output_dir=folder, progress=not quiet,
                               validate=validate, on_reject=_print_reject)
    _info(_summary_line(summary, output))
    raise typer.Exit(summary.exit_status)


STDIO_INPUT_HELP = "File, folder or glob to read instead of input.paths; repeatable. - reads standard input."
STDIO_OUTPUT_HELP = "Output folder instead of output.dir. - writes facts.jsonl to standard output."


@_command()
def run(
    config: Path = CONFIG_ARG,
    input: Optional[List[str]] = typer.Option(None, "--input", "-i", metavar="PATH", help=STDIO_INPUT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FOLDER", help=STDIO_OUTPUT_HELP),
    resume: bool = typer.Option(False, "--resume", help="Continue a run that crashed or was stopped from its last "
                                                        "checkpoint (the staging folder beside the output folder)."),
    incremental: bool = typer.Option(False, "--incremental", help="Copy the records of articles whose content and "
                                                                  "config are unchanged since the run in the output "
                                                                  "folder instead of extracting them again."),
    executor: Optional[str] = typer.Option(None, "--executor", "-e",
                                           help="Where articles are processed: local (this machine, model.n_process) "
                                                "or dask (a Dask cluster; the same output). Default: executor.kind.",
                                           show_default=False),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Address of a running Dask scheduler (tcp://HOST:PORT) instead of a "
                                                 "LocalCluster; implies --executor dask. Default: executor.scheduler.",
                                            show_default=False),
    workers: Optional[int] = typer.Option(None, "--workers", help="Worker processes of the Dask LocalCluster "
                                                                  "(one thread each). Default: executor.workers.",
                                          show_default=False),
) -> None:
    """Run every stage and write facts.jsonl, rejects.jsonl, run.json and the graph.

    Reads the articles, extracts facts, validates every record against the schemas and loads the
    facts into the graph store ([graph] in the config). Everything is written into a staging folder
    and swapped into place at the end: the output folder holds exactly one whole run. Ctrl-C or
    SIGTERM stops after the current batch (exit 130 or 143); --resume finishes that run.

    --input - and --output - make it a filter: JSONL (or one plain-text article) on standard input,
    facts JSONL on standard output, progress and the summary on stderr."""
    from .config import with_executor
    from .run import RunInterrupted, StopOnSignal, run_pipeline

    quiet, _ = _flags()
    if is_stdio(output) and (resume or incremental):
        _fail(PipelineError("--resume and --incremental need an output folder to keep; --output - keeps none"))
    settings = _settings(config)
    with _stop_on(PipelineError):
        settings = with_executor(settings, kind=executor, scheduler=scheduler, workers=workers)
    _describe(settings, input, output)
    try:
        with _standard_streams(settings, input, output) as (settings, inputs, folder), StopOnSignal() as stop:
            summary = run_pipeline(settings, inputs=inputs, output_dir=folder, progress=not quiet, validate=True,
                                   on_reject=_print_reject, resume=resume, incremental=incremental, stop=stop)
    except RunInterrupted as interrupted:
        typer.echo(f"interrupted: {interrupted}", err=True)
        raise typer.Exit(interrupted.exit_status)
    except KeyboardInterrupt:  # a second Ctrl-C: the staging folder still holds the last checkpoint
        typer.echo("interrupted: stopped at once; run again with --resume to finish from the last checkpoint",
                   err=True)
        raise typer.Exit(130)
    _info(_summary_line(summary, output))
    raise typer.Exit(summary.exit_status)


@_command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files, folders or globs (.txt/.md, .jsonl, .html).",
                                       show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="JSONL file of articles to write.",
                                show_default=False),
    config: Path = CONFIG_OPTION,
) -> None:
    """Read articles only and write them as JSONL, the input of `pipeline extract`.

    Each line holds id, text, date, title, url and author. Bad inputs are reported on stderr
    and skipped. - as an input reads standard input; --output - writes to standard output."""
    from .output import write_articles

    _describe(settings := _settings(config), inputs, output)
    with _standard_streams(settings, inputs, output, facts=False) as (settings, inputs, folder):
        written = folder / "articles.jsonl" if is_stdio(output) else output
        counts = write_articles(inputs, settings.input, written, on_reject=_print_reject)
        if is_stdio(output):
            copy_file(written, typer.get_binary_stream("stdout"))
    _info(f"{counts.written} articles, {counts.rejected} rejected -> "
          f"{'standard output' if is_stdio(output) else output}")
    raise typer.Exit(exit_status(counts.rejected))


@_command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Articles: the JSONL written by `pipeline ingest`, "
                                                 "or any input `run` reads.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder for facts.jsonl.",
                                show_default=False),
    config: Path = CONFIG_OPTION,
) -> None:
    """Parse articles and run the extractors, without schema validation.

    Check the result with `pipeline validate`. - as an input reads standard input; --output -
    writes facts.jsonl to standard output."""
    _run(config, inputs, output, validate=False)


@_command()
def validate(
    facts: Path = typer.Argument(..., help="A facts JSONL file to check.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the valid records here; invalid ones go to rejects.jsonl beside it."),
    config: Path = CONFIG_OPTION,
) -> None:
    """Check every record of a facts file against the JSON Schemas.

    The schemas come from schemas.dir of the config; one line is printed per invalid record."""
    from .output import validate_file
    from .validate import RecordValidator

    settings = _settings(config)
    with _stop_on(PipelineError):
        counts = validate_file(facts, RecordValidator(settings.schema_dir), output, on_invalid=_print_invalid)
    _info(f"{counts.valid} valid, {counts.invalid} invalid records in {facts}")
    raise typer.Exit(exit_status(counts.invalid))


@_command()
def graph(
    facts: List[Path] = typer.Argument(..., help="facts.jsonl files written by `pipeline run`.", show_default=False),
    format: str = typer.Option("nt", "--format", "-f",
                               help="nt, ttl, jsonld, nq, trig, or neo4j-csv (nodes.csv and relationships.csv "
                                    "for `neo4j-admin database import full`)."),
    output: Path = typer.Option(..., "--output", "-o", show_default=False,
                                help="File to write (a folder for neo4j-csv)."),
    store: Optional[Path] = typer.Option(None, "--store", "-s",
                                         help="Also load into this Oxigraph store folder (created if missing)."),
    base_iri: str = typer.Option(DEFAULT_BASE_IRI, "--base-iri", help="Base of every IRI."),
) -> None:
    """Export fact records as a schema.org knowledge graph (RDF or Neo4j CSV).

    With --store, also load them into an embedded SPARQL store; re-loading an article replaces
    its named graph."""
    from .config import GRAPH_FORMATS
    from .store import NEO4J_CSV, export_graph

    if format not in GRAPH_FORMATS:
        _fail(PipelineError(f"--format must be one of {', '.join(GRAPH_FORMATS)}, got '{format}'"))
    with _stop_on(PipelineError, ValueError, OSError):
        done = export_graph(facts, {format: output}, store, base_iri)
    written, loaded = done.written[format], done.loaded
    if format == NEO4J_CSV:
        _info(f"{written['nodes']} nodes, {written['relationships']} relationships -> {output}")
    else:
        _info(f"{loaded.articles} articles, {written} triples -> {output}")
    if store is not None:
        _info(f"{loaded.quads} quads loaded into {store} "
              f"({loaded.quads / loaded.seconds if loaded.seconds else 0:.0f} quads/s)")


@_command()
def query(
    store: Path = typer.Argument(..., help="Oxigraph store folder (graph.oxigraph in a run's output).",
                                 show_default=False),
    sparql: str = typer.Argument(..., help="A SPARQL 1.1 query: SELECT, ASK, CONSTRUCT or DESCRIBE; prefixes "
                                           "schema:, kg:, xsd:, rdf: are predeclared.", show_default=False),
    json_output: bool = typer.Option(False, "--json", help="SELECT and ASK: the SPARQL 1.1 Query Results JSON "
                                                           "format; CONSTRUCT and DESCRIBE: JSON-LD."),
    ntriples: bool = typer.Option(False, "--ntriples", help="CONSTRUCT and DESCRIBE: N-Triples instead of Turtle."),
    base_iri: str = typer.Option(DEFAULT_BASE_IRI, "--base-iri", help="Base IRI the store was built with; "
                                                                      "relative IRIs (<person/...>) resolve against it."),
    update: bool = typer.Option(False, "--update", help="Allow a SPARQL UPDATE (INSERT, DELETE, ...) to change the store."),
) -> None:
    """Ask the knowledge graph a question in SPARQL.

    All article graphs are queried as one. SELECT prints a table, ASK true or false, CONSTRUCT and
    DESCRIBE the triples as Turtle (--ntriples: N-Triples); --json prints SPARQL JSON results (JSON-LD
    for triples). A SPARQL UPDATE is refused (exit 2) unless --update is given."""
    import json as json_module

    from .store import query_store

    with _stop_on(PipelineError):
        answer = query_store(store, sparql, base_iri, allow_update=update)
    if answer.form == "graph":
        text = answer.rdf("jsonld" if json_output else "nt" if ntriples else "ttl")
        typer.echo(text, nl=not text.endswith("\n"))
        _info(f"{len(answer.triples)} triples")
    elif json_output:
        typer.echo(json_module.dumps(answer.json(), ensure_ascii=False))
    elif answer.form == "ask":
        typer.echo(str(answer.boolean).lower())
    else:
        _print_table(*answer.table())


def _print_table(header: list[str], table: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    view = Table()
    for name in header:
        view.add_column(Text(name))
    for row in table:  # Text, not str: a value holding "[/b]" is data, not rich markup
        view.add_row(*(Text(cell) for cell in row))
    Console().print(view)
    _info(f"{len(table)} rows")


@_command()
def train(
    config: Path = typer.Argument(PROJECT_CONFIG_DIR / "train.toml", show_default="the project's configs/train.toml",
                                  help="Training config (corpora, labels, epochs, seed)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Model folder instead of output_dir."),
    corpora: Optional[Path] = typer.Option(None, "--corpora", help="Folder of the train splits instead of corpora_dir."),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="Epochs instead of the config's."),
) -> None:
    """Train the project's NER component (PERSON, WORK) from the train splits and save it.

    Converts the original corpus files, fine-tunes the base model's ner with a fixed seed and
    writes a spaCy pipeline with its meta.json (sources, licences, scores) to output_dir."""
    from .train import load_train_settings
    from .train import train as train_model

    overrides = {key: value for key, value in
                 {"output_dir": output and str(output), "corpora_dir": corpora and str(corpora),
                  "epochs": epochs}.items() if value is not None}
    with _stop_on(PipelineError):
        settings = load_train_settings(config, overrides)
        result = train_model(settings, progress=_info)
    _info(f"{sum(result.sentences.values())} sentences, {len(result.losses)} epochs in {result.seconds:.0f} s "
          f"-> {result.output_dir} ({result.size_bytes / 1e6:.1f} MB)")


from .cli_eval import eval_command  # noqa: E402  (its own module: the eval issue's command)

_command("eval")(eval_command)


@_command("init-config")
def init_config(
    path: Path = typer.Argument(DEFAULT_STARTER_PATH, show_default=True,
                                help="Config file to write."),
    force: bool = typer.Option(False, "--force", "-f", help="Replace the file if it exists."),
) -> None:
    """Write a commented config to edit, made from the shipped default.

    The files it needs (schemas, rule files, the trained model) are named so that it runs from any
    folder: `pipeline run PATH --input ARTICLES`. An existing file is kept unless --force."""
    from .starter_config import write_starter_config

    with _stop_on(PipelineError):
        written = write_starter_config(path, force=force)
    _info(f"config written: {written}; run it with `pipeline run {written} --input ARTICLES`")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", envvar="PIPELINE_DEBUG",
                               help="Show the full traceback of an error instead of one line."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary (any command)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say which config, model and folders (any command)."),
) -> None:
    """News fact extraction pipeline."""
    ctx.meta.update({DEBUG: debug, QUIET: quiet, VERBOSE: verbose})


def entry() -> None:
    app(prog_name="pipeline")


if __name__ == "__main__":
    sys.exit(entry())
