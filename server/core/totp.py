"""The console's second factor: RFC 6238 codes (SHA-1, 6 digits, 30 s) from a per-user secret."""

from __future__ import annotations

import base64
import hmac
import io
import os
import time

import segno
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor.totp import TOTP

STEP_SECONDS = 30
DIGITS = 6
ISSUER = "CAX Trung tam"


def new_secret() -> str:
    """160 random bits in base32 (no padding), as authenticator apps expect."""
    return base64.b32encode(os.urandom(20)).decode("ascii").rstrip("=")


def _totp(secret: str) -> TOTP:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return TOTP(key, DIGITS, SHA1(), STEP_SECONDS, enforce_key_length=False)


def code_at(secret: str, when: float | None = None) -> str:
    """The code an authenticator shows at `when` (now by default)."""
    return _totp(secret).generate(int(time.time() if when is None else when)).decode("ascii")


def current_step(when: float | None = None) -> int:
    return int((time.time() if when is None else when) // STEP_SECONDS)


def matching_step(secret: str, code: str, after_step: int, when: float | None = None) -> int | None:
    """The time step (now, one before or one after, for clock drift) whose code is `code`, if it
    is later than `after_step`, the last one accepted: a code is good once."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = current_step(when)
    generator = _totp(secret)
    found = None
    for step in (now - 1, now, now + 1):
        expected = generator.generate(step * STEP_SECONDS)
        # Every candidate is compared, in constant time, whichever matches.
        if hmac.compare_digest(expected, code.encode("ascii")) and step > after_step:
            found = step
    return found


def provisioning_uri(secret: str, account: str) -> str:
    return _totp(secret).get_provisioning_uri(account, ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth:// URI as an inline SVG QR code (no XML declaration, sized by CSS)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgclass="qr")
    return out.getvalue().decode("utf-8")


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
