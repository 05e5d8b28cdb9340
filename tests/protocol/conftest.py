"""Keys the bundle tests share: the centre's box key a bundle is sealed to, and a device key."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from protocol.signing import new_private_key


@pytest.fixture(scope="module")
def server_box() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture(scope="module")
def device_key() -> Ed25519PrivateKey:
    return new_private_key()
