"""Form definitions as data: the model, the loader and catalogue, conditions, record summaries."""

from domain.forms.catalogue import (
    Catalogue,
    build_form,
    load_catalogue,
    read_blocks,
    read_form_documents,
)
from domain.forms.errors import (
    ExpressionInvalid,
    FormDefinitionInvalid,
    RecordFileInvalid,
    UnknownForm,
)
from domain.forms.evaluation import EvalContext, Scope, evaluate, holds
from domain.forms.expressions import Expression, parse_expression
from domain.forms.model import (
    FieldDefinition,
    FieldType,
    FormDefinition,
    Option,
    Section,
    Sensitivity,
    Text,
)
from domain.forms.record_file import RecordFile, parse_record_file
from domain.forms.rules import Rule, Rules, default_rules, load_rules
from domain.forms.summaries import (
    SearchEntry,
    display_title,
    display_value,
    format_address,
    format_document_number,
    list_row,
    record_commune,
    record_event_date,
    redact_sensitive,
    search_entries,
)

__all__ = [
    "Catalogue",
    "EvalContext",
    "Expression",
    "ExpressionInvalid",
    "FieldDefinition",
    "FieldType",
    "FormDefinition",
    "FormDefinitionInvalid",
    "Option",
    "RecordFile",
    "RecordFileInvalid",
    "Rule",
    "Rules",
    "Scope",
    "SearchEntry",
    "Section",
    "Sensitivity",
    "Text",
    "UnknownForm",
    "build_form",
    "default_rules",
    "display_title",
    "display_value",
    "evaluate",
    "format_address",
    "format_document_number",
    "holds",
    "list_row",
    "load_catalogue",
    "load_rules",
    "parse_expression",
    "parse_record_file",
    "read_blocks",
    "read_form_documents",
    "record_commune",
    "record_event_date",
    "redact_sensitive",
    "search_entries",
]
