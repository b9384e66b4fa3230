"""`pipeline init-config`: a commented config a user can edit, made from the shipped default.

The shipped configs/default.toml names its rule files, schemas and trained model relative to its
own folder and its inputs relative to the project root. A copy written anywhere else names the
files it needs by absolute path instead, and no inputs (the user gives theirs), so it runs from
any folder as it is.
"""
from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

from .config import DEFAULT_CONFIG_PATH, load_settings, resolve_config_path
from .errors import PipelineError

DEFAULT_STARTER_PATH = Path("pipeline.toml")

HEADER = """\
# A config for `pipeline run THIS_FILE --input ARTICLES`, written by `pipeline init-config`
# from the shipped {default}.
# Relative input and output paths resolve against the working directory. Schemas, rule files
# (configs/patterns) and the trained model are named by absolute path below, or resolve against
# this file's folder, else against the shipped configs folder: {shipped}.
# Every key is described in the README (Configuration); a mistyped key stops the run and is named.
"""

INPUT_PATHS_COMMENT = ('# files, folders or globs, e.g. ["news/**/*.html", "feed.jsonl"]; '
                       "--input replaces them")


def starter_config_text(default: Path = DEFAULT_CONFIG_PATH) -> str:
    """The text of `default` with its own header replaced, no inputs, and every path it names
    relative to its folder made absolute."""
    text = default.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    replacements: dict[tuple[str, str], tuple[str, str | None]] = {("input", "paths"): ("[]", INPUT_PATHS_COMMENT)}
    for section, key in (("model", "trained_ner"), ("schemas", "dir")):
        value = raw.get(section, {}).get(key)
        if value:
            absolute = resolve_config_path(value, default.parent).resolve()
            replacements[(section, key)] = (json.dumps(str(absolute)), None)
    body = text.split("\n\n", 1)[1] if text.startswith("#") else text  # the shipped header speaks of the project
    lines, section = [], ""
    for line in body.splitlines():
        header = re.match(r"^\[([\w.]+)\]", line)
        if header:
            section = header.group(1)
        assignment = re.match(r"^(\s*)([\w]+)(\s*=\s*)(\"[^\"]*\"|\[[^\]]*\]|\S+)(\s*#.*)?$", line)
        if assignment and (section, assignment.group(2)) in replacements:
            value, comment = replacements[(section, assignment.group(2))]
            indent, key, equals = assignment.group(1, 2, 3)
            line = f"{indent}{key}{equals}{value}" + (f"  {comment}" if comment else assignment.group(5) or "")
        lines.append(line)
    shipped = default.parent.resolve()
    return HEADER.format(default=default.name, shipped=shipped) + "\n" + "\n".join(lines) + "\n"


def write_starter_config(path: str | Path = DEFAULT_STARTER_PATH, force: bool = False) -> Path:
    """Write `starter_config_text()` to `path` (its folder created), checked by loading it first.
    Raises PipelineError when `path` exists and `force` is not set, or cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise PipelineError(f"{path} is a folder: name the config file to write, e.g. {path / 'pipeline.toml'}")
    if path.exists() and not force:
        raise PipelineError(f"{path} exists: pass --force to replace it, or name another file")
    text = starter_config_text()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.tmp")
        staging.write_text(text, encoding="utf-8")
        try:
            load_settings(staging)  # a starter config that does not load is a bug here, not the user's
            os.replace(staging, path)
        finally:
            staging.unlink(missing_ok=True)
    except OSError as error:
        raise PipelineError(f"{path}: cannot write the config ({error.strerror or error})") from error
    return path
