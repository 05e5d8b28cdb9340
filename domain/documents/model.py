"""What a printed document is made from (the record, the issuing station) and what it becomes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.reference import ReferenceData, default_reference

# Administrative-unit words a place name drops on a document: "Phường Ba Đình" → "Ba Đình".
_UNIT_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ")


def place_name(unit_name: str) -> str:
    """The place as written before the date (NĐ 30/2020): the unit's name without its kind."""
    for prefix in _UNIT_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


@dataclass(frozen=True)
class IssuingBody:
    """The station as a document's header names it: its supervising body and itself."""

    station_name: str  # "Công an phường Ba Đình"
    commune_name: str = ""  # "Phường Ba Đình" (empty when the station code is not a commune)
    province_name: str = ""  # "Thành phố Hà Nội"

    @classmethod
    def from_station(
        cls, name: str, code: str, reference: ReferenceData | None = None, on: date | None = None
    ) -> IssuingBody:
        """From the station's name and code (its commune's 5-digit code), with the unit names in
        force on `on`, the document's date (default: today): a province renamed by a decision
        is printed under its new name only from the day the decision takes effect."""
        reference = reference or default_reference()
        commune = reference.commune(code, on)
        province = reference.province(commune.province, on) if commune else None
        return cls(
            station_name=name,
            commune_name=commune.name if commune else "",
            province_name=province.name if province else "",
        )

    @property
    def supervising_line(self) -> str:
        """ "CÔNG AN THÀNH PHỐ HÀ NỘI" (upper case, not bold); empty when the province is unknown."""
        return f"CÔNG AN {self.province_name}".upper() if self.province_name else ""

    @property
    def unit_line(self) -> str:
        """ "CÔNG AN PHƯỜNG BA ĐÌNH" (upper case, bold)."""
        return self.station_name.upper()

    @property
    def place(self) -> str:
        return place_name(self.commune_name) if self.commune_name else ""


@dataclass(frozen=True)
class RecordFacts:
    """One stored record as the printout shows it (no storage types: core stays pure)."""

    record_id: str
    form_id: str
    revision: int
    status: str  # domain.records.RecordStatus value
    values: Mapping[str, Any]
    content_hash: str  # SHA-256 hex of the revision (protocol.canonical)
    number: str | None = None  # "05/BB-VPHC"; None before completion or for unnumbered forms
    created_at: str = ""  # ISO timestamps, the fallback date of the document
    completed_at: str | None = None
    author_name: str = ""  # who entered it: signs where the form has no officer field
    # The names of the files attached to the record, listed on the paper ("Tài liệu kèm theo").
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintedDocument:
    """A record laid out as its official document, ready for `desktop.render.write_pdf`."""

    title: str  # the PDF's title: "05/BB-VPHC – Biên bản vi phạm hành chính"
    html: str  # the QTextDocument subset of HTML, every value escaped
    footer_text: str  # "Mã bản ghi … · Lần sửa: 2 · Mã kiểm tra: 1a2b3c4d5e6f"
    qr_payload: str  # see domain.documents.verification
    watermark: str | None  # "DỰ THẢO" until approved, "ĐÃ HỦY" once voided, else None
    facts: RecordFacts = field(repr=False)
    template: str = ""  # the template file it was filled from: "MBB01", "TT119-M03"
    document: str = "main"  # which of the form's documents: "main", "intake", "transfer"
