"""Issue 13: an officer with their own password and Python, on the PC they share with others.

Each attack is played out as that officer would, against the files on disk, and must be refused
with its own code, or undone by the supervisor's ordinary upkeep, with nothing lost.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest

from desktop.core.errors import KeyFileTampered
from desktop.storage.keyslots import _canonical
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD


def rewrite_keyfile(path: Path, change: Any) -> None:
    """Edit station.keys and fix its plain checksum, as anyone who reads the source can."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("checksum")
    change(document)
    document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")


# ---- Argon2id costs read from the key file are bounded -----------------------------------------


@pytest.mark.parametrize(
    ("where", "name", "value"),
    [
        ("slot", "iterations", 2**32),
        ("slot", "memory_kib", 2**40),
        ("slot", "lanes", 2**24),
        ("slot", "iterations", 0),
        ("slot", "memory_kib", 1.0e6),
        ("policy", "memory_kib", 2**40),
        ("policy", "iterations", "4"),
    ],
)
def test_an_absurd_kdf_cost_is_keyfile_tampered_at_once(station_home, where, name, value):
    """A cost that would hang every unlock (or crash Argon2) is refused before any is spent."""
    path = station_home.station.keys_path

    def change(document: dict[str, Any]) -> None:
        if where == "policy":
            document["kdf_policy"][name] = value
        else:
            next(s for s in document["slots"] if s["label"] == OFFICER)["kdf"][name] = value

    rewrite_keyfile(path, change)
    started = time.monotonic()
    with pytest.raises(KeyFileTampered) as raised:
        station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert raised.value.params["reason"] == "kdf_bounds"
    assert time.monotonic() - started < 1.0


def test_a_short_salt_is_keyfile_tampered(station_home):
    """A slot whose salt is shorter than 16 bytes was not written by CAX Desk."""

    def change(document: dict[str, Any]) -> None:
        document["slots"][0]["kdf"]["salt"] = "AAAA"

    rewrite_keyfile(station_home.station.keys_path, change)
    with pytest.raises(KeyFileTampered):
        station_home.unlock()
