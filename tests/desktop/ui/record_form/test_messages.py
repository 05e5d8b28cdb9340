"""Problem codes as sentences: every code has one, parameters are filled in, Vietnamese loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.ui.record_form.messages import describe_problem, format_limit, known_codes
from desktop.ui.record_work import shared_catalogue
from domain.validation.codes import ALL_CODES, Code, Severity
from domain.validation.problems import Problem, problem

FRAGMENT = Path(__file__).resolve().parents[4] / "resources/translations/cax_vi.ts"

SAMPLE_PARAMS = {
    "expected": "text",
    "min_length": 20,
    "max_length": 300,
    "min": 1500000,
    "max": "2026-03-05",
    "value": "xyz",
    "min_items": 1,
    "max_items": 10,
    "fields": ["permanent_address", "temporary_address"],
    "other": "incident_time",
    "max_days": 30,
    "prefix": "999",
    "old": "01662345678",
    "new": "0362345678",
    "series": "NG",
    "commune": "00004",
    "province": "79",
    "rule": "crime_report_transfer_hours",
    "entry": "nd282.8.1.a",
    "day": "2025-12-10",
    "number": "05/HS-GS",
    "form": "F10",
}


def test_every_validation_code_has_a_sentence():
    """No code of codes.py falls back to the generic sentence."""
    assert known_codes() | {Code.RANGE_TOO_LONG} == ALL_CODES


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_parameters_are_filled_in(qapp, code):
    """Each sentence comes out with its %1, %2 replaced by readable values."""
    catalogue = shared_catalogue()
    text = describe_problem(
        problem("incident_time", Code(code), **SAMPLE_PARAMS),
        catalogue.get("F1"),
        language="en",
        rules=catalogue.rules.values(),
    )
    assert text and "%" not in text


def test_readable_parameters(qapp):
    """Labels for paths, names for codes, dd/mm/yyyy and 1.500.000 for limits."""
    catalogue = shared_catalogue()
    form = catalogue.get("F1")
    rules = catalogue.rules.values()

    def say(code, **params):
        return describe_problem(
            problem("received_at", code, **params), form, language="en", rules=rules
        )

    assert (
        say(Code.RANGE_ORDER, other="incident_time")
        == "Must not be before \u201cTime of incident\u201d."
    )
    assert say(Code.BELOW_MIN, min=1_500_000) == "Must not be less than 1.500.000."
    assert say(Code.ABOVE_MAX, max="2026-03-05") == "Must not be more than 05/03/2026."
    assert say(Code.TRANSFER_OVERDUE, rule="crime_report_transfer_hours") == (
        "Not transferred within 24 hours of receipt."
    )
    assert say(Code.COMMUNE_NOT_IN_PROVINCE, commune="00004", province="79") == (
        "Phường Ba Đình is not in Thành phố Hồ Chí Minh."
    )
    assert say(Code.ID_SEX_MISMATCH, expected="nu").startswith("The ID number is that of a woman")
    assert format_limit(0.001) == "0,001"


def test_a_partial_date_gets_its_own_hint(qapp):
    """A wrong date of birth says the year alone would do."""
    form = shared_catalogue().get("F1")
    text = describe_problem(
        Problem("reporter.date_of_birth", Severity.ERROR, Code.DATE_INVALID), form, language="en"
    )
    assert "year alone" in text


@pytest.mark.skipif(
    shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) is None,
    reason="no lrelease",
)
def test_vietnamese_sentences_load_from_the_translation(qapp, tmp_path):
    """The Vietnamese catalogue of these strings compiles and is used once installed."""
    tool = Path(sys.executable).parent / "pyside6-lrelease"
    qm = tmp_path / "records_vi.qm"
    subprocess.run([str(tool), str(FRAGMENT), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        text = describe_problem(problem("reporter.id_number", Code.ID_FORMAT), language="vi")
        assert text == "Số định danh cá nhân phải có đúng 12 chữ số."
    finally:
        QCoreApplication.removeTranslator(translator)
