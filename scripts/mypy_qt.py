"""A mypy plugin for what PySide6's type stubs declare too loosely (`make typecheck` loads it).

`QT_TRANSLATE_NOOP(context, text)` only marks `text` for Qt's translation tools and returns it
unchanged, but the stubs declare its result as `object`: every table of translatable labels
(status names, column headers, message texts) would otherwise need a cast. The plugin types the
result as `str`, which is what the function returns. Likewise `QDate.toPython()` (and QTime's,
QDateTime's) return a `datetime.date` (`time`, `datetime`), declared as `object` too.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import MypyFile
from mypy.plugin import FunctionContext, MethodContext, Plugin
from mypy.types import Type

_RETURN_THEIR_TEXT = frozenset(
    f"PySide6.QtCore.{name}"
    for name in ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TR_NOOP", "QT_TRANSLATE_NOOP_UTF8")
)

_PYTHON_VALUES = {
    "PySide6.QtCore.QDate.toPython": "datetime.date",
    "PySide6.QtCore.QTime.toPython": "datetime.time",
    "PySide6.QtCore.QDateTime.toPython": "datetime.datetime",
}


class _QtPlugin(Plugin):
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        return [(10, "datetime", -1)]  # the types toPython() returns must be loaded

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return _text if fullname in _RETURN_THEIR_TEXT else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        python_type = _PYTHON_VALUES.get(fullname)
        if python_type is None:
            return None
        return lambda ctx: ctx.api.named_generic_type(python_type, [])


def _text(ctx: FunctionContext) -> Type:
    return ctx.api.named_generic_type("builtins.str", [])


def plugin(version: str) -> type[Plugin]:
    return _QtPlugin
