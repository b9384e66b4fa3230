"""The progress bar of a run, on stderr so that stdout stays free for data."""
from __future__ import annotations

import sys


class ProgressBar:
    """A rich progress bar, shown only for runs of more than a few documents."""

    MIN_DOCUMENTS = 5

    def __init__(self, total: int):
        self.bar = None
        if total < self.MIN_DOCUMENTS:
            return
        from rich.console import Console  # imported here: only runs that show a bar pay for it
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(file=sys.stderr), transient=True)
        self.task = self.bar.add_task("articles", total=total)
        self.bar.start()

    def advance(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()
