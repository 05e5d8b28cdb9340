"""The audit chain anchored at the centre: a head that goes back or a chain that lost the anchored
entry is refused with its evidence kept; a restore declaration signed by the device and by an
active supervisor of the station's pinned roster is accepted once."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from protocol.authorship import ROOT_SIGNER
from protocol.bundle import write_bundle
from protocol.messages import AuditHead, RestoreDeclaration
from protocol.signing import (
    new_private_key,
)
from server.errors import ServerError
from server.models import AuditAlert, RecordRevisionRow
from server.services import bundles
from tests.server.helpers import StationDevice, StationRoles, make_record


def head(seq: int, tag: str = "a") -> dict[str, Any]:
    return {"seq": seq, "hash": (tag * 64)[:64]}


def push(
    client: TestClient, device: StationDevice, audit_head: dict[str, Any], **extra: Any
) -> Any:
    return device.push(client, [make_record(device.station_code)], audit_head=audit_head, **extra)


def refused(answer: Any) -> str:
    assert answer.status_code == 409, answer.text
    return answer.json()["code"]


def alerts(engine: Engine) -> list[tuple[str, int | None, int | None]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(AuditAlert.kind, AuditAlert.anchored_seq, AuditAlert.offered_seq).order_by(
                AuditAlert.id
            )
        ).all()
    return [tuple(r) for r in rows]


def revisions(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(RecordRevisionRow)).scalar_one()


def test_a_head_that_goes_back_is_refused_and_stores_nothing(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    first = push(client, device, head(40))
    assert first.status_code == 200 and first.json()["anchored_seq"] == 40
    assert refused(push(client, device, head(12, "b"))) == "AUDIT_ROLLBACK"
    assert revisions(engine) == 1
    assert alerts(engine) == [("rollback", 40, 12)]


def test_same_seq_with_another_history_is_a_fork(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    assert push(client, device, head(5, "a")).status_code == 200
    assert refused(push(client, device, head(5, "b"))) == "AUDIT_FORK"
    assert revisions(engine) == 1
    assert alerts(engine) == [("fork", 5, 5)]


def test_a_chain_without_the_anchored_entry_is_a_fork(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Longer than the anchor, but its entry at the anchored seq is another one: rewritten."""
    assert push(client, device, head(5, "a")).status_code == 200
    answer = push(client, device, head(9, "c"), audit_anchor=head(5, "e"))
    assert refused(answer) == "AUDIT_FORK"
    assert revisions(engine) == 1


