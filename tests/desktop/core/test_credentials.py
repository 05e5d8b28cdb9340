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


# ---- issue 13: longer passwords, and no common ones ----------------------------------------------


@pytest.mark.parametrize(
    ("password", "role", "reason"),
    [
        ("12345678", Role.OFFICER, "common"),
        ("password", Role.OFFICER, "common"),
        ("1234567890", Role.OFFICER, "common"),
        ("qwertyuiop", Role.OFFICER, "common"),
        ("Matkhau@2026", Role.OFFICER, "common"),
        ("Mật Khẩu 2026", Role.OFFICER, "common"),
        ("anhyeuem123456", Role.OFFICER, "common"),
        ("congan123456", Role.SUPERVISOR, "common"),
        ("Nguyễn Văn Minh 1990", Role.SUPERVISOR, "common"),
        ("0912345678", Role.OFFICER, "common"),  # a phone number
        ("15081990!!", Role.OFFICER, "common"),  # a date
        ("Ha-Noi-mua-9", Role.OFFICER, ""),
        ("Ha-Noi-mua-", Role.OFFICER, ""),
        ("Ha-Noi-mua", Role.OFFICER, ""),
        ("Ha-Noi-mu", Role.OFFICER, "too_short"),
        ("Ha-Noi-mua-9", Role.SUPERVISOR, ""),
        ("Ha-Noi-mua-", Role.SUPERVISOR, "too_short"),
    ],
)
def test_officers_need_10_characters_supervisors_12_and_nothing_common(password, role, reason):
    """The length depends on the role; a listed password, or only a name or word with digits
    and symbols around it, is refused whatever its case, marks or length."""
    assert credentials.password_problem(password, "lan", role) == reason
    if reason:
        with pytest.raises(WeakPassword) as raised:
            credentials.check_new_password(password, "lan", role)
        assert raised.value.params == {
            "reason": reason,
            "min_length": 10 if role == "officer" else 12,
        }


@given(st.text(max_size=24), st.sampled_from([Role.OFFICER, Role.SUPERVISOR]))
def test_the_strength_meter_agrees_with_the_rules(password, role):
    """A refused password is never shown as fair or better, an allowed one never as weak."""
    score = credentials.password_strength(password, "lan", role)
    refused = bool(credentials.password_problem(password, "lan", role))
    assert (score <= 1) == refused


def test_the_common_list_is_shipped_and_folded():
    """resources/passwords/common.txt has thousands of entries, all lower case without marks."""
    common = credentials._common_passwords()
    assert len(common) > 5000
    assert {"12345678", "password", "matkhau", "anhyeuem", "congan", "nguyenvanminh"} <= common
    assert all(entry == entry.lower() and entry.isascii() for entry in common)
