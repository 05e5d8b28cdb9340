"""The versioned legal catalogue: violations with their provision, frame and dates in force, and
the sanctioning competence of each signer. Pure: reads resources/law/catalogue.json or a dict.

An act is judged under the provision in force on the day it was committed, so every lookup that
matters for a record takes that date (docs/legal-catalogue.md)."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from domain.resources import resource_path
from domain.vietnamese import fold

INDIVIDUAL = "ca_nhan"
ORGANISATION = "to_chuc"


class CatalogueInvalid(ValueError):
    """The catalogue file cannot be read: the message names the entry or key at fault."""


@dataclass(frozen=True)
class LawEntry:
    """One violation: a point (or clause) of a decree article, with its frames and dates."""

    id: str
    act: str  # the same behaviour across decrees: how a date picks the provision in force
    decree: str
    article: int
    clause: int
    point: str | None
    article_title: str
    field: str
    behaviour: str
    keywords: str
    warning: bool  # whether a warning (cảnh cáo) is allowed instead of a fine
    fine_individual: tuple[int, int]
    fine_organisation: tuple[int, int]
    additional: tuple[str, ...]
    remedies: tuple[str, ...]
    effective_from: date
    effective_to: date | None
    status: str

    @property
    def citation(self) -> str:
        """How the provision is written on paper: "Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP"."""
        clause = f"khoản {self.clause} Điều {self.article} Nghị định {self.decree}"
        return f"Điểm {self.point} {clause}" if self.point else clause[0].upper() + clause[1:]

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def frame(self, party: str) -> tuple[int, int]:
        """The fine frame for an individual or (`to_chuc`) an organisation."""
        return self.fine_organisation if party == ORGANISATION else self.fine_individual

    @functools.cached_property
    def search_key(self) -> str:
        """Folded once: the catalogue is searched on every keystroke of the picker."""
        return fold(" ".join((self.id, self.citation, self.behaviour, self.keywords)))


@dataclass(frozen=True)
class Signer:
    """What one signer title may impose: a share of the field's maximum fine, and measures."""

    title: str
    label: str
    fine_share: float
    measures: frozenset[str]


@dataclass(frozen=True)
class Catalogue:
    version: str
    entries: tuple[LawEntry, ...]
    field_max_individual: Mapping[str, int]
    organisation_factor: int
    signers: Mapping[str, Signer]
    without_record_max: Mapping[
        str, int
    ]  # party → the largest fine a decision without record may carry

    def entry(self, entry_id: str) -> LawEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def in_force(self, day: date) -> list[LawEntry]:
        return [e for e in self.entries if e.in_force(day)]

    def for_act(self, act: str, day: date) -> LawEntry | None:
        """The provision that governed this behaviour on that day (None: not punishable then)."""
        return next((e for e in self.entries if e.act == act and e.in_force(day)), None)

    def search(self, text: str, day: date | None = None) -> list[LawEntry]:
        """Entries whose id, citation, behaviour or keywords hold every word typed, accents optional."""
        words = fold(text).split()
        pool = self.in_force(day) if day is not None else list(self.entries)
        return [e for e in pool if all(w in e.search_key for w in words)]

    def competence(self, signer: str, field: str, party: str) -> int | None:
        """The largest fine `signer` may impose in `field` on this party (None: unknown)."""
        who, field_max = self.signers.get(signer), self.field_max_individual.get(field)
        if who is None or field_max is None:
            return None
        factor = self.organisation_factor if party == ORGANISATION else 1
        return int(field_max * who.fine_share * factor)


def _day(raw: Any, where: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise CatalogueInvalid(f"{where}: not a date: {raw!r}") from None


def _frame(raw: Any, where: str) -> tuple[int, int]:
    if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int) for v in raw)):
        raise CatalogueInvalid(f"{where}: a frame is [min, max] in đồng")
    low, high = raw
    if not 0 <= low <= high:
        raise CatalogueInvalid(f"{where}: min above max")
    return low, high


_ID = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+)+$")


def _entry(raw: Mapping[str, Any], fields: Mapping[str, int]) -> LawEntry:
    where = f"entry {raw.get('id')!r}"
    try:
        entry = LawEntry(
            id=raw["id"],
            act=raw["act"],
            decree=raw["decree"],
            article=int(raw["article"]),
            clause=int(raw["clause"]),
            point=raw.get("point"),
            article_title=raw.get("article_title", ""),
            field=raw["field"],
            behaviour=raw["behaviour"],
            keywords=raw.get("keywords", ""),
            warning=bool(raw["warning"]),
            fine_individual=_frame(raw["fine_individual"], f"{where} fine_individual"),
            fine_organisation=_frame(raw["fine_organisation"], f"{where} fine_organisation"),
            additional=tuple(raw.get("additional", ())),
            remedies=tuple(raw.get("remedies", ())),
            effective_from=_day(raw["effective_from"], where) or date.min,
            effective_to=_day(raw.get("effective_to"), where),
            status=raw.get("status", "?"),
        )
    except KeyError as missing:
        raise CatalogueInvalid(f"{where}: missing {missing}") from None
    if not isinstance(entry.id, str) or not _ID.match(entry.id):
        raise CatalogueInvalid(f"{where}: ids look like nd282.8.1.a")
    if entry.field not in fields:
        raise CatalogueInvalid(f"{where}: unknown field {entry.field!r}")
    if entry.effective_to is not None and entry.effective_to < entry.effective_from:
        raise CatalogueInvalid(f"{where}: in force until before it starts")
    return entry


def _overlaps(entries: Iterable[LawEntry]) -> None:
    """Two provisions for one act on the same day would make the date choice ambiguous."""
    by_act: dict[str, list[LawEntry]] = {}
    for e in entries:
        by_act.setdefault(e.act, []).append(e)
    for act, group in by_act.items():
        group.sort(key=lambda e: e.effective_from)
        for before, after in itertools.pairwise(group):
            if before.effective_to is None or before.effective_to >= after.effective_from:
                raise CatalogueInvalid(f"act {act!r}: {before.id} and {after.id} overlap")


def catalogue_from_dict(raw: Mapping[str, Any]) -> Catalogue:
    """A catalogue from its JSON form (the bundled file or one published by the centre)."""
    try:
        fields = {k: int(v["fine_max_individual"]) for k, v in raw["fields"].items()}
        signers = {
            title: Signer(title, s["label"], float(s["fine_share"]), frozenset(s["measures"]))
            for title, s in raw["signers"].items()
        }
        limits = raw["without_record"]
        without_record = {
            INDIVIDUAL: int(limits["fine_max_individual"]),
            ORGANISATION: int(limits["fine_max_organisation"]),
        }
        entries = tuple(_entry(e, fields) for e in raw["entries"])
        version = str(raw["version"])
    except (KeyError, TypeError, AttributeError) as problem:
        raise CatalogueInvalid(f"catalogue: missing or malformed {problem}") from None
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise CatalogueInvalid("catalogue: an id appears twice")
    _overlaps(entries)
    return Catalogue(
        version=version,
        entries=entries,
        field_max_individual=fields,
        organisation_factor=int(raw.get("organisation_factor", 2)),
        signers=signers,
        without_record_max=without_record,
    )


def load_catalogue(path: Path | None = None) -> Catalogue:
    file = path or resource_path("law", "catalogue.json")
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueInvalid(f"{file.name}: {error}") from None
    return catalogue_from_dict(raw)


@functools.cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the program."""
    return load_catalogue()
