"""Server settings, read once from the environment into an immutable value."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from protocol.errors import ErrorCode
from server.errors import ServerError

MIB = 1024 * 1024
DEFAULT_BLOB_TYPES = frozenset({"image/jpeg", "image/png", "image/heic", "application/pdf"})


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "cax-server"


def _int_env(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ServerError(ErrorCode.BAD_ARGUMENT, f"{name} must be an integer") from None


def _types_env(env: dict[str, str], name: str, default: frozenset[str]) -> frozenset[str]:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    return frozenset(part.strip().lower() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Everything configurable; `database_url` wins over the SQLite file in `home`."""

    home: Path = field(default_factory=_default_home)
    database_url: str | None = None
    max_body_bytes: int = 20 * MIB
    max_decompressed_bytes: int = 64 * MIB
    rate_limit_per_minute: int = 600
    # Bundles one device's uploads may open in an hour (`POST /api/v1/bundles`; not the CLI).
    bundle_uploads_per_hour: int = 30
    console_idle_minutes: int = 30
    # Attachment blobs (docs/protocol.md, "Attachments"): the largest accepted, and the media
    # types accepted (CAX_SERVER_BLOB_TYPES, comma-separated).
    blob_max_bytes: int = 25 * MIB  # the station's own default limit for one file
    blob_media_types: frozenset[str] = DEFAULT_BLOB_TYPES

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'cax-server.sqlite3'}"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        home = Path(env["CAX_SERVER_HOME"]) if env.get("CAX_SERVER_HOME") else _default_home()
        return cls(
            home=home,
            database_url=env.get("CAX_SERVER_DB") or None,
            max_body_bytes=_int_env(env, "CAX_SERVER_MAX_BODY_BYTES", 20 * MIB),
            max_decompressed_bytes=_int_env(env, "CAX_SERVER_MAX_DECOMPRESSED_BYTES", 64 * MIB),
            rate_limit_per_minute=_int_env(env, "CAX_SERVER_RATE_LIMIT", 600),
            bundle_uploads_per_hour=_int_env(env, "CAX_SERVER_BUNDLE_RATE_LIMIT", 30),
            console_idle_minutes=_int_env(env, "CAX_CONSOLE_IDLE_MINUTES", 30),
            blob_max_bytes=_int_env(env, "CAX_SERVER_BLOB_MAX_BYTES", 25 * MIB),
            blob_media_types=_types_env(env, "CAX_SERVER_BLOB_TYPES", DEFAULT_BLOB_TYPES),
        )
