"""Document templates: the prescribed wording of each official document as a file under
resources/templates, read and checked against its form (docs/printing.md, "Templates").

A template is JSON: the reference printed top right, the title lines, the date field, a list of
body blocks and the signature blocks. Text holds `{path}` placeholders in the forms' value-path
syntax (`violator.full_name`, `{a|b}` the first filled in, `{path:format}`); conditions are
expressions of the form language (docs/forms.md). Every path and condition is resolved against
the form definition when the template is loaded: a template naming a field its form does not
have is refused (FORM_DEFINITION_INVALID), so a renamed field cannot print as a blank unnoticed.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.forms.errors import ExpressionInvalid, FormDefinitionInvalid
from domain.forms.expressions import (
    Binary,
    Expression,
    ListLiteral,
    Literal,
    Ref,
    parse_expression,
)
from domain.forms.model import FieldDefinition, FieldType, FormDefinition
from domain.resources import resource_path

SIGN_NOTE = "(Ký, ghi rõ họ tên)"
MAIN_DOCUMENT = "main"
# Placeholders with no field behind them: the row number in a repeated block, the issuing
# station and its province as running text names them ("Công an phường Ba Đình", "thành phố
# Hà Nội").
SPECIAL = frozenset({"#", "@station", "@province"})
# Formats a placeholder may ask for, and the field types each fits (None: any printable one).
FORMATS: Mapping[str, frozenset[FieldType] | None] = {
    "words": frozenset({FieldType.MONEY}),  # "Bảy trăm năm mươi nghìn đồng"
    "date": frozenset({FieldType.DATETIME, FieldType.DATE}),  # "20/11/2026"
    "time": frozenset({FieldType.DATETIME}),  # "22 giờ 40 phút"
    "long": frozenset({FieldType.DATETIME, FieldType.DATE}),  # "ngày 20 tháng 11 năm 2026"
    "02": frozenset({FieldType.INTEGER}),  # "02" (copies, counts as documents write them)
    "name": frozenset({FieldType.TEXT}),  # the name before the first comma
    "lower": None,  # first letter in lower case, inside a sentence
    "upper": None,
}
# Yes/no fields are check boxes of the program: a template turns them into sentences with
# conditions, never prints them as a value.
_UNPRINTABLE = frozenset({FieldType.YES_NO})
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_PATH = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_BLOCK_KINDS = ("p", "line", "center", "each", "table")


@dataclass(frozen=True)
class Placeholder:
    """`{a.b|c:format}`: the first filled-in of its paths, each printed in its format."""

    paths: tuple[str, ...]
    fields: tuple[FieldDefinition | None, ...]  # the definition of each path (None: special)
    formats: tuple[str, ...]  # "" for a path printed as its type says


Segment = str | Placeholder


@dataclass(frozen=True)
class Text:
    """Fixed wording with placeholders; `**bold**` in the fixed wording is printed bold."""

    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Block:
    """One piece of the body. `kind`: p (a justified paragraph, first line indented), line (a
    left-aligned line), center (bold and centred), each (`body` once per row of a group),
    table (a ruled table of a group's rows: STT, then `columns`)."""

    kind: str
    text: Text | None = None
    when: Expression | None = None
    group: str = ""  # each, table: the group's path
    body: tuple[Block, ...] = ()
    columns: tuple[tuple[str, Text, int], ...] = ()  # (header, cell, width in per cent)


@dataclass(frozen=True)
class SignatureBlock:
    """A signature block: bold title, the note, room to sign, the signer's name in bold.

    `title` "@issuer" is a decision's signer with the KT./Q. marks, "@chief" the station's head.
    `name`: paths tried in turn ("@author" is the user who entered the record); the part
    before a comma is printed ("Đại úy Hoàng Văn Nam, cán bộ …" → "Đại úy Hoàng Văn Nam").
    `each` repeats the block per row of a group (rows where `when` holds); a block that is not
    `required` is left out when no name is found."""

    title: str
    name: tuple[str, ...] = ()
    note: str = SIGN_NOTE
    each: str = ""
    when: Expression | None = None
    required: bool = True


@dataclass(frozen=True)
class Template:
    id: str  # the file's name: "MBB01"
    form: str
    document: str  # what `cax print --document` names: "main", "intake", "transfer"
    name: Mapping[str, str]  # the document's name in the chooser, vi and en
    reference: str  # top right: "Mẫu MBB01"; "" for a document without a prescribed template
    title: tuple[str, ...]  # first line the document type, the rest its summary
    date: str  # path of the date after the place
    body: tuple[Block, ...]
    signatures: tuple[SignatureBlock, ...] = ()
    recipients: tuple[str, ...] = ()  # "Nơi nhận" bottom left (decisions)
    when: Expression | None = None  # picks this template among the form's for one document
    number: Text | None = None  # the "Số:" line when the document has its own number


def _invalid(file: str, where: str, reason: str, detail: str = "") -> FormDefinitionInvalid:
    return FormDefinitionInvalid(file=file, path=where, reason=reason, detail=detail)


class _Binder:
    """Reads one template file against its form; every problem names the place in the file."""

    def __init__(self, form: FormDefinition, file: str) -> None:
        self.form, self.file = form, file

    def fail(self, where: str, reason: str, detail: str = "") -> FormDefinitionInvalid:
        return _invalid(self.file, where, reason, detail)

    def field(self, path: str, scopes: Sequence[tuple[FieldDefinition, ...]], where: str):
        """The definition at `path`: its first part in the nearest scope defining it."""
        if not _PATH.match(path):
            raise self.fail(where, "bad_path", path)
        first, *rest = path.split(".")
        for fields in scopes:
            found = next((f for f in fields if f.id == first), None)
            if found is not None:
                break
        else:
            raise self.fail(where, "unknown_field", path)
        for part in rest:
            nested = found.fields if found.type in (FieldType.PERSON, FieldType.ADDRESS) else ()
            found = next((f for f in nested if f.id == part), None)
            if found is None:
                raise self.fail(where, "unknown_field", path)
        return found

    def group(self, path: str, scopes, where: str) -> FieldDefinition:
        found = self.field(path, scopes, where)
        if found.type is not FieldType.GROUP:
            raise self.fail(where, "not_a_group", path)
        return found

    def condition(self, source: Any, scopes, where: str) -> Expression | None:
        if source is None:
            return None
        if not isinstance(source, str):
            raise self.fail(where, "bad_condition", repr(source))
        try:
            expression = parse_expression(source)
        except ExpressionInvalid as error:
            raise self.fail(where, "bad_condition", source) from error
        for ref in expression.refs():
            self.field(".".join(ref.parts), scopes, where)
        self.check_choices(expression.tree, scopes, where)
        return expression

    def check_choices(self, node: Any, scopes, where: str) -> None:
        """`violator_type == 'ca_nhan'`: the value must be one of the field's options, so a
        renamed option cannot silently switch a line off."""
        if isinstance(node, Binary) and node.op in ("==", "!=", "in", "not in"):
            ref, other = (node.left, node.right) if isinstance(node.left, Ref) else (None, None)
            if ref is not None:
                f = self.field(".".join(ref.parts), scopes, where)
                literals = other.items if isinstance(other, ListLiteral) else (other,)
                values = [n.value for n in literals if isinstance(n, Literal)]
                known = {option.value for option in f.options}
                wrong = [v for v in values if isinstance(v, str) and known and v not in known]
                if wrong:
                    raise self.fail(where, "unknown_option", f"{'.'.join(ref.parts)}: {wrong[0]}")
        for child in _operands(node):
            self.check_choices(child, scopes, where)

    def text(self, source: Any, scopes, where: str, *, in_row: bool = False) -> Text:
        if not isinstance(source, str):
            raise self.fail(where, "not_text", repr(source))
        segments: list[Segment] = []
        position = 0
        for match in _PLACEHOLDER.finditer(source):
            segments.append(source[position : match.start()])
            segments.append(self.placeholder(match.group(1), scopes, where, in_row=in_row))
            position = match.end()
        segments.append(source[position:])
        if any("{" in s or "}" in s for s in segments if isinstance(s, str)):
            raise self.fail(where, "unbalanced_brace", source)
        return Text(tuple(s for s in segments if s != ""))

    def placeholder(self, inner: str, scopes, where: str, *, in_row: bool) -> Placeholder:
        """`a|b:words`: alternatives tried in turn, each with its own format."""
        paths: list[str] = []
        fields: list[FieldDefinition | None] = []
        formats: list[str] = []
        for option in inner.split("|"):
            path, _, fmt = option.strip().partition(":")
            if fmt and fmt not in FORMATS:
                raise self.fail(where, "unknown_format", inner)
            paths.append(path)
            formats.append(fmt)
            if path in SPECIAL:
                if path == "#" and not in_row:
                    raise self.fail(where, "row_number_outside_rows", inner)
                fields.append(None)
                continue
            f = self.field(path, scopes, where)
            allowed = FORMATS.get(fmt)
            if f.type in _UNPRINTABLE or (allowed is not None and f.type not in allowed):
                raise self.fail(where, "unprintable_field", f"{path} ({f.type.value}) {fmt}")
            fields.append(f)
        return Placeholder(tuple(paths), tuple(fields), tuple(formats))

    def blocks(self, source: Any, scopes, where: str, *, in_row: bool = False) -> tuple[Block, ...]:
        if not isinstance(source, list):
            raise self.fail(where, "not_a_list")
        return tuple(
            self.block(item, scopes, f"{where}[{index}]", in_row=in_row)
            for index, item in enumerate(source)
        )

    def block(self, source: Any, scopes, where: str, *, in_row: bool) -> Block:
        if not isinstance(source, Mapping):
            raise self.fail(where, "not_an_object")
        kinds = [k for k in _BLOCK_KINDS if k in source]
        extra = set(source) - set(_BLOCK_KINDS) - {"if", "body", "columns"}
        if len(kinds) != 1 or extra:
            raise self.fail(where, "unknown_block", ", ".join(sorted(source)))
        kind = kinds[0]
        if kind in ("p", "line", "center"):
            when = self.condition(source.get("if"), scopes, f"{where}.if")
            return Block(kind, self.text(source[kind], scopes, where, in_row=in_row), when)
        group = self.group(source[kind], scopes, f"{where}.{kind}")
        inner = (group.fields, *scopes)  # a row's condition: its own fields first
        row_when = self.condition(source.get("if"), inner, f"{where}.if")
        if kind == "each":
            body = self.blocks(source.get("body"), inner, f"{where}.body", in_row=True)
            return Block(kind, when=row_when, group=source[kind], body=body)
        columns = tuple(
            self.column(column, inner, f"{where}.columns[{i}]")
            for i, column in enumerate(source.get("columns") or [])
        )
        if not columns:
            raise self.fail(where, "no_columns")
        return Block(kind, when=row_when, group=source[kind], columns=columns)

    def column(self, source: Any, scopes, where: str) -> tuple[str, Text, int]:
        if not (isinstance(source, list) and len(source) == 3 and isinstance(source[2], int)):
            raise self.fail(where, "bad_column", repr(source))
        return str(source[0]), self.text(source[1], scopes, where, in_row=True), source[2]

    def signature(self, source: Any, where: str) -> SignatureBlock:
        if not isinstance(source, Mapping) or not isinstance(source.get("title"), str):
            raise self.fail(where, "bad_signature")
        scopes: tuple[tuple[FieldDefinition, ...], ...] = (self.form.fields,)
        each = source.get("each") or ""
        if each:
            scopes = (self.group(each, scopes, f"{where}.each").fields, *scopes)
        names = tuple(p.strip() for p in str(source.get("name") or "").split("|") if p.strip())
        for path in names:
            if path == "@author":
                continue
            # "mediators[0].name": the first row's field, checked as the group's field
            group, index, rest = path.partition("[0].")
            if index:
                self.field(rest, (self.group(group, scopes, f"{where}.name").fields,), where)
            else:
                self.field(path, scopes, f"{where}.name")
        return SignatureBlock(
            title=source["title"],
            name=names,
            note=str(source.get("note", SIGN_NOTE)),
            each=each,
            when=self.condition(source.get("if"), scopes, f"{where}.if"),
            required=bool(source.get("required", True)),
        )


def _operands(node: Any) -> tuple[Any, ...]:
    """The sub-expressions of a node of the form language's syntax tree."""
    for name in ("operands", "items", "args"):
        if isinstance(getattr(node, name, None), tuple):
            return getattr(node, name)
    if hasattr(node, "operand"):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    return ()


_KEYS = frozenset(
    {"form", "document", "name", "reference", "title", "date", "body", "signatures",
     "recipients", "when", "number", "comment"}
)  # fmt: skip


def bind_template(source: Mapping[str, Any], form: FormDefinition, file: str) -> Template:
    """A template read from JSON, every path and condition checked against `form`."""
    binder = _Binder(form, file)
    unknown = set(source) - _KEYS
    if unknown:
        raise binder.fail("", "unknown_key", ", ".join(sorted(unknown)))
    top = (form.fields,)
    title = source.get("title")
    if not (isinstance(title, list) and title and all(isinstance(t, str) for t in title)):
        raise binder.fail("title", "not_text")
    date = str(source.get("date") or "")
    if date:
        binder.field(date, top, "date")
    name = source.get("name") or {}
    return Template(
        id=Path(file).stem,
        form=form.id,
        document=str(source.get("document") or MAIN_DOCUMENT),
        name={"vi": str(name.get("vi", title[0])), "en": str(name.get("en", title[0]))},
        reference=str(source.get("reference") or ""),
        title=tuple(title),
        date=date,
        body=binder.blocks(source.get("body"), top, "body"),
        signatures=tuple(
            binder.signature(s, f"signatures[{i}]")
            for i, s in enumerate(source.get("signatures") or [])
        ),
        recipients=tuple(str(r) for r in source.get("recipients") or []),
        when=binder.condition(source.get("when"), top, "when"),
        number=binder.text(source["number"], top, "number") if "number" in source else None,
    )


def template_folder() -> Path:
    return resource_path("templates")


@functools.cache
def _sources(folder: Path) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    """Every template file in `folder` as (file name, JSON), in file-name order."""
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append((path.name, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise _invalid(path.name, "", "unreadable", str(error)) from error
    return tuple(found)


# (form id, version, folder) → (the form they were checked against, its templates)
_BOUND: dict[tuple[str, int, Path], tuple[FormDefinition, tuple[Template, ...]]] = {}


def templates_for(form: FormDefinition, folder: Path | None = None) -> tuple[Template, ...]:
    """The form's templates, checked against this very form definition (once, then kept)."""
    key = (form.id, form.version, folder or template_folder())
    cached = _BOUND.get(key)
    if cached is None or cached[0] is not form:
        templates = tuple(
            bind_template(source, form, file)
            for file, source in _sources(key[2])
            if source.get("form") == form.id
        )
        _BOUND[key] = cached = (form, templates)
    return cached[1]
