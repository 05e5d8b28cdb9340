"""The `law` check of F3/F4: the provision chosen from the catalogue, judged on the violation date.

All findings here block: a fine outside the provision's frame or above the signer's competence,
a measure a commune may not impose (expulsion), a decision without a record beyond its limit.
The legal grounds are in docs/legal-catalogue.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.forms.evaluation import EvalContext, Scope, as_moment, holds, resolve
from domain.forms.model import LawCheck
from domain.law import INDIVIDUAL, ORGANISATION, Catalogue, LawEntry, default_catalogue
from domain.validation.codes import Code
from domain.validation.formats import parse_money
from domain.validation.problems import Problem, problem

FINE = "phat_tien"
WARNING = "canh_cao"


def run_law_check(
    check: LawCheck,
    prefix: str,
    scopes: Sequence[Scope],
    context: EvalContext,
    catalogue: Catalogue | None = None,
) -> list[Problem]:
    catalogue = catalogue or default_catalogue()

    def value(name: str | None) -> Any:
        return resolve(name.split("."), scopes) if name else None

    entry_id = value(check.entry)
    if not isinstance(entry_id, str) or not entry_id:
        return []  # an empty entry is the business of `required`
    entry = catalogue.entry(entry_id.strip())
    if entry is None:
        return [problem(prefix + check.entry, Code.LAW_ENTRY_UNKNOWN, entry=entry_id)]
    found = _in_force(check, prefix, entry, value(check.on), catalogue)
    party = ORGANISATION if value(check.party) == ORGANISATION else INDIVIDUAL
    penalty = value(check.penalty)
    if penalty == WARNING and not entry.warning:
        found.append(problem(prefix + (check.penalty or ""), Code.WARNING_NOT_ALLOWED))
    fine = parse_money(value(check.fine)) if check.fine and penalty != WARNING else None
    if fine is not None:
        found += _fine(check, prefix, entry, party, fine, value(check.signer), catalogue)
        without_record = check.without_record is not None and holds(
            check.without_record, scopes, context
        )
        limit = catalogue.without_record_max[party]
        if without_record and fine > limit:
            found.append(
                problem(prefix + (check.fine or ""), Code.NO_RECORD_LIMIT_EXCEEDED, max=limit)
            )
    if check.measures is not None:
        found += _measures(check, prefix, value(check.measures), value(check.signer), catalogue)
    return found


def _in_force(
    check: LawCheck, prefix: str, entry: LawEntry, on: Any, catalogue: Catalogue
) -> list[Problem]:
    moment = as_moment(on)
    if moment is None or entry.in_force(moment.date()):
        return []  # an unreadable date is reported by its own field
    instead = catalogue.for_act(entry.act, moment.date())
    return [
        problem(
            prefix + check.entry,
            Code.LAW_ENTRY_NOT_IN_FORCE,
            entry=entry.id,
            day=moment.date().isoformat(),
            instead=instead.id if instead else "",
        )
    ]


def _fine(
    check: LawCheck,
    prefix: str,
    entry: LawEntry,
    party: str,
    fine: int,
    signer: Any,
    catalogue: Catalogue,
) -> list[Problem]:
    path = prefix + (check.fine or "")
    low, high = entry.frame(party)
    found = []
    if not low <= fine <= high:
        found.append(problem(path, Code.FINE_OUTSIDE_FRAME, min=low, max=high))
    ceiling = catalogue.competence(signer, entry.field, party) if isinstance(signer, str) else None
    if ceiling is not None and fine > ceiling:
        found.append(problem(path, Code.FINE_ABOVE_COMPETENCE, max=ceiling))
    return found


def _measures(
    check: LawCheck, prefix: str, rows: Any, signer: Any, catalogue: Catalogue
) -> list[Problem]:
    """Additional measures the signer's title does not carry: expulsion is never a commune's."""
    who = catalogue.signers.get(signer) if isinstance(signer, str) else None
    if who is None or not isinstance(rows, list):
        return []
    found = []
    for i, row in enumerate(rows):
        kind = row.get("kind") if isinstance(row, Mapping) else None
        if isinstance(kind, str) and kind not in who.measures:
            path = f"{prefix}{check.measures}[{i}].kind"
            found.append(problem(path, Code.MEASURE_BEYOND_COMPETENCE, measure=kind))
    return found
