"""Record statuses and review decisions are spelled once, in their enums: code compares with
`RecordStatus.VOIDED`, never with "voided", and SQL takes the enum's value through an f-string, so
renaming or adding a status cannot leave a comparison behind that silently never matches."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from domain.records import RecordStatus
from protocol.messages import ReviewDecision

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("desktop", "domain", "protocol", "server")
# The centre's own statuses (server.models.CentreStatus) add "submitted" and "deleted", which also
# name protocol fields, audit keys and refusal reasons everywhere; they are left to review.
WORDS = frozenset(str(s) for s in RecordStatus) | frozenset(str(d) for d in ReviewDecision)
SQL_WORD = re.compile(r"'(" + "|".join(sorted(WORDS)) + r")'")

# Migrations spell the schema and data as they were when written: they must not follow the enum.
SKIPPED_FOLDERS = ("desktop/storage/migrations/", "server/migrations/")

# (file, literal) pairs that are not statuses, each with its reason.
NOT_STATUSES = {
    # An autosave's audit entry says {"draft": true}: a key of the audit details, stored in the
    # hash-chained log, not the record's status.
    ("desktop/storage/records.py", "draft"),
    # A printout's audit entry says whether the page carried the DRAFT watermark.
    ("desktop/storage/printouts.py", "draft"),
    ("desktop/cli/print_command.py", "draft"),
    # The audit page's label for that same "draft" detail key.
    ("desktop/ui/audit_details.py", "draft"),
}


def _is_enum(node: ast.ClassDef) -> bool:
    names = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
    return any(name.endswith("Enum") for name in names)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def status_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every status word written as a string, or quoted inside SQL text,
    outside the body of an enum class and outside docstrings."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and _is_enum(node):
            skipped.update(id(inner) for inner in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in skipped:
            continue
        if node.value in WORDS:
            found.append((node.lineno, node.value))
        else:
            found.extend((node.lineno, m.group(1)) for m in SQL_WORD.finditer(node.value))
    return found


def test_no_status_literal_outside_the_enums():
    """Every status word in the code is an enum member (migrations and named keys aside)."""
    wrong = []
    checked = 0
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(SKIPPED_FOLDERS):
                continue
            checked += 1
            for line, word in status_literals(path.read_text(encoding="utf-8")):
                if (relative, word) not in NOT_STATUSES:
                    wrong.append(f"{relative}:{line} spells {word!r}")
    assert checked > 100
    assert wrong == []


def test_the_check_sees_literals_and_sql_but_not_enums():
    """A comparison with "voided" and SQL text saying 'draft' are found; the enum's own members,
    an f-string taking the enum's value, and a docstring mentioning drafts are not."""
    source = '''
"""Drafts and "voided" records, in a docstring."""
class RecordStatus(StrEnum):
    VOIDED = "voided"
def f(status):
    sql = f"SELECT 1 WHERE status != '{RecordStatus.VOIDED}'"
    if status == "voided":
        return "SELECT * FROM records WHERE status = 'draft'"
'''
    assert status_literals(source) == [(7, "voided"), (8, "draft")]
