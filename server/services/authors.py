"""Who may write a station's revisions: its signed roster, pinned root key and user keys.

A push (or a bundle, through the same path) may carry the station's roster, signed by the
station's root key. The first one pins that root key; later ones must be signed by it and replace
the stored roster only when newer. Once a station has a roster, each revision must carry a
signature by a key the roster certifies for `signed_by`, who must be the record's author (or, for
a later revision, one of the station's supervisors, or the root key for revisions made before
the station signed its roles). Anything else is rejected as AUTHOR_FORGED and not stored.

A restore declaration is held to the same roster: it must be signed by an active supervisor of
the station (or by the root key, as a recovery-key session signs), see `declaration_forgery`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from protocol import authorship
from protocol.errors import ErrorCode
from protocol.messages import RecordRevision, RestoreDeclaration, SignedRoster
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import StationRoster, StationUserKey

_rosters = StationRoster.__table__
_user_keys = StationUserKey.__table__


def current_roster(
    conn: Connection, station_id: int, sent: SignedRoster | None, now: datetime
) -> SignedRoster | None:
    """The roster to check this push's authors against, after taking in `sent` (if any)."""
    row = conn.execute(
        select(_rosters.c.root_public_key, _rosters.c.seq, _rosters.c.roster).where(
            _rosters.c.station_id == station_id
        )
    ).one_or_none()
    stored = None if row is None else SignedRoster.model_validate(row.roster)
    if sent is None:
        return stored
    pinned = sent.body.root_public_key if row is None else row.root_public_key
    if not authorship.roster_is_authentic(sent, pinned):
        raise ServerError(ErrorCode.ROSTER_INVALID, "roster not signed by the station's root key")
    if stored is not None and sent.body.seq <= stored.body.seq:
        if sent.body.seq == stored.body.seq and sent.body != stored.body:
            raise ServerError(ErrorCode.ROSTER_INVALID, "two rosters under one sequence number")
        return stored
    _store(conn, station_id, sent, row is None, now)
    return sent


def _store(
    conn: Connection, station_id: int, roster: SignedRoster, first: bool, now: datetime
) -> None:
    values = {
        "root_public_key": roster.body.root_public_key,
        "seq": roster.body.seq,
        "roster": roster.model_dump(mode="json"),
        "updated_at": now,
    }
    if first:
        conn.execute(
            insert_ignore(conn, _rosters, ["station_id"]), {"station_id": station_id, **values}
        )
    else:
        conn.execute(update(_rosters).where(_rosters.c.station_id == station_id).values(values))
    for user in roster.body.users:
        for key in user.signing_keys:
            conn.execute(
                insert_ignore(conn, _user_keys, ["station_id", "username", "public_key"]),
                {
                    "station_id": station_id,
                    "username": user.username,
                    "public_key": key,
                    "role": user.role,
                    "status": user.status,
                    "certified_seq": roster.body.seq,
                    "certified_at": now,
                },
            )
        conn.execute(
            update(_user_keys)
            .where(_user_keys.c.station_id == station_id, _user_keys.c.username == user.username)
            .values(role=user.role, status=user.status)
        )


def forgery(record: RecordRevision, values_json: bytes, roster: SignedRoster | None) -> str | None:
    """Why `record` is not provably by who it says (None: it is, or the station has no roster)."""
    if roster is None:
        return None  # a station whose roles are not signed yet: nothing to check against
    signer = record.signed_by
    if signer is None or record.signature is None:
        return "revision is not signed"
    if not authorship.may_write(roster, signer, record.author, record.revision):
        return f"{signer} may not sign a revision of {record.author}'s record"
    digest = authorship.authorship_digest(record.metadata_document(), values_json)
    message = authorship.revision_message(signer, digest)
    if not authorship.signed_by_any(
        authorship.signer_keys(roster, signer), message, record.signature
    ):
        return f"signature is not {signer}'s certified key"
    return None


def declaration_forgery(restore: RestoreDeclaration, roster: SignedRoster | None) -> str | None:
    """Why `restore` is not provably a supervisor's of the station (None: it is).

    The device key, which every user of the station can read, proves nothing about who declared:
    `supervisor` must be an active supervisor in the pinned roster, and `signed_by` (that
    supervisor, or the root key for a recovery-key session) must have signed it with a key the
    roster certifies."""
    if roster is None:
        return "the station's roles are not signed: no supervisor can be checked"
    grant = authorship.grant_of(roster, restore.supervisor)
    if grant is None or grant.role != "supervisor" or grant.status != "active":
        return f"{restore.supervisor} is not an active supervisor of the station"
    signer = restore.signed_by
    if signer not in (restore.supervisor, authorship.ROOT_SIGNER):
        return "the declaration is not signed by its supervisor"
    if not authorship.signed_by_any(
        authorship.signer_keys(roster, signer),
        restore.supervisor_bytes(),
        restore.supervisor_signature,
    ):
        return f"signature is not {signer}'s certified key"
    return None
