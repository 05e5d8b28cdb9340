"""Errors raised while loading form definitions or parsing their conditions (codes, not text)."""

from __future__ import annotations

from domain.errors import AppError, UnknownForm

__all__ = ["ExpressionInvalid", "FormDefinitionInvalid", "RecordFileInvalid", "UnknownForm"]


class FormDefinitionInvalid(AppError):
    """A form file breaks the schema or refers to something that does not exist.

    Parameters: `file`, `path` (JSON path inside the file), `reason`, and details.
    """

    code = "FORM_DEFINITION_INVALID"


class ExpressionInvalid(AppError):
    """A condition is not in the expression language (see docs/forms.md); `reason` says why."""

    code = "EXPRESSION_INVALID"


class RecordFileInvalid(AppError):
    """A record file for `cax record new --data` is not `{"form": ..., "values": {...}}`."""

    code = "RECORD_FILE_INVALID"
