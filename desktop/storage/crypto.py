"""Cryptographic building blocks of the key slots: Argon2id, AES-256-GCM, X25519 sealing, HMAC.

Why X25519: each user's password protects a private key, and the station's data key is sealed to the
matching public key. A supervisor can then seal a *new* data key to every remaining user (key
rotation after an officer leaves) without knowing anyone's password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


class DecryptionFailed(Exception):
    """A ciphertext did not authenticate: wrong secret, or altered bytes."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored in each slot so that it can be raised later without breaking old slots."""

    iterations: int = 4
    memory_kib: int = 128 * 1024
    lanes: int = 4

    def derive(self, secret: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(secret.encode("utf-8"))

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


# ~0.35–0.45 s on the reference 2-core machine (bench/store_bench.py prints the figure).
DEFAULT_KDF = KdfParams()

# What a slot file may ask for. Its parameters are read before any password is checked, from a
# file every user can write: without bounds, a tampered cost (say 2^32 passes or a terabyte of
# memory) would hang or crash every unlock. The upper bounds leave room to raise DEFAULT_KDF
# about tenfold (~4 s at most per unlock on the reference machine); the lower ones admit TEST_KDF.
KDF_ITERATIONS = (1, 10)
KDF_MEMORY_KIB = (8 * 1024, 512 * 1024)
KDF_LANES = (1, 8)
KDF_SALT_BYTES = (16, 64)


def kdf_within_bounds(params: KdfParams, salt_length: int = SALT_BYTES) -> bool:
    """Whether a stored Argon2id cost (and salt) is one this program agrees to spend time on."""
    return all(
        low <= value <= high
        for value, (low, high) in (
            (params.iterations, KDF_ITERATIONS),
            (params.memory_kib, KDF_MEMORY_KIB),
            (params.lanes, KDF_LANES),
            (salt_length, KDF_SALT_BYTES),
        )
    )


# For tests only: the same code path at a fraction of the cost.
TEST_KDF = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def random_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def encrypt(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed from exc


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw X25519 key bytes."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def new_signing_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw Ed25519 key bytes: a user's or the station root's signing key."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def _sealing_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=ephemeral + recipient,
        info=b"cax-desk sealed data key v1",
    ).derive(shared)


def seal(recipient_public: bytes, secret: bytes, aad: bytes) -> dict[str, bytes]:
    """Encrypt `secret` so that only the holder of the recipient's private key can open it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce, ciphertext = encrypt(
        _sealing_key(shared, ephemeral_public, recipient_public), secret, aad
    )
    return {"ephemeral": ephemeral_public, "nonce": nonce, "ciphertext": ciphertext}


def unseal(private: bytes, sealed: dict[str, bytes], aad: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(private)
    recipient_public = key.public_key().public_bytes_raw()
    try:
        shared = key.exchange(X25519PublicKey.from_public_bytes(sealed["ephemeral"]))
    except ValueError as exc:
        raise DecryptionFailed from exc
    sealing_key = _sealing_key(shared, sealed["ephemeral"], recipient_public)
    return decrypt(sealing_key, sealed["nonce"], sealed["ciphertext"], aad)


def mac(data_key: bytes, message: bytes) -> str:
    """HMAC-SHA256 under a key derived from the data key, so the key itself is never used twice."""
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"cax-desk keyslot mac v1"
    ).derive(data_key)
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


def same_mac(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
