"""The condition language of form definitions: a tokenizer and recursive-descent parser."""

# Deliberately tiny and closed: field references, literals, and/or/not, comparisons, `in`,
# + - * /, and calls to a fixed list of functions. Nothing is ever handed to Python's eval,
# names never reach getattr, and identifiers cannot start with "_", so `__import__`,
# `x.__class__` and the like are refused while parsing.

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from domain.forms.errors import ExpressionInvalid

MAX_SOURCE_LENGTH = 2000
MAX_DEPTH = 40

# name → (minimum, maximum) number of arguments; evaluation.py implements each.
FUNCTIONS: dict[str, tuple[int, int]] = {
    "len": (1, 1),
    "empty": (1, 1),
    "age": (1, 1),
    "year": (1, 1),
    "is_whole": (1, 1),
    "days_between": (2, 2),
    "hours_between": (2, 2),
    "today": (0, 0),
    "now": (0, 0),
    "rule": (1, 1),
    "station_commune": (0, 0),
}
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      |(?P<number>\d+(?:\.\d+)?)
      |(?P<string>"(?:[^"\\\n]|\\["\\])*"|'(?:[^'\\\n]|\\['\\])*')
      |(?P<name>[A-Za-z][A-Za-z0-9_]*)
      |(?P<op>==|!=|<=|>=|[<>()\[\],.+\-*/])""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, name, op, end
    text: str
    position: int


