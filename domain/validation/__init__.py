"""Validation of record values: normalisation, field rules, Vietnamese formats, message codes."""

# The names below are imported on first use (PEP 562): the forms package needs this package's
# leaf modules (codes, formats) while the record validator needs the forms package, and lazy
# exports keep either import order working.

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ALL_CODES": "codes",
    "Code": "codes",
    "Severity": "codes",
    "Problem": "problems",
    "Override": "problems",
    "blocking_problems": "problems",
    "has_errors": "problems",
    "normalize_values": "normalize",
    "CheckedRecord": "record",
    "check_record": "record",
    "validate_record": "record",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
