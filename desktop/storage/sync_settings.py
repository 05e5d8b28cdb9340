"""The station's sync set-up in the encrypted database: its enrolment with the server (address,
pinned CA, device id and private key, server keys, pull cursor) and the sync policy settings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, text

from desktop.core.errors import InvalidInput
from desktop.storage import settings
from desktop.storage.station import StationSession

SYNC_POLICY, AUTO_SYNC = settings.SYNC_POLICY, settings.AUTO_SYNC


class SyncPolicy(StrEnum):
    """When a record revision becomes eligible for the centre."""

    ON_COMPLETION = "on_completion"  # as soon as it is completed (numbered), amended or voided
    AFTER_APPROVAL = "after_approval"  # only once a supervisor approved it


DEFAULT_POLICY = SyncPolicy(settings.DEFAULTS[SYNC_POLICY])


@dataclass(frozen=True)
class Enrolment:
    """This station's device at the server. `device_key` is the raw Ed25519 private key, base64."""

    server_url: str
    ca_pem: str | None
    device_id: str
    device_name: str
    device_key: str
    station_code: str
    station_name: str
    server_signing_key: str
    server_box_key: str
    enrolled_at: str
    enrolled_by: str
    pull_cursor: int = 0


_COLUMNS = (
    "server_url, ca_pem, device_id, device_name, device_key, station_code, station_name, "
    "server_signing_key, server_box_key, enrolled_at, enrolled_by, pull_cursor"
)


def load_enrolment(conn: Connection) -> Enrolment | None:
    """The enrolment, or None when the station was never enrolled."""
    row = conn.execute(text(f"SELECT {_COLUMNS} FROM sync_enrolment WHERE id = 1")).one_or_none()
    return None if row is None else Enrolment(*row)


def save_enrolment(conn: Connection, enrolment: Enrolment) -> None:
    """Store (or replace, when enrolling again) the enrolment, in the caller's write transaction."""
    names = [c.strip() for c in _COLUMNS.split(",")]
    values = {name: getattr(enrolment, name) for name in names}
    updates = ", ".join(f"{n} = :{n}" for n in names)
    conn.execute(
        text(
            f"INSERT INTO sync_enrolment (id, {_COLUMNS}) VALUES (1, "
            + ", ".join(f":{n}" for n in names)
            + f") ON CONFLICT (id) DO UPDATE SET {updates}"
        ),
        values,
    )


def set_pull_cursor(conn: Connection, cursor: int) -> None:
    """Remember how far the pull feed was applied (in the transaction that applied it)."""
    conn.execute(text("UPDATE sync_enrolment SET pull_cursor = :c WHERE id = 1"), dict(c=cursor))


def policy_in(conn: Connection) -> SyncPolicy:
    """The station's sync policy, read inside the caller's transaction; damage → the default."""
    value = settings.setting_in(conn, SYNC_POLICY)
    try:
        return SyncPolicy(str(value))
    except ValueError:
        return DEFAULT_POLICY


def auto_sync_in(conn: Connection) -> bool:
    return settings.setting_in(conn, AUTO_SYNC) is True


def set_policy(session: StationSession, policy: SyncPolicy | str) -> None:
    """Supervisors only (MANAGE_SETTINGS); audited by `settings.set_setting`."""
    try:
        value = SyncPolicy(str(policy))
    except ValueError:
        raise InvalidInput(field="sync_policy", reason="unknown") from None
    settings.set_setting(session, SYNC_POLICY, str(value))


def set_auto_sync(session: StationSession, enabled: bool) -> None:
    settings.set_setting(session, AUTO_SYNC, bool(enabled))
