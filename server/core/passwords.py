"""Console passwords: the rules a new one must meet, and Argon2id hashes that carry their cost."""

from __future__ import annotations

import base64
import hmac
import os
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from protocol.errors import ErrorCode
from server.errors import ServerError

MIN_LENGTH = 12
MAX_LENGTH = 256  # Argon2 takes any length; a cap keeps a megabyte "password" from costing CPU
_CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")


@dataclass(frozen=True)
class Argon2Params:
    """Stored in every hash, so the cost can be raised later without breaking old hashes."""

    iterations: int = 3
    memory_kib: int = 64 * 1024
    lanes: int = 4

    def derive(self, password: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(password.encode("utf-8"))


# ~0.2 s on the reference 2-core machine: slow for guessing, quick enough for a sign-in.
DEFAULT_PARAMS = Argon2Params()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, params: Argon2Params | None = None) -> str:
    """`argon2id$t=3,m=65536,p=4$salt$hash` (unpadded base64)."""
    # DEFAULT_PARAMS is read at each call, not bound at import: the server's tests set a cheap
    # cost once for all (as the station's TEST_KDF does) and keep the real one where they check it.
    params = params or DEFAULT_PARAMS
    salt = os.urandom(16)
    cost = f"t={params.iterations},m={params.memory_kib},p={params.lanes}"
    return f"argon2id${cost}${_b64(salt)}${_b64(params.derive(password, salt))}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison; a malformed stored hash never matches."""
    try:
        kind, cost, salt, expected = stored.split("$")
        values = dict(part.split("=") for part in cost.split(","))
        params = Argon2Params(int(values["t"]), int(values["m"]), int(values["p"]))
        if kind != "argon2id":
            return False
        derived = params.derive(password[:MAX_LENGTH], _unb64(salt))
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(derived, _unb64(expected))


def burn_time(password: str) -> None:
    """Spend what a real check costs, so an unknown user name answers as slowly as a known one."""
    DEFAULT_PARAMS.derive(password[:MAX_LENGTH], b"\0" * 16)


def check_new_password(password: str, user_name: str = "") -> None:
    """At least 12 characters, three of: lower case, upper case, digits, other signs; not the
    user name; not one character repeated. Raises WEAK_PASSWORD saying which rule failed."""
    if len(password) < MIN_LENGTH:
        raise ServerError(
            ErrorCode.WEAK_PASSWORD, f"the password must have at least {MIN_LENGTH} characters"
        )
    if len(password) > MAX_LENGTH:
        raise ServerError(
            ErrorCode.WEAK_PASSWORD, f"the password must have at most {MAX_LENGTH} characters"
        )
    if sum(bool(re.search(p, password)) for p in _CLASSES) < 3:
        raise ServerError(
            ErrorCode.WEAK_PASSWORD,
            "the password must mix three of: lower case, upper case, digits, other signs",
        )
    if len(set(password)) <= 4:
        raise ServerError(ErrorCode.WEAK_PASSWORD, "the password repeats too few characters")
    if user_name and user_name.lower() in password.lower():
        raise ServerError(ErrorCode.WEAK_PASSWORD, "the password must not contain the user name")
