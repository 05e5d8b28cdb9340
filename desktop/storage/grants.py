"""Signed roles: the station's root key, the roster it signs and each user's signing key.

The roster (`protocol.messages.SignedRoster`, kept in the key-slot file) lists every user's role,
status, slot public key and certified signing keys, signed by the station's root key. The root
key's private half is sealed only to supervisor slots and the recovery slot, so an officer who
holds the data key can still edit the database and the slot file, but cannot sign a roster:
unlock and every permission check compare what they read with the roster and raise
`RoleTampered` when they differ (docs/security.md, "Roles and authorship").
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from desktop.core.errors import RoleTampered
from desktop.storage import crypto
from desktop.storage.keyslots import RECOVERY_LABEL, KeySlotFile, OpenedSlot
from protocol import authorship
from protocol.messages import RosterBody, RosterUser, SignedRoster
from protocol.signing import public_key_b64

ROOT_SIGNER = authorship.ROOT_SIGNER
grant_of = authorship.grant_of
__all__ = ["ROOT_SIGNER", "RosterUser", "Signer", "grant_of"]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class Signer:
    """A logged-in user's signing key: what signs their audit entries and record revisions."""

    username: str
    key: Ed25519PrivateKey

    def sign(self, message: bytes) -> str:
        return authorship.sign(self.key, message)


def load_roster(slots: KeySlotFile) -> SignedRoster | None:
    """The slot file's roster, its root signature checked; None on a station not yet migrated."""
    if slots.root_public_key is None and slots.roster is None:
        return None
    try:
        roster = SignedRoster.model_validate(slots.roster)
    except ValidationError:
        raise RoleTampered(reason="roster_unreadable") from None
    if (
        slots.root_public_key is None
        or not authorship.roster_is_authentic(roster, slots.root_public_key)
        or roster.body.station_id != slots.station_id
    ):
        raise RoleTampered(reason="roster_signature")
    return roster


def verified_grant(slots: KeySlotFile, roster: SignedRoster, username: str) -> RosterUser:
    """`username`'s active grant, matching the slot that is theirs in the file."""
    grant, slot = authorship.grant_of(roster, username), slots.slots.get(username)
    if grant is None or grant.status != "active" or slot is None:
        raise RoleTampered(username=username, reason="no_grant")
    if grant.slot_public_key != _b64(slot.public_key):
        raise RoleTampered(username=username, reason="slot_key")
    signing = slot.signing_public_key
    if signing is None or not grant.signing_keys or grant.signing_keys[-1] != _b64(signing):
        raise RoleTampered(username=username, reason="signing_key")
    return grant


def signer_of(slots: KeySlotFile, opened: OpenedSlot, username: str) -> Signer:
    try:
        key = Ed25519PrivateKey.from_private_bytes(slots.signing_key(opened))
    except (crypto.DecryptionFailed, ValueError):
        raise RoleTampered(username=username, reason="signing_key") from None
    return Signer(username, key)


def root_of(slots: KeySlotFile, opened: OpenedSlot) -> Ed25519PrivateKey:
    """The root key the opened slot holds; RoleTampered if it holds none or the root was swapped."""
    try:
        key = Ed25519PrivateKey.from_private_bytes(slots.root_key(opened))
    except (crypto.DecryptionFailed, ValueError):
        raise RoleTampered(username=opened.label, reason="root_key") from None
    if public_key_b64(key) != slots.root_public_key:
        raise RoleTampered(username=opened.label, reason="root_key")
    return key


@dataclass(frozen=True)
class Identity:
    """Who an opened slot proves its holder to be: their grant, signing key and (supervisors
    and the recovery key) the root key."""

    grant: RosterUser
    signer: Signer
    root: Ed25519PrivateKey | None


def identify(slots: KeySlotFile, opened: OpenedSlot, username: str) -> Identity | None:
    """Check `username`'s grant against the signed roster; None on a station not yet migrated."""
    roster = load_roster(slots)
    if roster is None:
        return None
    grant = verified_grant(slots, roster, username)
    signer = signer_of(slots, opened, username)
    if public_key_b64(signer.key) != grant.signing_keys[-1]:
        raise RoleTampered(username=username, reason="signing_key")
    root = root_of(slots, opened) if grant.role == "supervisor" else None
    return Identity(grant, signer, root)


def _raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes_raw()


