"""What storage, lists and search get from a record: title, columns, search text, numbers."""

from __future__ import annotations

from datetime import date

import pytest

from domain.forms import (
    RecordFileInvalid,
    display_title,
    format_address,
    format_document_number,
    list_row,
    load_catalogue,
    parse_record_file,
    record_commune,
    record_event_date,
    redact_sensitive,
    search_entries,
)
from domain.validation import normalize_values
from domain.vietnamese import fold

CATALOGUE = load_catalogue()
F3_VALUES = normalize_values(
    CATALOGUE.get("F3"),
    {
        "record_time": "20/11/2026 22:40",
        "violator_type": "ca_nhan",
        "violator": {
            "full_name": "Nguyễn Văn Đức",
            "id_number": "001085012345",
            "phone": "0912345678",
            "ethnicity": "01",
            "current_address": {
                "street": "Số 7 ngõ 35 Giảng Võ",
                "province": "01",
                "commune": "00025",
            },
        },
        "violation_time": "20/11/2026 22:15",
        "violation_place": {"province": "01", "commune": "00025"},
        "act_description": "Hát karaoke gây ồn ào sau 22 giờ",
        "legal_provision": "Điểm a khoản 1 Điều 8 NĐ 282/2025/NĐ-CP",
        "seized_items": [{"name": "Loa kéo", "plate": "30a-123.45"}],
    },
)


@pytest.mark.parametrize(
    ("number", "text"), [(5, "05/BB-VPHC"), (12, "12/BB-VPHC"), (123, "123/BB-VPHC")]
)
def test_document_numbers_get_a_leading_zero_under_ten(number: int, text: str) -> None:
    """NĐ 30/2020: "Số: 05/BB-VPHC"."""
    assert format_document_number(number, "BB-VPHC") == text


def test_display_title_uses_the_template_with_alternatives() -> None:
    """`{violator.full_name|org_name}`: the person's name, or the organisation's."""
    form = CATALOGUE.get("F3")
    assert (
        display_title(form, F3_VALUES) == "Nguyễn Văn Đức: Điểm a khoản 1 Điều 8 NĐ 282/2025/NĐ-CP"
    )
    organisation = {"violator_type": "to_chuc", "org_name": "Công ty TNHH Ánh Dương"}
    assert display_title(form, organisation) == "Công ty TNHH Ánh Dương"


def test_display_title_shows_labels_and_falls_back_to_the_form() -> None:
    """Choices show their label, money "đồng"; an empty record shows the form's short title."""
    form = CATALOGUE.get("F4")
    values = {
        "sanctioned": {"full_name": "Trần Quốc Bảo"},
        "main_penalty": "phat_tien",
        "fine_amount": 750000,
    }
    assert display_title(form, values) == "Trần Quốc Bảo: Phạt tiền 750.000 đồng"
    assert display_title(form, {}) == "Quyết định XPHC"
    assert display_title(form, {}, lang="en") == "Sanction decision"


def test_list_row_masks_identity_numbers() -> None:
    """List columns show a person by name and never a full ID or phone number."""
    form = CATALOGUE.get("F3")
    row = list_row(form, F3_VALUES)
    assert row == {
        "record_time": "20/11/2026 22:40",
        "violator": "Nguyễn Văn Đức",
        "legal_provision": "Điểm a khoản 1 Điều 8 NĐ 282/2025/NĐ-CP",
    }
    assert form.field("violator.id_number").masked_in_lists


def test_search_entries_cover_names_ids_addresses_and_plates() -> None:
    """The search index gets each searchable value with its path; sensitive ones are marked."""
    entries = {e.path: e for e in search_entries(CATALOGUE.get("F3"), F3_VALUES)}
    assert entries["violator.full_name"].text == "Nguyễn Văn Đức"
    assert entries["violator.id_number"].text == "001085012345"
    assert entries["violator.current_address.commune"].text == "Phường Giảng Võ"
    assert entries["seized_items[0].plate"].text == "30A12345"
    assert entries["act_description"].sensitive and not entries["violator.full_name"].sensitive
    assert "violator.ethnicity" not in entries
    assert fold(entries["violator.full_name"].text) == fold("nguyen van duc")


def test_commune_and_event_date_for_filters_and_reports() -> None:
    """Lists filter by the record's commune; reports count it by the date of the event."""
    form = CATALOGUE.get("F3")
    assert record_commune(form, F3_VALUES) == "00025"
    assert record_event_date(form, F3_VALUES) == date(2026, 11, 20)
    f10 = CATALOGUE.get("F10")
    subject = {"subject": {"permanent_address": {"commune": "00004"}}, "period_from": "2026-07-01"}
    assert record_commune(f10, subject) == "00004"
    assert record_event_date(f10, subject) == date(2026, 7, 1)
    assert record_commune(CATALOGUE.get("F8"), {}) is None


def test_redaction_removes_every_sensitive_field() -> None:
    """Users without the permission get the record without ethnicity or criminal details."""
    form = CATALOGUE.get("F3")
    redacted = redact_sensitive(form, F3_VALUES)
    assert "act_description" not in redacted and "legal_provision" not in redacted
    assert "ethnicity" not in redacted["violator"]
    assert redacted["violator"]["full_name"] == "Nguyễn Văn Đức"


def test_addresses_read_as_one_line() -> None:
    """Street to province, or the legacy text, or the foreign address with its country."""
    assert format_address({"street": "Số 2 Đội Cấn", "province": "01", "commune": "00004"}) == (
        "Số 2 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội"
    )
    assert format_address({"legacy_text": "Xóm 3, xã Diễn Thành"}) == "Xóm 3, xã Diễn Thành"
    assert format_address({"country": "LA", "foreign_address": "Viêng Chăn"}) == "Viêng Chăn, Lào"


def _nested(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels):
        value = {"a": [value]}
    return value


def test_record_file_envelope() -> None:
    """`cax record new F3 --data FILE`: form and values required, note/expect ignored."""
    parsed = parse_record_file(
        {"form": "f3", "values": {"a": 1}, "note": "x", "expect": []}, form_id="F3"
    )
    assert (parsed.form_id, parsed.values) == ("F3", {"a": 1})
    assert parse_record_file({"form": "F3", "values": _nested(15)}).values == _nested(15)
    for document, reason in [
        ([], "not_an_object"),
        ({"values": {}}, "form_missing"),
        ({"form": "F3"}, "values_missing"),
        ({"form": "F3", "values": {}, "extra": 1}, "unknown_keys"),
        ({"form": "F3", "values": _nested(40)}, "too_deep"),
    ]:
        with pytest.raises(RecordFileInvalid) as caught:
            parse_record_file(document)
        assert caught.value.params["reason"] == reason
    with pytest.raises(RecordFileInvalid) as caught:
        parse_record_file({"form": "F4", "values": {}}, form_id="F3")
    assert caught.value.params["reason"] == "form_mismatch"
