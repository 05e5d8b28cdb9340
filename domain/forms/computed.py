"""Named functions for computed fields, e.g. a fine written in words for "Bằng chữ"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from domain.forms.evaluation import EvalContext, as_moment
from domain.law import Catalogue, LawEntry, default_catalogue
from domain.validation.formats import parse_money
from domain.vietnamese import money_in_words as _money_words

# A computed function gets its arguments' values and the evaluation context (rules, catalogue).
ComputedFunction = Callable[[list[Any], EvalContext], Any]


def _money_in_words(args: list[Any], context: EvalContext) -> str | None:
    rules = context.rules
    amount = parse_money(args[0])
    if amount is None:
        return None
    return _money_words(
        amount,
        thousand=rules.get("money_words_thousand", "nghìn"),
        odd=rules.get("money_words_odd", "lẻ"),
    )


def _stay_notice_late(args: list[Any], context: EvalContext) -> bool | None:
    """Luật Cư trú Art. 30: notify before 23:00 on arrival day, or by 08:00 next day if arriving later."""
    rules = context.rules
    arrival, notified = as_moment(args[0]), as_moment(args[1])
    if arrival is None or notified is None:
        return None
    cutoff_hour = int(rules.get("stay_notice_cutoff_hour", 23))
    next_day_hour = int(rules.get("stay_notice_next_day_hour", 8))
    day_start = datetime(arrival.year, arrival.month, arrival.day)
    if arrival.hour < cutoff_hour:
        deadline = day_start + timedelta(hours=cutoff_hour)
    else:
        deadline = day_start + timedelta(days=1, hours=next_day_hour)
    return notified > deadline


def _law_entry(entry_id: Any, context: EvalContext) -> LawEntry | None:
    """The entry in the catalogue in force on this side (the context's), so the citation and
    frame a record stores come from the same catalogue its law check judges with."""
    catalogue: Catalogue = context.law or default_catalogue()
    return catalogue.entry(entry_id) if isinstance(entry_id, str) else None


def _law_citation(args: list[Any], context: EvalContext) -> Any:
    """The provision as printed, from the catalogue entry chosen; without one (a record made
    before the catalogue existed) the text typed then is kept."""
    entry = _law_entry(args[0], context)
    return entry.citation if entry is not None else args[1]


def _law_frame(bound: int) -> ComputedFunction:
    """The entry's fine frame bound (0 = from, 1 = to) for the party; else the value typed."""

    def frame(args: list[Any], context: EvalContext) -> Any:
        entry = _law_entry(args[0], context)
        return entry.frame(str(args[1]))[bound] if entry is not None else args[2]

    return frame


# name → (number of arguments, implementation)
COMPUTED_FUNCTIONS: dict[str, tuple[int, ComputedFunction]] = {
    "money_in_words": (1, _money_in_words),
    "stay_notice_late": (2, _stay_notice_late),
    "law_citation": (2, _law_citation),
    "law_fine_min": (3, _law_frame(0)),
    "law_fine_max": (3, _law_frame(1)),
}
