"""Every message code a validation result may carry; the UI and CLI translate these, never core."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks completion (unless overridable and overridden with a reason)
    WARNING = "warning"  # shown, never blocks


class Code(StrEnum):
    # Presence and shape
    REQUIRED = "REQUIRED"
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    WRONG_TYPE = "WRONG_TYPE"  # params: expected (text, integer, number, object, list, boolean)
    TOO_SHORT = "TOO_SHORT"  # params: min_length
    TOO_LONG = "TOO_LONG"  # params: max_length
    PATTERN_MISMATCH = "PATTERN_MISMATCH"  # params: pattern
    BELOW_MIN = "BELOW_MIN"  # params: min
    ABOVE_MAX = "ABOVE_MAX"  # params: max
    NOT_AN_INTEGER = "NOT_AN_INTEGER"
    NOT_A_NUMBER = "NOT_A_NUMBER"
    MONEY_INVALID = "MONEY_INVALID"  # VND is a whole, non-negative number
    CHOICE_INVALID = "CHOICE_INVALID"  # params: value
    TOO_FEW_ITEMS = "TOO_FEW_ITEMS"  # params: min_items
    TOO_MANY_ITEMS = "TOO_MANY_ITEMS"  # params: max_items
    ONE_OF_REQUIRED = "ONE_OF_REQUIRED"  # params: fields
    # Dates and times
    DATE_INVALID = "DATE_INVALID"
    DATETIME_INVALID = "DATETIME_INVALID"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    RANGE_ORDER = "RANGE_ORDER"  # params: other (the path that must come first)
    RANGE_TOO_LONG = "RANGE_TOO_LONG"  # params: max_days or max_hours
    # Identity (docs/domain.md, "ID numbers") and other documents
    ID_FORMAT = "ID_FORMAT"
    ID_PREFIX_UNKNOWN = "ID_PREFIX_UNKNOWN"  # params: prefix
    ID_SEX_MISMATCH = "ID_SEX_MISMATCH"  # params: expected
    ID_BIRTH_YEAR_MISMATCH = "ID_BIRTH_YEAR_MISMATCH"  # params: expected
    LEGACY_ID_FORMAT = "LEGACY_ID_FORMAT"
    PASSPORT_FORMAT_UNUSUAL = "PASSPORT_FORMAT_UNUSUAL"
    TAX_CODE_FORMAT = "TAX_CODE_FORMAT"
    # Phones and plates (docs/domain.md)
    PHONE_INVALID = "PHONE_INVALID"
    PHONE_PREFIX_UNKNOWN = "PHONE_PREFIX_UNKNOWN"  # params: prefix
    PHONE_CONVERTED = "PHONE_CONVERTED"  # params: old, new (11-digit mobile converted)
    PLATE_FORMAT = "PLATE_FORMAT"
    PLATE_SPECIAL_SERIES = "PLATE_SPECIAL_SERIES"  # params: series
    # Addresses and reference data
    COMMUNE_NOT_IN_PROVINCE = "COMMUNE_NOT_IN_PROVINCE"  # params: commune, province
    OUTSIDE_STATION_AREA = "OUTSIDE_STATION_AREA"
    # Form rules (used by `expression` checks in form files)
    WITNESS_REQUIRED = "WITNESS_REQUIRED"
    FINE_OUTSIDE_FRAME = "FINE_OUTSIDE_FRAME"  # params (catalogue check): min, max
    FINE_ABOVE_COMPETENCE = "FINE_ABOVE_COMPETENCE"  # params (catalogue check): max
    # The legal catalogue (docs/legal-catalogue.md)
    LAW_ENTRY_UNKNOWN = "LAW_ENTRY_UNKNOWN"  # params: entry
    LAW_ENTRY_NOT_IN_FORCE = "LAW_ENTRY_NOT_IN_FORCE"  # params: entry, day, instead (or "")
    WARNING_NOT_ALLOWED = "WARNING_NOT_ALLOWED"  # the provision allows no warning, only a fine
    MEASURE_BEYOND_COMPETENCE = "MEASURE_BEYOND_COMPETENCE"  # params: measure (e.g. truc_xuat)
    NO_RECORD_LIMIT_EXCEEDED = "NO_RECORD_LIMIT_EXCEEDED"  # params: max
    # A denunciation (tố giác) comes from an individual only (BLTTHS Art. 144; docs/domain.md)
    DENUNCIATION_NOT_INDIVIDUAL = "DENUNCIATION_NOT_INDIVIDUAL"
    # An absence declaration of a supervised person names their F10 file (docs/domain.md)
    SUPERVISION_FILE_MISSING = "SUPERVISION_FILE_MISSING"
    # A document number naming no live record of that form at this station (params: number, form)
    LINKED_RECORD_NOT_FOUND = "LINKED_RECORD_NOT_FOUND"
    # The record that number names is about another person (params: number, form)
    LINKED_RECORD_OTHER_PERSON = "LINKED_RECORD_OTHER_PERSON"
    TRANSFER_OVERDUE = "TRANSFER_OVERDUE"
    DECISION_LATE = "DECISION_LATE"
    NOTICE_LATE = "NOTICE_LATE"
    ID_OR_REASON_REQUIRED = "ID_OR_REASON_REQUIRED"
    DECIMAL_NOT_ALLOWED = "DECIMAL_NOT_ALLOWED"
    RULE_FAILED = "RULE_FAILED"  # generic fallback for a province's own rule


ALL_CODES: frozenset[str] = frozenset(code.value for code in Code)
