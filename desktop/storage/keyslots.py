"""The key-slot file beside the database: who can unwrap the station's data key, and with what.

Each slot holds an X25519 private key encrypted with AES-256-GCM under an Argon2id key derived from
the user's password (or the recovery key), and the data key sealed to that slot's public key. A
rotation in progress keeps both the current and the next data key sealed, so a crash between
`PRAGMA rekey` and the final write of this file never locks the station out.

The file carries a plain SHA-256 checksum (catches damage and casual edits before anything else) and
an HMAC under the data key (catches deliberate edits, checked after a successful unlock).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.core.errors import KeyFileTampered, KeyFileUnreadable
from desktop.storage import crypto
from desktop.storage.files import write_atomically

FORMAT = "cax-keyslots/1"
RECOVERY_LABEL = "@recovery"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class _KdfOutOfBounds(ValueError):
    """A slot (or the policy) asks for an Argon2id cost outside `crypto.kdf_within_bounds`."""


def _kdf(data: dict[str, Any], salt_length: int = crypto.SALT_BYTES) -> crypto.KdfParams:
    values = {name: data[name] for name in ("iterations", "memory_kib", "lanes")}
    if not all(type(value) is int for value in values.values()):
        raise _KdfOutOfBounds()  # 1e9, "4", true: only plain integers are costs
    params = crypto.KdfParams(**values)
    if not crypto.kdf_within_bounds(params, salt_length):
        raise _KdfOutOfBounds()
    return params


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Slot:
    label: str
    kind: str  # "user" or "recovery"
    kdf: crypto.KdfParams
    salt: bytes
    public_key: bytes
    private_nonce: bytes
    private_ciphertext: bytes
    sealed_key: dict[str, bytes]
    sealed_next_key: dict[str, bytes] | None = None
    # The user's Ed25519 signing key, sealed to this slot (user slots; docs/security.md).
    signing_public_key: bytes | None = None
    sealed_signing_key: dict[str, bytes] | None = None
    # The station's root signing key, sealed to supervisor slots and the recovery slot only.
    sealed_root_key: dict[str, bytes] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "kind": self.kind,
            "kdf": {"name": "argon2id", "salt": _b64(self.salt), **self.kdf.as_dict()},
            "public_key": _b64(self.public_key),
            "private_key": {
                "nonce": _b64(self.private_nonce),
                "ciphertext": _b64(self.private_ciphertext),
            },
            "sealed_key": {k: _b64(v) for k, v in self.sealed_key.items()},
        }
        if self.sealed_next_key is not None:
            data["sealed_next_key"] = {k: _b64(v) for k, v in self.sealed_next_key.items()}
        if self.signing_public_key is not None and self.sealed_signing_key is not None:
            data["signing_public_key"] = _b64(self.signing_public_key)
            data["sealed_signing_key"] = {k: _b64(v) for k, v in self.sealed_signing_key.items()}
        if self.sealed_root_key is not None:
            data["sealed_root_key"] = {k: _b64(v) for k, v in self.sealed_root_key.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError("unknown kdf")
        nxt = data.get("sealed_next_key")
        signing = data.get("sealed_signing_key")
        root = data.get("sealed_root_key")
        salt = _unb64(kdf["salt"])
        return cls(
            label=str(data["label"]),
            kind=str(data["kind"]),
            kdf=_kdf(kdf, len(salt)),
            salt=salt,
            public_key=_unb64(data["public_key"]),
            private_nonce=_unb64(data["private_key"]["nonce"]),
            private_ciphertext=_unb64(data["private_key"]["ciphertext"]),
            sealed_key={k: _unb64(v) for k, v in data["sealed_key"].items()},
            sealed_next_key=None if nxt is None else {k: _unb64(v) for k, v in nxt.items()},
            signing_public_key=None if signing is None else _unb64(data["signing_public_key"]),
            sealed_signing_key=None
            if signing is None
            else {k: _unb64(v) for k, v in signing.items()},
            sealed_root_key=None if root is None else {k: _unb64(v) for k, v in root.items()},
        )


@dataclass(frozen=True)
class OpenedSlot:
    """A slot its secret opened: the slot's X25519 private key and the data-key candidates."""

    label: str
    private: bytes
    keys: list[bytes]

    # Read as the list of candidates where only the data key matters (opening the database).
    def __iter__(self) -> Iterator[bytes]:
        return iter(self.keys)

    def __getitem__(self, index: int) -> bytes:
        return self.keys[index]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class KeySlotFile:
    """The parsed slot file; mutate through its methods, then `save()` with the current data key."""

    station_id: str
    # Argon2id cost for new slots; a later version may raise it, old slots keep their own.
    kdf_policy: crypto.KdfParams = crypto.DEFAULT_KDF
    slots: dict[str, Slot] = field(default_factory=dict)
    removed_users: set[str] = field(default_factory=set)
    mac: str = ""
    # The station's root public key (base64) and the roster it signed (SignedRoster JSON); both
    # None on a station made before roles were signed, until its first supervisor login.
    root_public_key: str | None = None
    roster: dict[str, Any] | None = None

    # ---- reading and writing -------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise KeyFileUnreadable(path=str(path), reason=type(exc).__name__) from exc
        try:
            document = json.loads(raw.decode("utf-8"))
            checksum = document.pop("checksum")
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileTampered(path=str(path), reason="not_parseable") from exc
        if hashlib.sha256(_canonical(document)).hexdigest() != checksum:
            raise KeyFileTampered(path=str(path), reason="checksum")
        if document.get("format") != FORMAT:
            raise KeyFileUnreadable(path=str(path), reason="format")
        try:
            slots = [Slot.from_json(item) for item in document["slots"]]
            return cls(
                station_id=str(document["station_id"]),
                kdf_policy=_kdf(document["kdf_policy"]),
                slots={slot.label: slot for slot in slots},
                removed_users=set(document.get("removed_users", [])),
                mac=str(document["mac"]),
                root_public_key=document.get("root_public_key"),
                roster=document.get("roster"),
            )
        except _KdfOutOfBounds as exc:
            # Checked before any Argon2id run: an absurd cost is refused at once, never spent.
            raise KeyFileTampered(path=str(path), reason="kdf_bounds") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileTampered(path=str(path), reason="structure") from exc

    def _body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "format": FORMAT,
            "station_id": self.station_id,
            "kdf_policy": self.kdf_policy.as_dict(),
            "slots": [self.slots[label].to_json() for label in sorted(self.slots)],
            "removed_users": sorted(self.removed_users),
        }
        if self.root_public_key is not None:
            body["root_public_key"] = self.root_public_key
            body["roster"] = self.roster
        return body

    def save(self, path: Path, data_key: bytes) -> None:
        body = self._body()
        self.mac = crypto.mac(data_key, _canonical(body))
        document = {**body, "mac": self.mac}
        document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
        write_atomically(path, json.dumps(document, indent=1, ensure_ascii=False).encode())

    def verify_mac(self, data_key: bytes, path: Path) -> None:
        """After unlocking: raise KeyFileTampered unless the file was written by a key holder."""
        if not crypto.same_mac(crypto.mac(data_key, _canonical(self._body())), self.mac):
            raise KeyFileTampered(path=str(path), reason="mac")

    # ---- slots -----------------------------------------------------------------------------------

    def _aad(self, label: str, kind: str, purpose: str) -> bytes:
        return _canonical({"station": self.station_id, "label": label, "kind": kind, "p": purpose})

    def add_slot(self, label: str, kind: str, secret: str, data_key: bytes) -> OpenedSlot:
        """Create (or replace) the slot `label`, so that `secret` unwraps `data_key`; returned
        opened, as `open_slot(label, secret)` would (without a second Argon2id run)."""
        kdf = self.kdf_policy
        private, public = crypto.new_keypair()
        salt = crypto.random_salt()
        wrapping_key = kdf.derive(secret, salt)
        nonce, ciphertext = crypto.encrypt(
            wrapping_key, private, self._aad(label, kind, "private") + public
        )
        slot = Slot(
            label=label,
            kind=kind,
            kdf=kdf,
            salt=salt,
            public_key=public,
            private_nonce=nonce,
            private_ciphertext=ciphertext,
            sealed_key=crypto.seal(public, data_key, self._aad(label, kind, "data")),
        )
        if kind == "user":
            signing_private, signing_public = crypto.new_signing_keypair()
            slot = replace(
                slot,
                signing_public_key=signing_public,
                sealed_signing_key=crypto.seal(
                    public, signing_private, self._aad(label, kind, "signing") + signing_public
                ),
            )
        self.slots[label] = slot
        self.removed_users.discard(label)
        return OpenedSlot(label, private, [data_key])

    def rewrap_slot(self, label: str, secret: str, private: bytes) -> None:
        """A new secret for the slot `label` (whose opened private key is `private`): the slot's
        keys stay what they are, so its grant in the roster stays valid."""
        slot, kdf, salt = self.slots[label], self.kdf_policy, crypto.random_salt()
        nonce, ciphertext = crypto.encrypt(
            kdf.derive(secret, salt),
            private,
            self._aad(label, slot.kind, "private") + slot.public_key,
        )
        self.slots[label] = replace(
            slot, kdf=kdf, salt=salt, private_nonce=nonce, private_ciphertext=ciphertext
        )

    def give_signing_key(self, label: str) -> None:
        """A signing key for a user slot made before signing keys existed (sealed to the slot)."""
        slot = self.slots[label]
        signing_private, signing_public = crypto.new_signing_keypair()
        aad = self._aad(label, slot.kind, "signing") + signing_public
        self.slots[label] = replace(
            slot,
            signing_public_key=signing_public,
            sealed_signing_key=crypto.seal(slot.public_key, signing_private, aad),
        )

    def signing_key(self, opened: OpenedSlot) -> bytes:
        """The opened slot's Ed25519 private key; DecryptionFailed if it is missing or altered."""
        slot = self.slots[opened.label]
        if slot.sealed_signing_key is None or slot.signing_public_key is None:
            raise crypto.DecryptionFailed()
        aad = self._aad(slot.label, slot.kind, "signing") + slot.signing_public_key
        return crypto.unseal(opened.private, slot.sealed_signing_key, aad)

    def _root_aad(self, slot: Slot) -> bytes:
        # The root public key is part of what the sealed root key authenticates: a key file
        # whose root was swapped no longer opens any genuine supervisor's copy.
        return self._aad(slot.label, slot.kind, "root") + str(self.root_public_key).encode()

    def seal_root_key(self, label: str, root_private: bytes | None) -> None:
        """Give the slot `label` the root key (a supervisor or the recovery slot), or take it."""
        slot = self.slots[label]
        sealed = None
        if root_private is not None:
            sealed = crypto.seal(slot.public_key, root_private, self._root_aad(slot))
        self.slots[label] = replace(slot, sealed_root_key=sealed)

    def root_key(self, opened: OpenedSlot) -> bytes:
        """The root private key held by the opened slot; DecryptionFailed if none or altered."""
        slot = self.slots[opened.label]
        if slot.sealed_root_key is None or self.root_public_key is None:
            raise crypto.DecryptionFailed()
        return crypto.unseal(opened.private, slot.sealed_root_key, self._root_aad(slot))

    def remove_slot(self, label: str, *, record_removal: bool = True) -> None:
        self.slots.pop(label, None)
        if record_removal:
            self.removed_users.add(label)

    def open_slot(self, label: str, secret: str) -> OpenedSlot:
        """The slot's private key and the data-key candidates the secret unlocks: [current] or,
        mid-rotation, [current, next].

        Raises crypto.DecryptionFailed if the secret is wrong (or the slot was altered).
        """
        slot = self.slots[label]
        wrapping_key = slot.kdf.derive(secret, slot.salt)
        private = crypto.decrypt(
            wrapping_key,
            slot.private_nonce,
            slot.private_ciphertext,
            self._aad(label, slot.kind, "private") + slot.public_key,
        )
        aad = self._aad(label, slot.kind, "data")
        keys = [crypto.unseal(private, slot.sealed_key, aad)]
        if slot.sealed_next_key is not None:
            keys.append(crypto.unseal(private, slot.sealed_next_key, aad))
        return OpenedSlot(label, private, keys)

    def stage_next_key(self, next_key: bytes) -> None:
        """First step of a rotation: seal `next_key` beside the current key in every slot."""
        for label, slot in self.slots.items():
            sealed = crypto.seal(slot.public_key, next_key, self._aad(label, slot.kind, "data"))
            self.slots[label] = replace(slot, sealed_next_key=sealed)

    def promote_next_key(self) -> None:
        """Last step of a rotation: the staged key becomes the current one in every slot."""
        for label, slot in self.slots.items():
            if slot.sealed_next_key is not None:
                self.slots[label] = replace(
                    slot, sealed_key=slot.sealed_next_key, sealed_next_key=None
                )

    def discard_next_key(self) -> None:
        """Undo `stage_next_key` after a rotation that did not happen."""
        for label, slot in self.slots.items():
            self.slots[label] = replace(slot, sealed_next_key=None)

    @property
    def rotation_pending(self) -> bool:
        return any(slot.sealed_next_key is not None for slot in self.slots.values())
