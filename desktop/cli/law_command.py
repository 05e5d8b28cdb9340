"""`cax law search TEXT [--date DD/MM/YYYY | --all]`, `cax law show ID`: the legal catalogue.

They list the catalogue the station judges records with: the newest one pulled from the centre,
kept in the encrypted station database, so a station home asks for a user and password as every
station command does. Without a station (a laptop reading the law) the bundled catalogue is used."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import InvalidInput, LawEntryNotFound
from desktop.core.station_time import station_today
from desktop.storage import centre_feed
from desktop.storage.station import Station
from domain.law import Catalogue, LawEntry, default_catalogue
from domain.validation.formats import parse_date
from domain.vietnamese import format_money


def catalogue_in_force(args: argparse.Namespace, home: Path, messages: Messages) -> Catalogue:
    """The station's catalogue in force; the bundled one where no station is set up."""
    if not Station(home).exists():
        return default_catalogue()
    with open_session(args, home, messages) as session, session.db.read() as conn:
        return centre_feed.law_catalogue_in_force(conn)


def _frame(entry: LawEntry, party: str) -> str:
    low, high = entry.frame(party)
    return f"{format_money(low)} – {format_money(high)}"


def _as_json(entry: LawEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "citation": entry.citation,
        "decree": entry.decree,
        "article": entry.article,
        "clause": entry.clause,
        "point": entry.point,
        "field": entry.field,
        "behaviour": entry.behaviour,
        "warning": entry.warning,
        "fine_individual": list(entry.fine_individual),
        "fine_organisation": list(entry.fine_organisation),
        "additional": list(entry.additional),
        "remedies": list(entry.remedies),
        "effective_from": entry.effective_from.isoformat(),
        "effective_to": entry.effective_to.isoformat() if entry.effective_to else None,
        "status": entry.status,
    }


def search_command(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    day: date | None = None if args.all else station_today()
    if args.date is not None:
        day = parse_date(args.date)
        if day is None:
            raise InvalidInput(field="--date", reason="date_format", value=args.date)
    if not args.text.strip():
        raise InvalidInput(field="TEXT", reason="blank_text")
    found = catalogue_in_force(args, home, messages).search(args.text, day)
    if not found:
        raise LawEntryNotFound(text=args.text)
    if getattr(args, "json", False):
        print_json([_as_json(e) for e in found])
        return EXIT_OK
    for entry in found:
        print(f"{entry.id}  {entry.citation}")
        print(f"    {entry.behaviour}")
        frame = messages.notice(
            "law_frame",
            individual=_frame(entry, "ca_nhan"),
            organisation=_frame(entry, "to_chuc"),
        )
        warning = messages.notice("law_or_warning") if entry.warning else ""
        print(f"    {frame}{warning}")
    return EXIT_OK


def show_command(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    entry = catalogue_in_force(args, home, messages).entry(args.entry.strip())
    if entry is None:
        raise LawEntryNotFound(text=args.entry)
    if getattr(args, "json", False):
        print_json(_as_json(entry))
        return EXIT_OK
    print(f"{entry.id}  {entry.citation}")
    print(f"    {entry.article_title}")
    print(f"    {entry.behaviour}")
    print(
        "    "
        + messages.notice(
            "law_frame",
            individual=_frame(entry, "ca_nhan"),
            organisation=_frame(entry, "to_chuc"),
        )
    )
    for line in entry.additional:
        print("    " + messages.notice("law_additional", text=line))
    for line in entry.remedies:
        print("    " + messages.notice("law_remedy", text=line))
    until = entry.effective_to.strftime("%d/%m/%Y") if entry.effective_to else "…"
    print(
        "    "
        + messages.notice(
            "law_in_force", start=entry.effective_from.strftime("%d/%m/%Y"), end=until
        )
    )
    return EXIT_OK
