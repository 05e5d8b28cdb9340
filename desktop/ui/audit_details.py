"""An audit entry's details and target in words: "revision: 2, reason: wrong date", never
`{'text': 'duc'}` or `number: None`.

The details stored in the log keep fixed English keys and codes (the chain's hashes cover them);
only their display is translated here. A key this version does not name is shown as stored, so an
entry written by a newer version is still readable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.audit_actions import AuditAction
from desktop.core.permissions import Role
from desktop.core.placeholders import fill_numbered
from desktop.ui.formats import format_date, format_number, format_timestamp
from desktop.ui.labels import role_name
from desktop.ui.record_labels import status_name

CONTEXT = "AuditDetails"

_KEYS = {
    # people and roles
    "role": QT_TRANSLATE_NOOP("AuditDetails", "role"),
    "old": QT_TRANSLATE_NOOP("AuditDetails", "before"),
    "new": QT_TRANSLATE_NOOP("AuditDetails", "after"),
    "name": QT_TRANSLATE_NOOP("AuditDetails", "name"),
    "author": QT_TRANSLATE_NOOP("AuditDetails", "record author"),
    "reviewer": QT_TRANSLATE_NOOP("AuditDetails", "reviewer"),
    "by": QT_TRANSLATE_NOOP("AuditDetails", "by"),
    "via": QT_TRANSLATE_NOOP("AuditDetails", "by means of"),
    "users": QT_TRANSLATE_NOOP("AuditDetails", "users"),
    "removed": QT_TRANSLATE_NOOP("AuditDetails", "removed users"),
    "revived_users": QT_TRANSLATE_NOOP("AuditDetails", "users back from the backup"),
    "supervisors": QT_TRANSLATE_NOOP("AuditDetails", "supervisors"),
    "self_approved": QT_TRANSLATE_NOOP("AuditDetails", "approved by its own author"),
    "authorised_by": QT_TRANSLATE_NOOP("AuditDetails", "authorised by"),
    # records
    "form": QT_TRANSLATE_NOOP("AuditDetails", "form"),
    "number": QT_TRANSLATE_NOOP("AuditDetails", "number"),
    "revision": QT_TRANSLATE_NOOP("AuditDetails", "revision"),
    "draft": QT_TRANSLATE_NOOP("AuditDetails", "draft"),
    "overrides": QT_TRANSLATE_NOOP("AuditDetails", "errors accepted"),
    "reason": QT_TRANSLATE_NOOP("AuditDetails", "reason"),
    "comment": QT_TRANSLATE_NOOP("AuditDetails", "comment"),
    "legacy_revisions": QT_TRANSLATE_NOOP("AuditDetails", "older revisions"),
    # printing, export, backup
    "output": QT_TRANSLATE_NOOP("AuditDetails", "output"),
    "document": QT_TRANSLATE_NOOP("AuditDetails", "paper"),  # a print's template, F1's slip
    "to": QT_TRANSLATE_NOOP("AuditDetails", "to"),
    "pages": QT_TRANSLATE_NOOP("AuditDetails", "pages"),
    "hash": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint"),
    "sha256": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint"),
    "format": QT_TRANSLATE_NOOP("AuditDetails", "format"),
    "count": QT_TRANSLATE_NOOP("AuditDetails", "records"),
    "records": QT_TRANSLATE_NOOP("AuditDetails", "records"),
    "filters": QT_TRANSLATE_NOOP("AuditDetails", "filters"),
    "include_sensitive": QT_TRANSLATE_NOOP("AuditDetails", "ID and phone numbers included"),
    "file": QT_TRANSLATE_NOOP("AuditDetails", "file"),
    "size": QT_TRANSLATE_NOOP("AuditDetails", "size"),
    "created_at": QT_TRANSLATE_NOOP("AuditDetails", "made at"),
    "created_by": QT_TRANSLATE_NOOP("AuditDetails", "made by"),
    "replaced_station": QT_TRANSLATE_NOOP("AuditDetails", "station data replaced"),
    # reports and the station profile
    "period": QT_TRANSLATE_NOOP("AuditDetails", "period"),
    "submitted": QT_TRANSLATE_NOOP("AuditDetails", "submitted"),
    "as_of": QT_TRANSLATE_NOOP("AuditDetails", "figures as of"),
    "changed": QT_TRANSLATE_NOOP("AuditDetails", "changed"),
    # settings, keys, checks
    "key": QT_TRANSLATE_NOOP("AuditDetails", "setting"),
    "slots": QT_TRANSLATE_NOOP("AuditDetails", "key slots"),
    "dropped": QT_TRANSLATE_NOOP("AuditDetails", "key slots dropped"),
    "new_recovery_key": QT_TRANSLATE_NOOP("AuditDetails", "new recovery key"),
    "orphan_slots": QT_TRANSLATE_NOOP("AuditDetails", "key slots without a user"),
    "orphan_files": QT_TRANSLATE_NOOP("AuditDetails", "attachment files without a record, deleted"),
    "checked": QT_TRANSLATE_NOOP("AuditDetails", "entries checked"),
    "ok": QT_TRANSLATE_NOOP("AuditDetails", "intact"),
    "break_seq": QT_TRANSLATE_NOOP("AuditDetails", "broken at entry"),
    "break_kind": QT_TRANSLATE_NOOP("AuditDetails", "how"),
    "problems": QT_TRANSLATE_NOOP("AuditDetails", "problems"),
    "keyfile": QT_TRANSLATE_NOOP("AuditDetails", "key file"),
    "expected": QT_TRANSLATE_NOOP("AuditDetails", "expected"),
    "found": QT_TRANSLATE_NOOP("AuditDetails", "found"),
    # sync
    "server": QT_TRANSLATE_NOOP("AuditDetails", "server"),
    "device": QT_TRANSLATE_NOOP("AuditDetails", "device"),
    "pinned_ca": QT_TRANSLATE_NOOP("AuditDetails", "CA certificate pinned"),
    "transport": QT_TRANSLATE_NOOP("AuditDetails", "connection"),
    "session": QT_TRANSLATE_NOOP("AuditDetails", "session"),
    "outcome": QT_TRANSLATE_NOOP("AuditDetails", "outcome"),
    "error": QT_TRANSLATE_NOOP("AuditDetails", "error"),
    "sent": QT_TRANSLATE_NOOP("AuditDetails", "sent"),
    "acknowledged": QT_TRANSLATE_NOOP("AuditDetails", "received by the centre"),
    "quarantined": QT_TRANSLATE_NOOP("AuditDetails", "refused by the centre"),
    "conflicts": QT_TRANSLATE_NOOP("AuditDetails", "conflicts"),
    "pulled": QT_TRANSLATE_NOOP("AuditDetails", "updates received"),
    "reports_sent": QT_TRANSLATE_NOOP("AuditDetails", "reports sent"),
    "reports_acknowledged": QT_TRANSLATE_NOOP("AuditDetails", "reports received by the centre"),
    "requeued": QT_TRANSLATE_NOOP("AuditDetails", "sent again"),
    "kind": QT_TRANSLATE_NOOP("AuditDetails", "kind"),
    "bytes": QT_TRANSLATE_NOOP("AuditDetails", "size"),
    "declaration": QT_TRANSLATE_NOOP("AuditDetails", "declaration"),
    "head_seq": QT_TRANSLATE_NOOP("AuditDetails", "last entry"),
    "head_hash": QT_TRANSLATE_NOOP("AuditDetails", "last entry's fingerprint"),
    # a filter of the record list (inside "filters")
    "text": QT_TRANSLATE_NOOP("AuditDetails", "search"),
    "form_id": QT_TRANSLATE_NOOP("AuditDetails", "form"),
    "status": QT_TRANSLATE_NOOP("AuditDetails", "status"),
    "commune_code": QT_TRANSLATE_NOOP("AuditDetails", "commune"),
    "date_from": QT_TRANSLATE_NOOP("AuditDetails", "from"),
    "date_to": QT_TRANSLATE_NOOP("AuditDetails", "to"),
}

# Stable values found in details: failure and lock reasons, outputs, outcomes, setting names…
_VALUES = {
    "wrong_password": QT_TRANSLATE_NOOP("AuditDetails", "wrong password"),
    "unknown_user": QT_TRANSLATE_NOOP("AuditDetails", "unknown user"),
    "removed_user": QT_TRANSLATE_NOOP("AuditDetails", "removed user"),
    "wrong_recovery_key": QT_TRANSLATE_NOOP("AuditDetails", "wrong recovery key"),
    "lock": QT_TRANSLATE_NOOP("AuditDetails", "locked by the user"),
    "idle": QT_TRANSLATE_NOOP("AuditDetails", "locked after inactivity"),
    "logout": QT_TRANSLATE_NOOP("AuditDetails", "logged out"),
    "quit": QT_TRANSLATE_NOOP("AuditDetails", "program closed"),
    "recovery": QT_TRANSLATE_NOOP("AuditDetails", "recovery key"),
    "altered": QT_TRANSLATE_NOOP("AuditDetails", "altered"),
    "removed": QT_TRANSLATE_NOOP("AuditDetails", "removed"),
    "reordered": QT_TRANSLATE_NOOP("AuditDetails", "reordered"),
    "unsigned": QT_TRANSLATE_NOOP("AuditDetails", "without its writer's signature"),
    "bad_signature": QT_TRANSLATE_NOOP("AuditDetails", "signed with another key"),
    "centre": QT_TRANSLATE_NOOP("AuditDetails", "the centre"),
    "printer": QT_TRANSLATE_NOOP("AuditDetails", "printer"),
    "pdf": QT_TRANSLATE_NOOP("AuditDetails", "PDF file"),
    "xlsx": QT_TRANSLATE_NOOP("AuditDetails", "Excel"),
    "csv": QT_TRANSLATE_NOOP("AuditDetails", "CSV"),
    "ok": QT_TRANSLATE_NOOP("AuditDetails", "in order"),
    "https": QT_TRANSLATE_NOOP("AuditDetails", "encrypted (https)"),
    "http-loopback": QT_TRANSLATE_NOOP("AuditDetails", "this computer only (http)"),
    "http-trial": QT_TRANSLATE_NOOP("AuditDetails", "unencrypted trial (http)"),
    "bundle_export": QT_TRANSLATE_NOOP("AuditDetails", "bundle written for the centre"),
    "bundle_receipt": QT_TRANSLATE_NOOP("AuditDetails", "the centre's receipt read"),
    # setting names (the "key" of a setting change, and its audit target)
    "auto_lock_minutes": QT_TRANSLATE_NOOP("AuditDetails", "auto-lock minutes"),
    "backup_reminder_days": QT_TRANSLATE_NOOP("AuditDetails", "backup reminder days"),
    "last_backup_at": QT_TRANSLATE_NOOP("AuditDetails", "last backup"),
    "crime_report_transfer_hours": QT_TRANSLATE_NOOP(
        "AuditDetails", "hours to transfer a crime report"
    ),
    "sync_policy": QT_TRANSLATE_NOOP("AuditDetails", "when records go to the centre"),
    "auto_sync": QT_TRANSLATE_NOOP("AuditDetails", "automatic sync"),
}

# A sync session's outcome (storage/sync_history.py).
_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("AuditDetails", "done"),
    "failed": QT_TRANSLATE_NOOP("AuditDetails", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("AuditDetails", "cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("AuditDetails", "interrupted"),
    "running": QT_TRANSLATE_NOOP("AuditDetails", "running"),
}

_ROLE_KEYS = frozenset({"role", "old", "new", "via"})
_USER_KEYS = frozenset({"author", "reviewer", "created_by", "authorised_by", "by"})
_TIME_KEYS = frozenset({"created_at"})
_DATE_KEYS = frozenset({"as_of", "date_from", "date_to"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def key_name(key: str) -> str:
    source = _KEYS.get(key)
    return _tr(source) if source else key


def value_name(value: str) -> str | None:
    source = _VALUES.get(value)
    return _tr(source) if source else None


def _iso_date(value: str) -> str:
    if not _ISO_DATE.match(value):
        return value
    try:
        return format_date(date.fromisoformat(value))
    except ValueError:
        return value


def detail_value(key: str, value: object) -> str:
    """One value in words; free text (a reason typed, a user name) stays as it was written."""
    if isinstance(value, bool):
        return _tr(
            QT_TRANSLATE_NOOP("AuditDetails", "yes")
            if value
            else QT_TRANSLATE_NOOP("AuditDetails", "no")
        )
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, Mapping):
        return _mapping_text(key, value)
    if isinstance(value, list | tuple):
        return ", ".join(detail_value(key, item) for item in value if item not in (None, ""))
    text = str(value)
    if key in _ROLE_KEYS and text in (Role.OFFICER, Role.SUPERVISOR):
        return role_name(text)
    if key == "status":
        return status_name(text)
    if key == "outcome" and text in _OUTCOMES:
        return _tr(_OUTCOMES[text])
    if key in _TIME_KEYS:
        return format_timestamp(text) or text
    if key in _DATE_KEYS:
        return _iso_date(text)
    if key not in _USER_KEYS or text == "centre":
        named = value_name(text)
        if named is not None:
            return named
    return text


def _mapping_text(key: str, value: Mapping) -> str:
    if key == "users":  # user name → role: "lan (Officer)"
        return ", ".join(f"{name} ({role_name(str(role))})" for name, role in value.items())
    return "; ".join(f"{key_name(k)} {detail_value(k, v)}" for k, v in value.items() if _shown(v))


def _shown(value: object) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def details_text(details: Mapping[str, object]) -> str:
    """An entry's details on one line: "role: Officer, reason: wrong password"; empty values are
    left out (a draft has no number yet: nothing to say)."""
    return ", ".join(
        f"{key_name(key)}: {detail_value(key, value)}"
        for key, value in details.items()
        if _shown(value)
    )


# Actions about a record: their target is a record id, shown as its number and title.
RECORD_ACTIONS = frozenset(
    {
        AuditAction.RECORD_CREATED,
        AuditAction.RECORD_CHANGED,
        AuditAction.RECORD_VIEWED,
        AuditAction.RECORD_COMPLETED,
        AuditAction.RECORD_APPROVED,
        AuditAction.RECORD_RETURNED,
        AuditAction.RECORD_AMENDED,
        AuditAction.RECORD_VOIDED,
        AuditAction.RECORD_PRINTED,
        AuditAction.RECORD_EXPORTED,
        AuditAction.RECORD_ACCEPTED,
        AuditAction.RECORD_ATTACHED,
        AuditAction.RECORD_DETACHED,
        AuditAction.ATTACHMENT_EXTRACTED,
    }
)


def record_label(number: str | None, title: str) -> str:
    """ "12/BB – Nguyễn Văn A" (a draft has no number yet: its title alone)."""
    return f"{number} \u2013 {title}" if number and title else (number or title)


def target_text(action: str, target: str, details: Mapping[str, object], records: Mapping) -> str:
    """What an entry is about, in words: a record's number and title, a report's period, a
    setting's name; `records` maps record ids to their labels (record_label)."""
    if action in RECORD_ACTIONS:
        return records.get(target) or target
    if action == AuditAction.SETTINGS_CHANGED:
        return value_name(target) or target
    if action in (
        AuditAction.REPORT_SAVED,
        AuditAction.REPORT_SUBMITTED,
        AuditAction.REPORT_PRINTED,
    ):
        period = details.get("period")
        return str(period) if period else target
    if action == AuditAction.PROFILE_CHANGED and target.startswith("profile:"):
        version = target.removeprefix("profile:")
        return fill_numbered(_tr(QT_TRANSLATE_NOOP("AuditDetails", "version %1")), version)
    return target
