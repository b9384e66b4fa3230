"""TIMEX3 formatting: counts and units written as durations (P3D, PT30M, P2Y6M, PXY), and
the type TimeBank gives a part of the day."""
from __future__ import annotations

from .parse import singular
from .words import DATE, TIME, UNITS

def _number(count) -> str:
    """A count as TIMEX3 writes it: 2.5 -> '2.5', 3.0 -> '3', 'X' -> 'X'."""
    if isinstance(count, float):
        return f"{count:g}"
    return str(count)


# A fraction of a unit, written in the next smaller one: 2.5 years -> P2Y6M.
SMALLER_UNIT = {"Y": (12, "M", False), "D": (24, "H", True), "H": (60, "M", True), "DE": (10, "Y", False),
                "W": (7, "D", False), "CE": (100, "Y", False)}


def duration_value(count, unit_word: str) -> str | None:
    """(3, 'hour') -> 'PT3H'; ('X', 'year') -> 'PXY'; (0.5, 'hour') -> 'PT30M'; (2.5, 'year') -> 'P2Y6M'."""
    unit_word = singular(unit_word)
    if unit_word not in UNITS:
        return None
    letter, is_clock = UNITS[unit_word]
    if unit_word == "fortnight" and isinstance(count, (int, float)):
        count *= 2
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if letter == "DE" and isinstance(count, int):
        count, letter = count * 10, "Y"  # "two decades" -> P20Y, as TimeBank writes it
    if letter == "Q":
        count, letter = (count * 3 if isinstance(count, (int, float)) else count), "M"  # quarters in months
    if isinstance(count, float) and letter in SMALLER_UNIT and not (letter == "M" and not is_clock):
        whole, fraction = int(count), count - int(count)
        factor, small_letter, small_clock = SMALLER_UNIT[letter]
        if (fraction * factor).is_integer():
            small = f"{int(fraction * factor)}{small_letter}"
            if whole == 0:
                return f"P{'T' if small_clock else ''}{small}"
            if small_clock and not is_clock:  # 2.5 days -> P2DT12H
                return f"P{whole}{letter}T{small}"
            return f"P{'T' if is_clock else ''}{whole}{letter}{small}"
    if unit_word == "minute" and isinstance(count, float) and (count * 60).is_integer():
        whole, seconds = int(count), int((count - int(count)) * 60)
        return f"PT{whole}M{seconds}S" if whole else f"PT{seconds}S"
    return f"P{'T' if is_clock else ''}{_number(count)}{letter}"


def part_type(part: str) -> str:
    """TimeBank marks "Friday night" a DATE but "Friday morning" a TIME, more often than not."""
    return DATE if part in ("night", "tonight", "tonite") else TIME