def resign(
    slots: KeySlotFile,
    root: Ed25519PrivateKey,
    roles: dict[str, str | None],
    *,
    refreshed: frozenset[str] = frozenset(),
) -> SignedRoster:
    """Sign the next roster: `roles` sets users' roles (None: removed); the slot and signing keys
    of the users in `refreshed` (slots this process just made) are certified anew, everyone
    else's stay as the last roster had them — a slot someone slipped into the file is never
    certified by a supervisor's unrelated change. Supervisors' slots get the root key, others
    lose it."""
    previous = load_roster(slots)
    if previous is None:
        raise RoleTampered(reason="roster_missing")
    users = {u.username: u for u in previous.body.users}
    for username, role in roles.items():
        old = users.get(username)
        keys = list(old.signing_keys) if old else []
        if role is None:
            users[username] = RosterUser(
                username=username,
                role=old.role if old else "officer",
                status="removed",
                slot_public_key="",
                signing_keys=keys,
            )
            continue
        users[username] = RosterUser(
            username=username,
            role=role,
            status="active",
            slot_public_key=old.slot_public_key if old else "",
            signing_keys=keys,
        )
    for username in refreshed:
        users[username] = _certified(slots, users[username])
    for user in users.values():
        slot = slots.slots.get(user.username)
        # Only to the slot the roster certifies: a slot swapped into the file gets nothing.
        if user.status == "active" and slot and _b64(slot.public_key) == user.slot_public_key:
            slots.seal_root_key(user.username, _raw(root) if user.role == "supervisor" else None)
    body = previous.body.model_copy(
        update={"seq": previous.body.seq + 1, "users": sorted(users.values(), key=_name)}
    )
    return _store(slots, root, body)


def _name(user: RosterUser) -> str:
    return user.username


def _certified(slots: KeySlotFile, user: RosterUser) -> RosterUser:
    slot = slots.slots[user.username]
    keys = list(user.signing_keys)
    if slot.signing_public_key is None:
        slots.give_signing_key(user.username)
        slot = slots.slots[user.username]
    assert slot.signing_public_key is not None  # give_signing_key has just made one
    signing = _b64(slot.signing_public_key)
    if signing in keys:
        keys.remove(signing)
    return user.model_copy(
        update={"slot_public_key": _b64(slot.public_key), "signing_keys": [*keys, signing]}
    )


def _store(slots: KeySlotFile, root: Ed25519PrivateKey, body: RosterBody) -> SignedRoster:
    roster = authorship.sign_roster(root, RosterBody.model_validate(body.model_dump()))
    slots.roster = roster.model_dump(mode="json")
    return roster


def establish(
    slots: KeySlotFile, users: dict[str, str], removed: set[str], audit_signed_from: int
) -> Ed25519PrivateKey:
    """Make the station's root key and sign its first roster: `users` (active user → role, as
    the database says at this moment), `removed` (names that stay taken). The root key is sealed
    to the supervisors' slots and the recovery slot; users without a signing key get one."""
    root = Ed25519PrivateKey.generate()
    slots.root_public_key = public_key_b64(root)
    for label in (RECOVERY_LABEL, *(u for u, role in users.items() if role == "supervisor")):
        if label in slots.slots:
            slots.seal_root_key(label, _raw(root))
    entries = [
        _certified(
            slots,
            RosterUser(
                username=name, role=role, status="active", slot_public_key="", signing_keys=[]
            ),
        )
        for name, role in users.items()
        if name in slots.slots
    ]
    entries += [
        RosterUser(
            username=n, role="officer", status="removed", slot_public_key="", signing_keys=[]
        )
        for n in removed
    ]
    body = RosterBody(
        station_id=slots.station_id,
        seq=1,
        root_public_key=slots.root_public_key,
        audit_signed_from=audit_signed_from,
        users=sorted(entries, key=_name),
    )
    _store(slots, root, body)
    return root


def role_mismatches(roster: SignedRoster | None, users: dict[str, tuple[str, str]]) -> list[str]:
    """Users whose database row ({name: (role, status)}) says other than the signed roster:
    an active user without an active grant of the same role, or a granted user not active."""
    if roster is None:
        return []
    granted = {u.username: u for u in roster.body.users if u.status == "active"}
    active = {name for name, (_, status) in users.items() if status == "active"}
    return sorted(
        name
        for name in active | set(granted)
        if name not in active or name not in granted or granted[name].role != users[name][0]
    )