def tokenize(source: str) -> list[Token]:
    """Split an expression into tokens; anything outside the grammar is refused with its position."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionInvalid(reason="too_long", source=source[:80])
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ExpressionInvalid(reason="unexpected_character", position=position, source=source)
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), position))
        position = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# The syntax tree: small frozen nodes, evaluated by evaluation.evaluate().
@dataclass(frozen=True)
class Literal:
    value: object


@dataclass(frozen=True)
class ListLiteral:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Ref:
    """A field reference: `reporter.id_number` is Ref(("reporter", "id_number"))."""

    parts: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class Logical:
    op: str  # "and" / "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Binary:
    op: str  # comparison, "in", "not in", or arithmetic
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


Node = Literal | ListLiteral | Ref | Not | Negate | Logical | Binary | Call


@dataclass(frozen=True)
class Expression:
    """A parsed condition: its source text (for messages and docs) and its syntax tree."""

    source: str
    tree: Node

    def refs(self) -> tuple[Ref, ...]:
        """Every field reference, so the loader can check each one resolves."""
        found: list[Ref] = []
        _collect_refs(self.tree, found)
        return tuple(found)

    def rule_names(self) -> tuple[str, ...]:
        names: list[str] = []
        _collect_rules(self.tree, names)
        return tuple(names)


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Not | Negate):
        return (node.operand,)
    if isinstance(node, Logical):
        return node.operands
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call | ListLiteral):
        return node.args if isinstance(node, Call) else node.items
    return ()


def _collect_refs(node: Node, found: list[Ref]) -> None:
    if isinstance(node, Ref):
        found.append(node)
    for child in _children(node):
        _collect_refs(child, found)


def _collect_rules(node: Node, names: list[str]) -> None:
    if isinstance(node, Call) and node.function == "rule":
        arg = node.args[0]
        if isinstance(arg, Literal) and isinstance(arg.value, str):  # the parser insists on it
            names.append(arg.value)
    for child in _children(node):
        _collect_rules(child, names)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    def fail(self, reason: str) -> ExpressionInvalid:
        token = self.peek()
        return ExpressionInvalid(
            reason=reason, position=token.position, token=token.text, source=self.source
        )

    def peek(self) -> Token:
        return self.tokens[self.index]

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        token = self.peek()
        if token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return token
        return None

    def expect(self, kind: str, text: str | None = None) -> Token:
        token = self.accept(kind, text)
        if token is None:
            raise self.fail(f"expected_{text or kind}")
        return token

    def keyword(self, word: str) -> bool:
        return self.accept("name", word) is not None

    def parse(self) -> Node:
        node = self.expression()
        if self.peek().kind != "end":
            raise self.fail("unexpected_token")
        return node

    def nested(self, parse: Callable[[], Node]) -> Node:
        # Every recursive rule passes through here, so hostile nesting fails cleanly instead of
        # exhausting Python's stack.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail("too_deep")
        try:
            return parse()
        finally:
            self.depth -= 1

    def expression(self) -> Node:
        return self.nested(lambda: self.logical("or", self.conjunction))

    def conjunction(self) -> Node:
        return self.logical("and", self.negation)

    def logical(self, op: str, operand: Callable[[], Node]) -> Node:
        operands = [operand()]
        while self.keyword(op):
            operands.append(operand())
        return operands[0] if len(operands) == 1 else Logical(op, tuple(operands))

    def negation(self) -> Node:
        if self.keyword("not"):
            return Not(self.nested(self.negation))
        return self.comparison()

    def comparison(self) -> Node:
        left = self.additive()
        token = self.peek()
        if token.kind == "op" and token.text in COMPARISONS:
            self.index += 1
            return Binary(token.text, left, self.additive())
        if self.keyword("in"):
            return Binary("in", left, self.additive())
        if (
            token.kind == "name"
            and token.text == "not"
            and self.tokens[self.index + 1].text == "in"
        ):
            self.index += 2
            return Binary("not in", left, self.additive())
        return left

    def additive(self) -> Node:
        node = self.multiplicative()
        while (token := self.accept("op", "+") or self.accept("op", "-")) is not None:
            node = Binary(token.text, node, self.multiplicative())
        return node

    def multiplicative(self) -> Node:
        node = self.unary()
        while (token := self.accept("op", "*") or self.accept("op", "/")) is not None:
            node = Binary(token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.accept("op", "-"):
            return Negate(self.nested(self.unary))
        return self.primary()

    def primary(self) -> Node:
        token = self.peek()
        if token.kind == "number":
            self.index += 1
            return Literal(float(token.text) if "." in token.text else int(token.text))
        if token.kind == "string":
            self.index += 1
            return Literal(re.sub(r"\\(.)", r"\1", token.text[1:-1]))
        if self.accept("op", "("):
            node = self.expression()
            self.expect("op", ")")
            return node
        if self.accept("op", "["):
            return ListLiteral(self.items("]"))
        if token.kind == "name":
            return self.name()
        raise self.fail("unexpected_token")

    def items(self, closing: str) -> tuple[Node, ...]:
        items: list[Node] = []
        if not self.accept("op", closing):
            items.append(self.expression())
            while self.accept("op", ","):
                items.append(self.expression())
            self.expect("op", closing)
        return tuple(items)

    def name(self) -> Node:
        token = self.expect("name")
        constants = {"true": True, "false": False, "null": None}
        if token.text in constants:
            return Literal(constants[token.text])
        if token.text in KEYWORDS:
            raise self.fail("unexpected_keyword")
        if self.accept("op", "("):
            return self.call(token)
        parts = [token.text]
        while self.accept("op", "."):
            part = self.expect("name")
            if part.text in KEYWORDS:
                raise self.fail("unexpected_keyword")
            parts.append(part.text)
        if self.peek().text == "(":
            raise self.fail("unknown_function")  # a.b(...) is never a call we know
        return Ref(tuple(parts))

    def call(self, token: Token) -> Node:
        if token.text not in FUNCTIONS:
            raise ExpressionInvalid(
                reason="unknown_function", function=token.text, source=self.source
            )
        args = self.items(")")
        low, high = FUNCTIONS[token.text]
        if not low <= len(args) <= high:
            raise ExpressionInvalid(
                reason="wrong_argument_count", function=token.text, source=self.source
            )
        if token.text == "rule" and not (
            isinstance(args[0], Literal) and isinstance(args[0].value, str)
        ):
            raise ExpressionInvalid(reason="rule_needs_literal_name", source=self.source)
        return Call(token.text, args)


def parse_expression(source: str) -> Expression:
    """Parse a condition such as `source_type == "to_giac" and reporter.id_number != ""`."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionInvalid(reason="empty")
    return _parse_cached(source)


@functools.lru_cache(maxsize=4096)
def _parse_cached(source: str) -> Expression:
    # Shared blocks repeat the same conditions many times; the tree is immutable, so reuse it.
    return Expression(source, _Parser(source).parse())
