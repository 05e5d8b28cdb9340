"""Where a periodic report stands: a draft recounted at each opening, or submitted with its figures
frozen, numbered and signed."""

from __future__ import annotations

from enum import StrEnum


class ReportStatus(StrEnum):
    DRAFT = "draft"  # nháp: figures counted afresh from the records at each opening
    SUBMITTED = "submitted"  # đã gửi: numbered, its figures frozen with their hash
