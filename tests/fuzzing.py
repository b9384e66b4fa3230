"""Shared set-up of the fuzz tests (tests/test_fuzz_*.py): Hypothesis profiles and strategies.

CI runs a fixed set of cases: `derandomize` seeds each test from its own code, so a run is
reproducible and a failure shows again on the next run. `FUZZ_LONG=1` (or `FUZZ_LONG=20` for
twenty times the cases) runs more, with fresh random cases each time, for a local hunt:

    FUZZ_LONG=10 .venv/bin/python -m pytest tests/test_fuzz_*.py

Hypothesis keeps failing cases in `.hypothesis/` (gitignored) and replays them first.
"""
from __future__ import annotations

import os
import string

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_LONG = os.environ.get("FUZZ_LONG", "").strip()
SCALE = (int(_LONG) if _LONG.isdigit() and int(_LONG) > 1 else 10) if _LONG not in ("", "0") else 1

# Long inputs are the point here, so the health checks that warn about them are off, and there
# is no per-case deadline: the linear-time tests measure time on purpose.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
          HealthCheck.function_scoped_fixture]
settings.register_profile("fuzz-ci", derandomize=True, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)
settings.register_profile("fuzz-long", derandomize=False, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)
FUZZ = settings.get_profile("fuzz-long" if SCALE > 1 else "fuzz-ci")


def cases(count: int) -> settings:
    """The settings of one fuzz test: `count` cases in CI, SCALE times as many with FUZZ_LONG."""
    return settings(FUZZ, max_examples=count * SCALE)


# JSON of any shape: scalars (huge and non-finite numbers among them), nested lists and objects.
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                         st.text())
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                                 st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                           max_leaves=30)

# Text that reaches the edge cases more often than uniform Unicode: control characters, line and
# paragraph separators, combining marks, right-to-left marks, the replacement character, emoji,
# and lone surrogates (a JSON escape like \ud800 makes one).
ODD_CHARACTERS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u00ad\u0301\u200b\u200d\u200e\u200f\u2028\u2029" \
                 "\ufeff\ufffd\U0001f600\r\n\t\ud800\udfff"  # the last two: lone surrogates
ODD_TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(ODD_CHARACTERS),
                                      st.sampled_from(string.printable)))


def long_runs(units: st.SearchStrategy[str], longest: int = 200_000) -> st.SearchStrategy[str]:
    """A short piece repeated up to `longest` characters: very long lines and tokens."""
    return st.builds(lambda unit, length: (unit * (length // len(unit) + 1))[:length],
                     units.filter(bool), st.integers(1, longest))
