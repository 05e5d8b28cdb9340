"""Rules for user names, passwords and the printed recovery key."""

from __future__ import annotations

import re
import secrets
import unicodedata

from desktop.core.errors import InvalidInput, WeakPassword

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
MIN_PASSWORD_LENGTH = 8

# Crockford's base32: no I, L, O or U, so a key copied by hand onto paper reads back unambiguously.
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_READ_AS = {"O": "0", "I": "1", "L": "1"}
RECOVERY_KEY_GROUPS = 8
RECOVERY_GROUP_LENGTH = 4  # 8 × 4 characters × 5 bits = 160 random bits


def normalize_username(raw: str) -> str:
    """Lower-case, NFC, trimmed; refuse anything but a short ASCII login name."""
    name = unicodedata.normalize("NFC", raw).strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise InvalidInput(field="username", reason="username_format", value=raw)
    return name


def password_strength(password: str) -> int:
    """A 0–4 score for showing strength as the user types (length and character variety)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0
    classes = sum(
        bool(re.search(pattern, password))
        for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")
    )
    score = 1 + (len(password) >= 12) + (classes >= 3) + (len(password) >= 16 or classes == 4)
    if len(set(password)) <= 3:
        score = 1
    return min(score, 4)


def check_new_password(password: str, username: str = "") -> None:
    """Refuse passwords that are too short, too uniform, or contain the user name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(reason="too_short", min_length=MIN_PASSWORD_LENGTH)
    if len(set(password)) <= 3:
        raise WeakPassword(reason="too_simple")
    if username and username.lower() in password.lower():
        raise WeakPassword(reason="contains_username")


def new_recovery_key() -> str:
    """A fresh recovery key in groups a person can copy onto paper: `7K3Q-M2XD-…`."""
    chars = "".join(
        secrets.choice(_RECOVERY_ALPHABET)
        for _ in range(RECOVERY_KEY_GROUPS * RECOVERY_GROUP_LENGTH)
    )
    return format_recovery_key(chars)


def format_recovery_key(chars: str) -> str:
    size = RECOVERY_GROUP_LENGTH
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def parse_recovery_key(typed: str) -> str:
    """Canonical form of a typed recovery key: spaces, dashes and case ignored, O/I/L read as 0/1/1."""
    chars = "".join(ch for ch in typed.upper() if ch not in " -\t\n")
    chars = "".join(_RECOVERY_READ_AS.get(ch, ch) for ch in chars)
    expected = RECOVERY_KEY_GROUPS * RECOVERY_GROUP_LENGTH
    if len(chars) != expected or any(ch not in _RECOVERY_ALPHABET for ch in chars):
        raise InvalidInput(field="recovery_key", reason="recovery_key_format")
    return format_recovery_key(chars)