def test_once_the_station_proved_an_anchor_it_must_keep_proving(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A proof of the anchor confirms it; a later push without a proof (an old copy of the
    station that never learnt the anchor, grown past it) is refused."""
    assert push(client, device, head(5, "a")).status_code == 200
    assert push(client, device, head(8, "b"), audit_anchor=head(5, "a")).status_code == 200
    assert refused(push(client, device, head(30, "d"))) == "AUDIT_FORK"
    assert alerts(engine) == [("fork", 5, 30)]


def test_a_lost_answer_does_not_lock_the_station_out(
    client: TestClient, device: StationDevice
) -> None:
    """The station never saw the answer anchoring seq 8, so it proves seq 5 again: accepted."""
    assert push(client, device, head(5, "a")).status_code == 200
    assert push(client, device, head(8, "b"), audit_anchor=head(5, "a")).status_code == 200
    answer = push(client, device, head(9, "c"), audit_anchor=head(5, "a"))
    assert answer.status_code == 200 and answer.json()["anchored_seq"] == 9
    assert push(client, device, head(10, "d"), audit_anchor=head(9, "c")).status_code == 200


def declaration(
    device: StationDevice,
    declared: dict[str, Any],
    key: Any = None,
    *,
    roles: StationRoles | None = None,
    supervisor: str = "truong",
    signer: str | None = "truong",
    signer_key: Any = None,
) -> dict:
    """A declaration naming `supervisor`, signed by `signer` with `signer_key` (by default the
    signer's own key in `roles`; no supervisor signature at all when `signer` is None), then by
    the device key (or `key`)."""
    unsigned = RestoreDeclaration(
        declaration_id=uuid.uuid4(),
        station_code=device.station_code,
        device_id=uuid.UUID(device.device_id),
        head=AuditHead(**declared),
        reason="Ổ cứng hỏng, khôi phục bản sao lưu ngày 01/12",
        supervisor=supervisor,
        declared_at="2026-12-04T09:00:00+00:00",
    )
    if signer is not None:
        if signer_key is None:
            signer_key = roles.root if signer == ROOT_SIGNER else roles.users[signer][1]
        unsigned = unsigned.signed_as(signer, signer_key)
    return unsigned.signed_with(key or device.key).model_dump(mode="json")


def test_a_declared_restore_is_accepted_once_and_recorded(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    signed = declaration(device, head(12, "f"), roles=roles)
    answer = push(client, device, head(13, "1"), audit_anchor=head(12, "f"), restore=signed)
    assert answer.status_code == 200 and answer.json()["anchored_seq"] == 13
    assert alerts(engine) == [("declared_restore", 40, 12)]
    with engine.connect() as conn:
        row = conn.execute(select(AuditAlert.supervisor, AuditAlert.reason)).one()
    assert (row.supervisor, row.reason) == ("truong", signed["reason"])
    # The same declaration again cannot rewind a second time.
    again = push(client, device, head(12, "f"), restore=signed)
    assert refused(again) == "AUDIT_ROLLBACK"
    # ... and the restored chain goes on as usual.
    assert push(client, device, head(14, "2"), audit_anchor=head(13, "1")).status_code == 200


def test_a_recovery_key_session_declares_as_the_root_key(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A recovery-key session signs as `@root` with the root key, naming the supervisor whose
    password it reset: accepted."""
    roles = StationRoles()
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    signed = declaration(device, head(12, "f"), roles=roles, signer=ROOT_SIGNER)
    answer = push(client, device, head(12, "f"), restore=signed)
    assert answer.status_code == 200 and answer.json()["anchored_seq"] == 12
    assert alerts(engine) == [("declared_restore", 40, 12)]


def _assert_declaration_refused(
    client: TestClient, engine: Engine, device: StationDevice, signed: dict
) -> None:
    stored = revisions(engine)
    answer = push(client, device, head(12, "f"), restore=signed)
    assert (answer.status_code, answer.json()["code"]) == (422, "RESTORE_DECLARATION_INVALID")
    assert revisions(engine) == stored
    assert "declared_restore" not in [kind for kind, _, _ in alerts(engine)]
    # The anchor did not move: the old copy is still a rollback.
    assert refused(push(client, device, head(12, "f"))) == "AUDIT_ROLLBACK"


def test_a_declaration_not_signed_by_the_device_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    forged = declaration(device, head(12, "f"), key=new_private_key(), roles=roles)
    _assert_declaration_refused(client, engine, device, forged)


def test_an_officer_cannot_declare_a_restore(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Lan, an officer, signs the declaration with her own certified key: refused, whether she
    names herself or the chief as the supervisor."""
    roles = StationRoles()
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    as_herself = declaration(device, head(12, "f"), roles=roles, supervisor="lan", signer="lan")
    _assert_declaration_refused(client, engine, device, as_herself)
    naming_the_chief = declaration(device, head(12, "f"), roles=roles, signer="lan")
    _assert_declaration_refused(client, engine, device, naming_the_chief)


def test_a_declaration_naming_the_chief_without_the_chiefs_key_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """What a colleague holding the data key can make: the device key's signature alone, or the
    chief's name over the device key, an officer's key or a key of nobody's."""
    roles = StationRoles()
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    lans_key = roles.users["lan"][1]
    forgeries = [
        declaration(device, head(12, "f"), roles=roles, signer=None),
        declaration(device, head(12, "f"), roles=roles, signer_key=device.key),
        declaration(device, head(12, "f"), roles=roles, signer_key=lans_key),
        declaration(device, head(12, "f"), roles=roles, signer_key=new_private_key()),
        declaration(device, head(12, "f"), roles=roles, signer=ROOT_SIGNER, signer_key=lans_key),
    ]
    for forged in forgeries:
        _assert_declaration_refused(client, engine, device, forged)


def test_a_removed_or_unknown_supervisor_cannot_declare(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    roles.users["cu"] = ("supervisor", new_private_key())
    assert push(client, device, head(40), roster=roles.roster()).status_code == 200
    # A newer roster marks the former chief removed; their key stays certified for old entries.
    roles.seq, roles.removed = 2, {"cu"}
    assert push(client, device, head(41), roster=roles.roster()).status_code == 200
    by_removed = declaration(device, head(12, "f"), roles=roles, supervisor="cu", signer="cu")
    _assert_declaration_refused(client, engine, device, by_removed)
    stranger = new_private_key()
    by_unknown = declaration(
        device, head(12, "f"), roles=roles, supervisor="ai", signer="ai", signer_key=stranger
    )
    _assert_declaration_refused(client, engine, device, by_unknown)


def test_a_declaration_from_a_station_without_signed_roles_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """No roster pinned: nobody can be shown to be a supervisor, so nothing rewinds."""
    roles = StationRoles()
    assert push(client, device, head(40)).status_code == 200
    _assert_declaration_refused(
        client, engine, device, declaration(device, head(12, "f"), roles=roles)
    )


def _bundle(
    device: StationDevice, audit_head: dict[str, Any], audit_anchor: dict[str, Any]
) -> bytes:
    """A one-record offline bundle of `device` carrying that audit head and anchor proof."""
    return write_bundle(
        [make_record(device.station_code)],
        station_code=device.station_code,
        device_id=device.device_id,
        device_key=device.key,
        server_box_key=device.enrolment["server_box_key"],
        audit_head=AuditHead(**audit_head),
        audit_anchor=AuditHead(**audit_anchor),
    )


def test_a_bundle_with_a_head_that_went_back_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Behind the anchor, and its proof is no head the device ever sent: not a late bundle."""
    assert push(client, device, head(5, "e")).status_code == 200
    assert push(client, device, head(40), audit_anchor=head(5, "e")).status_code == 200
    with pytest.raises(ServerError) as refused:
        bundles.import_bundle(engine, _bundle(device, head(12, "b"), head(7, "c")))
    assert refused.value.code == "AUDIT_ROLLBACK"
    assert revisions(engine) == 2
    assert alerts(engine) == [("rollback", 40, 12)]


def test_a_late_bundle_is_accepted_without_moving_the_anchor_and_noted(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A bundle made at seq 12 (proving the anchor the station knew then) and carried in after
    online pushes reached seq 40 is honest: stored, the anchor stays at 40, and it is listed."""
    assert push(client, device, head(12, "b")).status_code == 200
    assert push(client, device, head(40), audit_anchor=head(12, "b")).status_code == 200
    data = _bundle(device, head(20, "c"), head(12, "b"))
    assert bundles.import_bundle(engine, data).receipt.stored == 1
    assert alerts(engine) == [("late_bundle", 40, 20)]
    answer = push(client, device, head(41, "d"), audit_anchor=head(40))
    assert answer.status_code == 200 and answer.json()["anchored_seq"] == 41
