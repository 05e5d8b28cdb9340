"""One-time enrolment codes and the enrolment of a device's public key."""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION
from protocol.errors import ErrorCode
from protocol.messages import EnrollRequest, EnrollResponse, StationInfo
from protocol.signing import enrolment_message, load_public_key, verify_signature
from server.core.security import ensure_server_keys, hash_code, new_enrolment_code
from server.errors import ServerError
from server.models import Device, EnrolmentCode, Station
from server.services import authors
from server.services.stations import station_by_code

_codes = EnrolmentCode.__table__
_devices = Device.__table__
_stations = Station.__table__


@dataclass(frozen=True)
class IssuedCode:
    code: str
    station_code: str
    expires_at: datetime


def issue_code(engine: Engine, station_code: str, hours: int) -> IssuedCode:
    """A fresh one-time code; only its hash is stored."""
    with engine.begin() as conn:
        return issue(conn, station_code, hours)


def issue(conn: Connection, station_code: str, hours: int) -> IssuedCode:
    """`issue_code` inside the caller's transaction (the console audits it in the same one)."""
    if not 1 <= hours <= 24 * 30:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "validity must be 1 hour to 30 days")
    code = new_enrolment_code()
    now = time.time()
    expires = int(now) + hours * 3600
    station = station_by_code(conn, station_code)
    conn.execute(
        insert(_codes).values(
            code_hash=hash_code(code),
            station_id=station.id,
            created_at=datetime.fromtimestamp(now, UTC),
            expires_at=expires,
        )
    )
    return IssuedCode(code, station.code, datetime.fromtimestamp(expires, UTC))


def _check_request(request: EnrollRequest) -> None:
    if not MIN_PROTOCOL_VERSION <= request.protocol_version <= MAX_PROTOCOL_VERSION:
        raise ServerError(
            ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
            f"server speaks {MIN_PROTOCOL_VERSION}-{MAX_PROTOCOL_VERSION}",
        )
    try:
        key = load_public_key(request.public_key)
    except ValueError as exc:
        raise ServerError(ErrorCode.BAD_ARGUMENT, str(exc)) from None
    if not verify_signature(
        key, enrolment_message(request.code, request.public_key), request.proof
    ):
        raise ServerError(ErrorCode.BAD_PROOF, "proof is not signed by the enrolled key")


def enroll(engine: Engine, request: EnrollRequest) -> EnrollResponse:
    """Spend the code (atomically, so it admits exactly one device) and register the key."""
    _check_request(request)
    # Same canonical spelling as stored keys, so one key cannot enrol twice in two spellings.
    public_key = base64.b64encode(base64.b64decode(request.public_key)).decode("ascii")
    now = datetime.now(UTC)
    device_id = uuid.uuid4()
    try:
        with engine.begin() as conn:
            station_id = conn.execute(
                update(_codes)
                .where(
                    _codes.c.code_hash == hash_code(request.code),
                    _codes.c.used_at.is_(None),
                    _codes.c.expires_at > int(now.timestamp()),
                )
                .values(used_at=now, device_id=device_id)
                .returning(_codes.c.station_id)
            ).scalar_one_or_none()
            if station_id is None:
                raise ServerError(
                    ErrorCode.ENROLMENT_CODE_INVALID, "code unknown, already used or expired"
                )
            conn.execute(
                insert(_devices).values(
                    id=device_id,
                    station_id=station_id,
                    public_key=public_key,
                    name=request.device_name,
                    enrolled_at=now,
                    rate_window=0,
                    rate_count=0,
                )
            )
            # Pins the station's root key (or checks it against the pinned one: ROSTER_INVALID,
            # and the code stays unspent).
            authors.current_roster(conn, station_id, request.roster, now)
            code, name = conn.execute(
                select(_stations.c.code, _stations.c.name).where(_stations.c.id == station_id)
            ).one()
            keys = ensure_server_keys(conn)
    except IntegrityError:
        # The transaction rolled back, so the code is still unspent.
        raise ServerError(ErrorCode.KEY_ALREADY_ENROLLED, "this key is already enrolled") from None
    return EnrollResponse(
        device_id=device_id,
        station=StationInfo(code=code, name=name),
        server_signing_key=keys.signing,
        server_box_key=keys.box,
        server_time=now,
    )
