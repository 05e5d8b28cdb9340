"""Rules for user names, passwords and the printed recovery key."""

from __future__ import annotations

import functools
import re
import secrets
import string
import unicodedata

from desktop.core.errors import InvalidInput, WeakPassword
from desktop.core.permissions import Role
from domain.resources import resource_path
from domain.vietnamese import fold

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
# A supervisor's password also opens every officer's work and the user list; an officer's opens
# the station's records. Both are typed on a shared PC, often watched: length is what holds.
MIN_PASSWORD_LENGTH = {Role.SUPERVISOR: 12, Role.OFFICER: 10}
COMMON_PASSWORDS = ("passwords", "common.txt")  # under resources/, see scripts/make_common_...
_AROUND_A_WORD = string.digits + string.punctuation + " "
_SEPARATORS = re.compile(r"[\s._\-@#!*+&/\\]+")

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


def min_password_length(role: Role | str | None = None) -> int:
    """The shortest password allowed for `role` (a supervisor's when the role is not known)."""
    return MIN_PASSWORD_LENGTH.get(Role(role) if role else Role.SUPERVISOR, 12)


@functools.cache
def _common_passwords() -> frozenset[str]:
    lines = resource_path(*COMMON_PASSWORDS).read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common(password: str) -> bool:
    """Whether `password` is on the list of common ones, or is only digits and symbols, or only
    a listed word (a name, "matkhau", "congan"…) with digits and symbols before or after it.

    Compared folded ("Mật Khẩu" is "matkhau"), so case, marks and spaces do not make it new.
    """
    folded = fold(unicodedata.normalize("NFC", password))
    common = _common_passwords()
    if not folded.strip(_AROUND_A_WORD):
        return True  # dates, phone and ID numbers, "!!!!!!!!"
    if _SEPARATORS.sub("", folded) in common:
        return True
    word = _SEPARATORS.sub("", folded.strip(_AROUND_A_WORD))
    return word in common


def password_problem(password: str, username: str = "", role: Role | str | None = None) -> str:
    """The reason `password` is refused for a user of `role` ("" when it is allowed)."""
    if username and username.lower() in password.lower():
        return "contains_username"
    if is_common(password):
        return "common"
    if len(password) < min_password_length(role):
        return "too_short"
    if len(set(password)) <= 3:
        return "too_simple"
    return ""


def password_strength(password: str, username: str = "", role: Role | str | None = None) -> int:
    """A 0–4 score for showing strength as the user types, that agrees with the rules: 0 is too
    short, 1 is refused for another reason, 2–4 are allowed (length and character variety)."""
    problem = password_problem(password, username, role)
    if problem == "too_short" or (problem and len(password) < min_password_length(role)):
        return 0
    if problem:
        return 1
    classes = sum(
        bool(re.search(pattern, password))
        for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")
    )
    long = len(password) >= min_password_length(role) + 4
    return min(2 + (classes >= 3) + (long or classes == 4), 4)


def check_new_password(password: str, username: str = "", role: Role | str | None = None) -> None:
    """Refuse common passwords, and those too short for the role, too uniform, or containing
    the user name: WeakPassword with the reason (and the length the role needs)."""
    problem = password_problem(password, username, role)
    if problem:
        raise WeakPassword(reason=problem, min_length=min_password_length(role))


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
