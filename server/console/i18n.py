"""Console texts in Vietnamese and English: every module of `server.console.messages` merged."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import Any

from fastapi import Request

from server.console import messages

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_COOKIE = "cax_lang"

Translator = Callable[..., str]


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every page's MESSAGES in one dict; a key defined twice is a programming error."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(messages.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise RuntimeError(f"console message {key!r} defined twice ({info.name})")
            merged[key] = texts
    return merged


def translator(lang: str) -> Translator:
    """`t("key", n=3)`: the text in `lang`, placeholders filled; an unknown key shows itself."""
    index = 1 if lang == "en" else 0

    def t(key: str, **values: Any) -> str:
        texts = catalogue().get(key)
        if texts is None:
            return key
        return texts[index].format(**values) if values else texts[index]

    return t


def fallback_translator(lang: str) -> Callable[[str, str], str]:
    """`t_or("action.x", "x")`: the text of a key that may not exist, else the fallback."""
    index = 1 if lang == "en" else 0

    def t_or(key: str, fallback: str) -> str:
        texts = catalogue().get(key)
        return fallback if texts is None else texts[index]

    return t_or


def lang_of(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG
