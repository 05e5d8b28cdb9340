"""Where the CLI reads passwords and recovery keys: a file, an environment variable, or a prompt."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from desktop.core.errors import AppError


class SecretMissing(AppError):
    code = "PASSWORD_REQUIRED"


class SecretsDiffer(AppError):
    code = "PASSWORDS_DIFFER"


def _first_line(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SecretMissing(path=path) from exc
    return text.splitlines()[0] if text else ""


def _prompt(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()  # scripts pipe secrets in, one per line
    if not line:
        raise SecretMissing()
    return line.rstrip("\r\n")


def read_secret(file: str | None, env: str, prompt: str, *, confirm_prompt: str = "") -> str:
    """The secret from `file`, else $env, else a prompt (asked twice when `confirm_prompt`)."""
    if file:
        secret = _first_line(file)
    elif os.environ.get(env):
        secret = os.environ[env]
    else:
        secret = _prompt(prompt)
        if confirm_prompt and sys.stdin.isatty() and _prompt(confirm_prompt) != secret:
            raise SecretsDiffer()
    if not secret:
        raise SecretMissing()
    return secret
