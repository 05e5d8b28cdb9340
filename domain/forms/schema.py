"""JSON Schemas that every form file, block file and rules.json is checked against at load."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import TYPE_CHECKING, Any

from domain.schema_memory import checked_files

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

FIELD_TYPES = [
    "text",
    "multiline",
    "integer",
    "decimal",
    "money",
    "date",
    "partial_date",
    "datetime",
    "choice",
    "multi_choice",
    "yes_no",
    "person",
    "address",
    "group",
]
VALIDATORS = ["id_number", "legacy_id", "passport", "phone", "plate", "tax_code"]
SEVERITIES = ["error", "warning"]

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"}
_PATH = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}(\\.[a-z][a-z0-9_]{0,39})*$"}
_EXPR = {"type": "string", "minLength": 1, "maxLength": 2000}
_TEXT = {
    "type": "object",
    "properties": {
        "vi": {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
    "required": ["vi", "en"],
    "additionalProperties": False,
}
# anyOf rather than oneOf where the branches cannot overlap: it stops at the first match, which
# keeps loading the catalogue fast.
_LIMIT = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "object",
            "properties": {"rule": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}},
            "required": ["rule"],
            "additionalProperties": False,
        },
    ]
}
# Dates may bound date fields: "1900-01-01".
_BOUND = {"anyOf": [_LIMIT, {"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}]}


_CHECK_KINDS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "order": (
        {
            "first": _PATH,
            "then": _PATH,
            "strict": {"type": "boolean"},
            "max_days": _LIMIT,
            "max_hours": _LIMIT,
            "limit_severity": {"enum": SEVERITIES},
        },
        ["first", "then"],
    ),
    "one_of": (
        {
            "fields": {"type": "array", "items": _PATH, "minItems": 2},
            "severity": {"enum": SEVERITIES},
        },
        ["fields"],
    ),
    "id_matches_person": (
        {
            "id_field": _PATH,
            "sex_field": _PATH,
            "birth_field": _PATH,
            "male": {"type": "string"},
            "female": {"type": "string"},
        },
        ["id_field", "sex_field", "birth_field", "male", "female"],
    ),
    "law": (
        {
            "entry": _PATH,
            "on": _PATH,
            "party": _PATH,
            "penalty": _PATH,
            "fine": _PATH,
            "signer": _PATH,
            "measures": _PATH,
            "without_record": _EXPR,
        },
        ["entry", "on", "party"],
    ),
    "record_link": (
        {
            "path": _PATH,
            "form": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]*$"},
            "person": _PATH,
            "target_person": _PATH,
        },
        ["path", "form"],
    ),
    "expression": (
        {
            "assert": _EXPR,
            "path": _PATH,
            "code": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
            "severity": {"enum": SEVERITIES},
            "overridable": {"type": "boolean"},
            "params": {"type": "object"},
        },
        ["assert", "path", "code"],
    ),
}

# Dispatch on "kind" so an error names the one kind's missing or unknown keys.
_CHECK = {
    "type": "object",
    "properties": {"kind": {"enum": list(_CHECK_KINDS)}},
    "required": ["kind", "id"],
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {
                "properties": {"kind": {}, "id": _ID, "when": _EXPR, **properties},
                "required": required,
                "additionalProperties": False,
            },
        }
        for kind, (properties, required) in _CHECK_KINDS.items()
    ],
}

_OPTION = {
    "type": "object",
    "properties": {
        "value": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,40}$"},
        "label": _TEXT,
    },
    "required": ["value", "label"],
    "additionalProperties": False,
}

_FIELD = {
    "type": "object",
    "properties": {
        "id": _ID,
        "type": {"enum": FIELD_TYPES},
        "label": _TEXT,
        "help": _TEXT,
        "required": {"type": "boolean"},
        "required_if": _EXPR,
        "visible_if": _EXPR,
        "min": _BOUND,
        "max": _BOUND,
        "min_length": _LIMIT,
        "max_length": _LIMIT,
        "pattern": {"type": "string", "minLength": 1},
        "validators": {"type": "array", "items": {"enum": VALIDATORS}, "uniqueItems": True},
        "options": {"type": "array", "items": _OPTION, "minItems": 1},
        "reference": {"type": "string"},
        "parent": _ID,
        "default": {},
        "computed": {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "function": {"type": "string"},
                        "args": {"type": "array", "items": _PATH},
                    },
                    "required": ["function", "args"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"expression": _EXPR},
                    "required": ["expression"],
                    "additionalProperties": False,
                },
            ]
        },
        "sensitivity": {"enum": ["basic", "sensitive"]},
        "searchable": {"type": "boolean"},
        "list_column": {"type": "boolean"},
        "not_future": {"type": "boolean"},
        "uppercase": {"type": "boolean"},
        "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}},
        "of": {"enum": ["person", "address"]},
        "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
        "min_items": _LIMIT,
        "max_items": _LIMIT,
        "omit": {"type": "array", "items": _ID},
        "require": {"type": "array", "items": _ID},
        "optional": {"type": "array", "items": _ID},
        "skip_checks": {"type": "array", "items": _ID},
        "ui": {"type": "object"},
    },
    "required": ["id", "type", "label"],
    "additionalProperties": False,
    # Rules that depend on "type" (a choice needs options or a reference list, a group needs
    # fields) are checked by the linker: per-field if/then here doubled the loading time.
}

_DEFS = {"field": _FIELD, "check": _CHECK, "text": _TEXT}

FORM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": _DEFS,
    "type": "object",
    "properties": {
        "$schema": {"type": "string"},
        "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9_-]{0,31}$"},
        "version": {"type": "integer", "minimum": 1},
        "order": {"type": "integer"},
        "title": _TEXT,
        "short_title": _TEXT,
        "legal_basis": {"type": "string"},
        "template": {"type": "string"},
        "numbering": {"type": ["string", "null"], "pattern": "^[A-ZĐ][A-ZĐ0-9-]{0,19}$"},
        "title_template": {"type": "string"},
        "event_date_field": _PATH,
        "category_field": _PATH,
        "commune_field": {"type": "string", "pattern": "^[a-z0-9_.]+(\\|[a-z0-9_.]+)*$"},
        "sections": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": _ID,
                    "title": _TEXT,
                    "visible_if": _EXPR,
                    "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}, "minItems": 1},
                },
                "required": ["id", "title", "fields"],
                "additionalProperties": False,
            },
        },
        "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
    },
    "required": ["id", "version", "title", "sections"],
    "additionalProperties": False,
}

BLOCK_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": _DEFS,
    "type": "object",
    "properties": {
        "block": {"enum": ["person", "address"]},
        "version": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "fields": {"type": "array", "items": {"$ref": "#/$defs/field"}, "minItems": 1},
        "checks": {"type": "array", "items": {"$ref": "#/$defs/check"}},
    },
    "required": ["block", "version", "title", "fields"],
    "additionalProperties": False,
}

RULES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "version": {"type": "integer"},
        "rules": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "value": {"type": ["number", "string", "boolean"]},
                    "unit": {"type": "string"},
                    "status": {"enum": ["V", "I", "?"]},
                    "source": {"type": "string"},
                    "note": {"type": "string"},
                },
                "required": ["value", "status"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["version", "rules"],
    "additionalProperties": False,
}


_SCHEMAS = {"form": FORM_SCHEMA, "block": BLOCK_SCHEMA, "rules": RULES_SCHEMA}


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    """A validator for "form", "block" or "rules", built once per process.

    The schemas themselves are checked against the meta-schema by the tests, not here: that
    check costs more than loading every form.
    """
    # Imported here: a program whose files all passed before (domain/schema_memory.py) never needs it,
    # and importing it is a good part of a `cax` command's start.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_SCHEMAS[kind])


@functools.cache
def _schemas_digest() -> str:
    return hashlib.sha256(json.dumps(_SCHEMAS, sort_keys=True).encode()).hexdigest()


def content_digest(kind: str, raw: bytes) -> str:
    """What a passed check is remembered by: the schemas, the kind and the file's bytes."""
    return hashlib.sha256(f"{_schemas_digest()}\0{kind}\0".encode() + raw).hexdigest()


def first_error(document: Any, kind: str, raw: bytes | None = None) -> ValidationError | None:
    """The first place where `document` (parsed from `raw`, when given) breaks the `kind` schema."""
    checked = checked_files()
    digest = content_digest(kind, raw) if raw is not None and checked is not None else None
    if checked is not None and digest is not None and digest in checked:
        return None
    error = next(iter(validator(kind).iter_errors(document)), None)
    if error is None and checked is not None and digest is not None:
        checked.add(digest)
    return error
