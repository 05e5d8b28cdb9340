"""A mypy plugin for what PySide6's type stubs declare too loosely (`make typecheck` loads it).

`QT_TRANSLATE_NOOP(context, text)` only marks `text` for Qt's translation tools and returns it
unchanged, but the stubs declare its result as `object`: every table of translatable labels
(status names, column headers, message texts) would otherwise need a cast. The plugin types the
result as `str`, which is what the function returns.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.plugin import FunctionContext, Plugin
from mypy.types import Type

_RETURN_THEIR_TEXT = frozenset(
    f"PySide6.QtCore.{name}"
    for name in ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TR_NOOP", "QT_TRANSLATE_NOOP_UTF8")
)


class _QtPlugin(Plugin):
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return _text if fullname in _RETURN_THEIR_TEXT else None


def _text(ctx: FunctionContext) -> Type:
    return ctx.api.named_generic_type("builtins.str", [])


def plugin(version: str) -> type[Plugin]:
    return _QtPlugin
