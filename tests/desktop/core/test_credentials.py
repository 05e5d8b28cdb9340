"""User names, password rules and the paper recovery key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core import credentials
from desktop.core.errors import InvalidInput, PermissionDenied, WeakPassword
from desktop.core.permissions import Permission, Role, allows, require


@given(st.sampled_from([" ", "-", "\t"]), st.booleans())
def test_recovery_key_reads_back_however_it_is_typed(separator, lower):
    """A generated key parses back from lower case and any spacing, O/I/L read as 0/1/1."""
    key = credentials.new_recovery_key()
    typed = key.replace("-", separator)
    typed = typed.lower() if lower else typed
    assert credentials.parse_recovery_key(typed) == key
    assert credentials.parse_recovery_key(key.replace("0", "O").replace("1", "l")) == key


def test_recovery_key_has_160_random_bits_in_8_groups():
    """Eight groups of four from a 32-letter alphabet; two keys never repeat."""
    key = credentials.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert len({credentials.new_recovery_key() for _ in range(200)}) == 200


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "UUUU-" * 7 + "UUUU", "!" * 32])
def test_malformed_recovery_key_is_refused(typed):
    """Too short, or letters outside the alphabet (U, X): InvalidInput."""
    with pytest.raises(InvalidInput):
        credentials.parse_recovery_key(typed)


@given(st.text(max_size=40))
def test_username_normaliser_never_crashes_and_is_idempotent(raw):
    """Any text either normalises to a valid name (stable when repeated) or is refused."""
    try:
        name = credentials.normalize_username(raw)
    except InvalidInput:
        return
    assert credentials.normalize_username(name) == name
    assert credentials.USERNAME_PATTERN.match(name)


def test_username_is_case_and_space_insensitive():
    """'  Truong ' and 'truong' are the same user; Vietnamese letters are refused as a login."""
    assert credentials.normalize_username("  Truong ") == "truong"
    with pytest.raises(InvalidInput):
        credentials.normalize_username("trưởng")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "too_short"),
        ("aaaaaaaaaaaa", "too_simple"),
        ("truong-2026!", "contains_username"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password, reason):
    """Each weak password is refused with the reason the user will be shown."""
    with pytest.raises(WeakPassword) as raised:
        credentials.check_new_password(password, "truong")
    assert raised.value.params["reason"] == reason


def test_strength_grows_with_length_and_variety():
    """The strength meter rises from 0 (too short) to 4 (long and varied)."""
    scores = [
        credentials.password_strength(p)
        for p in ("abc", "abcdefgh", "Abcdefgh12!", "Abcdefgh12!xyzw")
    ]
    assert scores == sorted(scores) and scores[0] == 0 and scores[-1] == 4


def test_permissions_live_in_one_table():
    """Officers create records and change their own password; only supervisors administer."""
    assert allows(Role.OFFICER, Permission.CREATE_RECORDS)
    assert not allows(Role.OFFICER, Permission.MANAGE_USERS)
    assert all(allows(Role.SUPERVISOR, p) for p in Permission)
    with pytest.raises(PermissionDenied):
        require(Role.OFFICER, Permission.ROTATE_KEYS)
