"""Authentication of every signed request: signature, freshness, replay, revocation, rate."""

from __future__ import annotations

import random
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, case, delete, select, update

from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION
from protocol.errors import ErrorCode
from protocol.signing import (
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_PROTOCOL,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    MAX_CLOCK_SKEW_SECONDS,
    NONCE_PATTERN,
    load_public_key,
    signing_message,
    verify_signature,
)
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import Device, Station, UsedNonce

_devices = Device.__table__
_stations = Station.__table__
_nonces = UsedNonce.__table__
_nonce_re = re.compile(NONCE_PATTERN)
# Expired nonces are swept by roughly one request in this many; only table size depends on it.
_SWEEP_ONE_IN = 200


@dataclass(frozen=True)
class AuthenticatedDevice:
    device_id: uuid.UUID
    station_id: int
    station_code: str


@dataclass(frozen=True)
class _SignedHeaders:
    device_id: uuid.UUID
    timestamp: int
    nonce: str
    signature: str


def _parse_headers(headers: Mapping[str, str]) -> _SignedHeaders:
    values = [
        headers.get(name)
        for name in (HEADER_DEVICE, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
    ]
    if any(v is None for v in values):
        raise ServerError(ErrorCode.AUTH_MISSING, "request is not signed")
    device, timestamp, nonce, signature = (str(v) for v in values)
    protocol = headers.get(HEADER_PROTOCOL)
    if protocol is not None and (
        not protocol.isdigit() or not MIN_PROTOCOL_VERSION <= int(protocol) <= MAX_PROTOCOL_VERSION
    ):
        raise ServerError(
            ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
            f"server speaks {MIN_PROTOCOL_VERSION}-{MAX_PROTOCOL_VERSION}",
        )
    try:
        device_id = uuid.UUID(device)
        stamp = int(timestamp)
    except ValueError:
        raise ServerError(ErrorCode.AUTH_MISSING, "malformed signature headers") from None
    if not _nonce_re.match(nonce) or len(signature) > 128:
        raise ServerError(ErrorCode.AUTH_MISSING, "malformed signature headers")
    return _SignedHeaders(device_id, stamp, nonce, signature)


def authenticate(
    engine: Engine,
    method: str,
    path: str,
    body: bytes,
    headers: Mapping[str, str],
    rate_limit_per_minute: int,
    now: float | None = None,
) -> AuthenticatedDevice:
    """Check one request; raises ServerError with the reason, or returns who sent it."""
    signed = _parse_headers(headers)
    now = time.time() if now is None else now
    # One transaction, one pooled connection: the lookup, then (once the request proved itself)
    # the nonce and the count. A refusal raised inside rolls back, so it spends nothing.
    with engine.begin() as conn:
        row = conn.execute(
            select(
                _devices.c.public_key,
                _devices.c.revoked_at,
                _devices.c.station_id,
                _stations.c.code,
            )
            .join(_stations, _stations.c.id == _devices.c.station_id)
            .where(_devices.c.id == signed.device_id)
        ).first()
        if row is None:
            raise ServerError(ErrorCode.UNKNOWN_DEVICE, "device is not enrolled")
        message = signing_message(
            method, path, body, signed.timestamp, signed.nonce, str(signed.device_id)
        )
        if not verify_signature(load_public_key(row.public_key), message, signed.signature):
            raise ServerError(ErrorCode.BAD_SIGNATURE, "signature does not verify")
        if row.revoked_at is not None:
            raise ServerError(ErrorCode.DEVICE_REVOKED, "device has been revoked; enrol again")
        if abs(now - signed.timestamp) > MAX_CLOCK_SKEW_SECONDS:
            raise ServerError(
                ErrorCode.CLOCK_SKEW,
                f"timestamp {signed.timestamp} is too far from server time {int(now)}",
            )
        _spend_nonce_and_count(conn, signed, now, rate_limit_per_minute)
    return AuthenticatedDevice(signed.device_id, row.station_id, row.code)


def _spend_nonce_and_count(
    conn: Connection, signed: _SignedHeaders, now: float, rate_limit_per_minute: int
) -> None:
    """Record the nonce (a second use fails) and count the request, in the caller's transaction."""
    window = int(now) // 60
    fresh = conn.execute(
        insert_ignore(conn, _nonces, ["device_id", "nonce"]).returning(_nonces.c.nonce),
        {
            "device_id": signed.device_id,
            "nonce": signed.nonce,
            # Past this, the timestamp check alone refuses the request.
            "expires_at": signed.timestamp + MAX_CLOCK_SKEW_SECONDS + 1,
        },
    ).first()
    if fresh is None:
        raise ServerError(ErrorCode.NONCE_REPLAYED, "nonce already used")
    count = conn.execute(
        update(_devices)
        .where(_devices.c.id == signed.device_id)
        .values(
            rate_count=case((_devices.c.rate_window == window, _devices.c.rate_count + 1), else_=1),
            rate_window=window,
            last_seen_at=datetime.fromtimestamp(now, UTC),
        )
        .returning(_devices.c.rate_count)
    ).scalar_one()
    if count > rate_limit_per_minute:
        # Raising rolls back the count too, so waiting clients do not extend their own ban.
        raise ServerError(
            ErrorCode.RATE_LIMITED, f"more than {rate_limit_per_minute} requests a minute"
        )
    if random.randrange(_SWEEP_ONE_IN) == 0:
        conn.execute(delete(_nonces).where(_nonces.c.expires_at < int(now)))
