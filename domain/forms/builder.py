"""Turns schema-checked form JSON into frozen definitions, expanding the person/address blocks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from domain.forms.errors import ExpressionInvalid, FormDefinitionInvalid
from domain.forms.expressions import Expression, parse_expression
from domain.forms.model import (
    COMPOSITE_TYPES,
    Check,
    Computed,
    ExpressionCheck,
    FieldDefinition,
    FieldType,
    FormDefinition,
    IdPersonCheck,
    LawCheck,
    Limit,
    OneOfCheck,
    Option,
    OrderCheck,
    RecordLinkCheck,
    RuleRef,
    Section,
    Sensitivity,
    Text,
)


@dataclass(frozen=True)
class _Where:
    """Where in which file we are, for error parameters."""

    file: str
    path: str

    def at(self, *parts: str | int) -> _Where:
        tail = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
        return _Where(self.file, (self.path + tail).lstrip("."))

    def fail(self, reason: str, **details: Any) -> FormDefinitionInvalid:
        return FormDefinitionInvalid(file=self.file, path=self.path, reason=reason, **details)


def _text(raw: Mapping[str, str]) -> Text:
    return Text(vi=raw["vi"], en=raw["en"])


def _expression(source: str | None, where: _Where) -> Expression | None:
    if source is None:
        return None
    try:
        return parse_expression(source)
    except ExpressionInvalid as error:
        details = {f"expression_{k}" if k == "reason" else k: v for k, v in error.params.items()}
        raise where.fail("expression", **details) from error


def _limit(raw: Any) -> Limit | None:
    if isinstance(raw, dict):
        return RuleRef(raw["rule"])
    return raw


def build_check(raw: Mapping[str, Any], where: _Where) -> Check:
    when = _expression(raw.get("when"), where.at("when"))
    kind = raw["kind"]
    if kind == "order":
        return OrderCheck(
            id=raw["id"],
            first=raw["first"],
            then=raw["then"],
            strict=raw.get("strict", False),
            max_days=_limit(raw.get("max_days")),
            max_hours=_limit(raw.get("max_hours")),
            limit_severity=raw.get("limit_severity", "warning"),
            when=when,
        )
    if kind == "one_of":
        return OneOfCheck(raw["id"], tuple(raw["fields"]), raw.get("severity", "error"), when)
    if kind == "id_matches_person":
        return IdPersonCheck(
            raw["id"],
            raw["id_field"],
            raw["sex_field"],
            raw["birth_field"],
            raw["male"],
            raw["female"],
            when,
        )
    if kind == "law":
        return LawCheck(
            id=raw["id"],
            entry=raw["entry"],
            on=raw["on"],
            party=raw["party"],
            penalty=raw.get("penalty"),
            fine=raw.get("fine"),
            signer=raw.get("signer"),
            measures=raw.get("measures"),
            without_record=_expression(raw.get("without_record"), where.at("without_record")),
            when=when,
        )
    if kind == "record_link":
        return RecordLinkCheck(
            id=raw["id"],
            path=raw["path"],
            form=raw["form"],
            person=raw.get("person"),
            target_person=raw.get("target_person"),
            when=when,
        )
    assertion = _expression(raw["assert"], where.at("assert"))
    assert assertion is not None
    return ExpressionCheck(
        id=raw["id"],
        assertion=assertion,
        path=raw["path"],
        code=raw["code"],
        severity=raw.get("severity", "error"),
        overridable=raw.get("overridable", False),
        when=when,
        params=MappingProxyType(dict(raw.get("params", {}))),
    )


def _check_names(raw: Mapping[str, Any]) -> set[str]:
    """First path segments a raw check mentions (so checks on omitted block fields can be dropped)."""
    names = {raw.get(k, "").split(".")[0] for k in ("first", "then", "id_field", "sex_field")}
    names |= {raw.get(k, "").split(".")[0] for k in ("birth_field", "path")}
    names |= {p.split(".")[0] for p in raw.get("fields", [])}
    for key in ("assert", "when"):
        if key in raw:
            names |= {ref.parts[0] for ref in parse_expression(raw[key]).refs()}
    return names - {""}


class FormBuilder:
    """Builds definitions; `blocks` are the raw block files by name (person, address)."""

    def __init__(
        self, blocks: Mapping[str, Mapping[str, Any]], block_files: Mapping[str, str]
    ) -> None:
        self.blocks = blocks
        self.block_files = block_files
        self._built: dict[str, Any] = {}

    def form(self, raw: Mapping[str, Any], file: str) -> FormDefinition:
        where = _Where(file, "")
        sections = tuple(
            Section(
                id=s["id"],
                title=_text(s["title"]),
                fields=self.fields(s["fields"], where.at("sections", i, "fields"), ()),
                visible_if=_expression(s.get("visible_if"), where.at("sections", i, "visible_if")),
            )
            for i, s in enumerate(raw["sections"])
        )
        title = _text(raw["title"])
        return FormDefinition(
            id=raw["id"],
            version=raw["version"],
            title=title,
            short_title=_text(raw["short_title"]) if "short_title" in raw else title,
            sections=sections,
            checks=tuple(
                build_check(c, where.at("checks", i)) for i, c in enumerate(raw.get("checks", []))
            ),
            legal_basis=raw.get("legal_basis", ""),
            template=raw.get("template", ""),
            numbering=raw.get("numbering"),
            title_template=raw.get("title_template", ""),
            event_date_field=raw.get("event_date_field"),
            category_field=raw.get("category_field"),
            commune_field=raw.get("commune_field"),
            order=raw.get("order", 0),
        )

    def block(self, name: str) -> FieldDefinition:
        """A block on its own, as a person/address field would hold it (for checking the block)."""
        raw = {"id": name, "type": name, "label": self.blocks[name]["title"]}
        return self.field(raw, _Where(self.block_files[name], ""), ())

    def fields(
        self, raws: Sequence[Mapping[str, Any]], where: _Where, stack: tuple[str, ...]
    ) -> tuple[FieldDefinition, ...]:
        return tuple(self.field(raw, where.at(i), stack) for i, raw in enumerate(raws))

    def field(
        self, raw: Mapping[str, Any], where: _Where, stack: tuple[str, ...]
    ) -> FieldDefinition:
        kind = FieldType(raw["type"])
        block_name = raw.get("of") if kind is FieldType.GROUP else None
        if kind in COMPOSITE_TYPES:
            block_name = kind.value
        sub_fields: tuple[FieldDefinition, ...] = ()
        checks: tuple[Check, ...] = ()
        if block_name:
            sub_fields, checks = self._expand(block_name, raw, where, stack)
        sub_fields += self.fields(raw.get("fields", []), where.at("fields"), stack)
        checks += tuple(
            build_check(c, where.at("checks", i)) for i, c in enumerate(raw.get("checks", []))
        )
        definition = FieldDefinition(
            id=raw["id"],
            type=kind,
            label=_text(raw["label"]),
            help=_text(raw["help"]) if "help" in raw else None,
            required=raw.get("required", False),
            required_if=_expression(raw.get("required_if"), where.at("required_if")),
            visible_if=_expression(raw.get("visible_if"), where.at("visible_if")),
            min=_limit(raw.get("min")),
            max=_limit(raw.get("max")),
            min_length=_limit(raw.get("min_length")),
            max_length=_limit(raw.get("max_length")),
            pattern=self._pattern(raw.get("pattern"), where.at("pattern")),
            validators=tuple(raw.get("validators", ())),
            options=tuple(Option(o["value"], _text(o["label"])) for o in raw.get("options", ())),
            reference=raw.get("reference"),
            parent=raw.get("parent"),
            default=raw.get("default"),
            computed=self._computed(raw.get("computed"), where.at("computed")),
            sensitivity=Sensitivity(raw.get("sensitivity", "basic")),
            searchable=raw.get("searchable", False),
            list_column=raw.get("list_column", False),
            not_future=raw.get("not_future", False),
            uppercase=raw.get("uppercase", False),
            fields=self._usage(sub_fields, raw),
            checks=checks,
            min_items=_limit(raw.get("min_items")),
            max_items=_limit(raw.get("max_items")),
            ui=MappingProxyType(dict(raw.get("ui", {}))),
        )
        return _inherit(definition, raw)

    def _expand(
        self, name: str, raw: Mapping[str, Any], where: _Where, stack: tuple[str, ...]
    ) -> tuple[tuple[FieldDefinition, ...], tuple[Check, ...]]:
        if name in stack:
            raise where.fail("block_cycle", block=name)
        block = self.blocks.get(name)
        if block is None:
            raise where.fail("unknown_block", block=name)
        known = {f["id"] for f in block["fields"]}
        for key in ("omit", "require", "optional"):
            unknown = set(raw.get(key, ())) - known
            if unknown:
                raise where.at(key).fail("unknown_subfield", names=sorted(unknown))
        check_ids = {c["id"] for c in block.get("checks", [])}
        if unknown := set(raw.get("skip_checks", ())) - check_ids:
            raise where.at("skip_checks").fail("unknown_check", names=sorted(unknown))
        omitted, skipped = set(raw.get("omit", ())), set(raw.get("skip_checks", ()))
        fields, checks = self._block_parts(name, stack)
        return (
            tuple(f for f in fields if f.id not in omitted),
            tuple(
                check for check, names in checks if check.id not in skipped and not names & omitted
            ),
        )

    def _block_parts(
        self, name: str, stack: tuple[str, ...]
    ) -> tuple[tuple[FieldDefinition, ...], tuple[tuple[Check, frozenset[str]], ...]]:
        """A block's fields and checks, built once per builder (a person appears many times)."""
        if name not in self._built:
            block, where = self.blocks[name], _Where(self.block_files[name], "")
            fields = tuple(
                self.field(f, where.at("fields", i), (*stack, name))
                for i, f in enumerate(block["fields"])
            )
            checks = tuple(
                (build_check(c, where.at("checks", i)), frozenset(_check_names(c)))
                for i, c in enumerate(block.get("checks", []))
            )
            self._built[name] = (fields, checks)
        return self._built[name]

    @staticmethod
    def _usage(
        fields: tuple[FieldDefinition, ...], raw: Mapping[str, Any]
    ) -> tuple[FieldDefinition, ...]:
        """Apply a usage's `require` / `optional` lists to the block's sub-fields."""
        required, optional = set(raw.get("require", ())), set(raw.get("optional", ()))
        return tuple(
            replace(f, required=True)
            if f.id in required
            else replace(f, required=False, required_if=None)
            if f.id in optional
            else f
            for f in fields
        )

    @staticmethod
    def _pattern(source: str | None, where: _Where) -> re.Pattern[str] | None:
        if source is None:
            return None
        try:
            return re.compile(source)
        except re.error as error:
            raise where.fail("pattern", detail=str(error)) from error

    @staticmethod
    def _computed(raw: Mapping[str, Any] | None, where: _Where) -> Computed | None:
        if raw is None:
            return None
        if "expression" in raw:
            return Computed(expression=_expression(raw["expression"], where.at("expression")))
        return Computed(function=raw["function"], args=tuple(raw["args"]))


def _inherit(definition: FieldDefinition, raw: Mapping[str, Any]) -> FieldDefinition:
    """A sensitive container makes its contents sensitive; `searchable: false` switches all off."""
    if not definition.fields:
        return definition
    sensitive = definition.sensitivity is Sensitivity.SENSITIVE
    unsearchable = raw.get("searchable") is False
    if not (sensitive or unsearchable):
        return definition
    return replace(
        definition, fields=tuple(_mark(f, sensitive, unsearchable) for f in definition.fields)
    )


def _mark(f: FieldDefinition, sensitive: bool, unsearchable: bool) -> FieldDefinition:
    changes: dict[str, Any] = {}
    if sensitive:
        changes["sensitivity"] = Sensitivity.SENSITIVE
    if unsearchable:
        changes["searchable"] = False
    if f.fields:
        changes["fields"] = tuple(_mark(sub, sensitive, unsearchable) for sub in f.fields)
    return replace(f, **changes)
