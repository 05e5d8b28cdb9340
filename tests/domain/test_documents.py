"""Records as official documents (pure Python): header, date, title, body, signatures, escaping."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from domain.documents import (
    IssuingBody,
    RecordFacts,
    build_document,
    document_date,
    parse_qr_payload,
    place_and_date,
    qr_payload,
    short_hash,
)
from domain.forms import load_catalogue
from domain.validation import check_record

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
CATALOGUE = load_catalogue()
STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")
HASH = "ab" * 32
RECORD_ID = "01937a2b-3c4d-7e5f-8a6b-7c8d9e0f1a2b"


def stored_values(form_id: str) -> dict:
    raw = json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]
    form = CATALOGUE.get(form_id)
    return check_record(form, raw, today=date(2026, 11, 28), now=datetime(2026, 11, 28, 9)).values


def facts(form_id: str, *, status: str = "approved", values: dict | None = None) -> RecordFacts:
    form = CATALOGUE.get(form_id)
    return RecordFacts(
        record_id=RECORD_ID,
        form_id=form_id,
        revision=2,
        status=status,
        values=values if values is not None else stored_values(form_id),
        content_hash=HASH,
        number=f"05/{form.numbering}" if form.numbering and status != "draft" else None,
        created_at="2026-11-28T09:30:00+07:00",
        author_name="Trần Thị Lan",
    )


def test_document_dates_follow_decree_30():
    """Days under 10 and the months 1 and 2 take a leading zero; the place comes first."""
    assert document_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert document_date(date(2026, 2, 1)) == "ngày 01 tháng 02 năm 2026"
    assert document_date(date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"
    assert place_and_date("Ba Đình", date(2026, 3, 5)) == "Ba Đình, ngày 05 tháng 3 năm 2026"
    assert place_and_date("", date(2026, 3, 5)) == "Ngày 05 tháng 3 năm 2026"


def test_issuing_body_comes_from_the_station_commune():
    """The station code is its commune: the supervising provincial police and the place follow."""
    assert STATION.supervising_line == "CÔNG AN THÀNH PHỐ HÀ NỘI"
    assert STATION.unit_line == "CÔNG AN PHƯỜNG BA ĐÌNH"
    assert STATION.place == "Ba Đình"
    unknown = IssuingBody.from_station("Công an xã Thử", "TEST1")
    assert unknown.supervising_line == "" and unknown.unit_line == "CÔNG AN XÃ THỬ"


@pytest.mark.parametrize("form_id", [form.id for form in CATALOGUE])
def test_every_form_prints_header_title_and_signatures(form_id):
    """Each form's document has the national title, motto, number, place/date and signatures."""
    form = CATALOGUE.get(form_id)
    document = build_document(form, facts(form_id), STATION, rules=CATALOGUE.rules)
    html = document.html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "CÔNG AN THÀNH PHỐ HÀ NỘI" in html and "CÔNG AN PHƯỜNG BA ĐÌNH" in html
    assert "Ba Đình, ngày " in html
    if form.numbering:
        assert f"Số: 05/{form.numbering}" in html
    assert "(Ký, ghi rõ họ" in html
    assert document.watermark is None
    assert document.footer_text == (
        f"Mã bản ghi: {RECORD_ID} · Lần sửa: 2 · Mã kiểm tra: {HASH[:12]}"
    )
    assert parse_qr_payload(document.qr_payload).content_hash == HASH


def test_violation_record_reads_as_the_official_minutes():
    """F3: type and summary, the date of the record, people and signers by name, seized items."""
    document = build_document(CATALOGUE.get("F3"), facts("F3"), STATION)
    html = document.html
    assert "<b>BIÊN BẢN VI PHẠM HÀNH CHÍNH</b>" in html
    assert "Ba Đình, ngày 20 tháng 11 năm 2026" in html  # record_time, not the printing day
    assert "<b>Trần Quốc Bảo</b>" in html
    assert "22 giờ 40 phút, ngày 20/11/2026" in html
    assert "NGƯỜI LẬP BIÊN BẢN" in html and "<b>Đại úy Hoàng Văn Nam</b>" in html
    assert "NGƯỜI CHỨNG KIẾN" in html and "<b>Đỗ Thị Mai</b>" in html
    assert '%">Tên tang vật, phương tiện' in html and "Loa thùng kéo di động hiệu Acnos" in html
    assert "Người vi phạm đã ký" not in html  # the signature blocks say that on paper
    assert document.title == "05/BB-VPHC – Biên bản vi phạm hành chính"


def test_decision_has_signer_marks_recipients_rights_and_fine_in_words():
    """F4: the signer's authority mark, "Nơi nhận", the rights boilerplate, the fine in words."""
    values = {
        **stored_values("F4"),
        "signing_form": "kt",
        "issuer_position": "pho_truong_cong_an_xa",
    }
    html = build_document(CATALOGUE.get("F4"), facts("F4", values=values), STATION).html
    assert "<b>KT. TRƯỞNG CÔNG AN</b><br><b>PHƯỜNG BA ĐÌNH</b><br><b>PHÓ TRƯỞNG CÔNG AN</b>" in html
    assert "Nơi nhận:" in html
    assert "có quyền khiếu nại, khởi kiện" in html
    assert "Bảy trăm năm mươi nghìn đồng" in html
    assert html.count("Bằng chữ") == 0  # the form spells its fine itself; frames need no words


def test_money_gets_words_where_the_form_does_not_spell_it():
    """F2's property damage is written in figures and in words, as its template says."""
    values = {**stored_values("F2"), "property_damage": 1_500_000}
    html = build_document(CATALOGUE.get("F2"), facts("F2", values=values), STATION).html
    assert "1.500.000 đồng (bằng chữ: Một triệu năm trăm nghìn đồng)" in html


def test_values_are_escaped():
    """Typed text never becomes markup: angle brackets and ampersands print as typed."""
    values = {**stored_values("F3"), "act_description": "<img src=x> & <b>đậm</b>"}
    html = build_document(CATALOGUE.get("F3"), facts("F3", values=values), STATION).html
    assert "&lt;img src=x&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in html
    assert "<img" not in html


def test_unapproved_records_are_drafts_and_voided_ones_say_so():
    """Draft and completed print as DỰ THẢO (a draft without its number), voided as ĐÃ HỦY."""
    form = CATALOGUE.get("F3")
    draft = build_document(form, facts("F3", status="draft"), STATION)
    assert draft.watermark == "DỰ THẢO" and "Số: ……/BB-VPHC" in draft.html
    assert build_document(form, facts("F3", status="completed"), STATION).watermark == "DỰ THẢO"
    assert build_document(form, facts("F3", status="voided"), STATION).watermark == "ĐÃ HỦY"


def test_qr_payload_round_trips_and_refuses_strangers():
    """The QR text gives back id, revision and hash; anything else is not ours."""
    payload = qr_payload(RECORD_ID, 3, HASH)
    assert payload == f"CAX:1:{RECORD_ID.upper()}:3:{HASH.upper()}"
    check = parse_qr_payload(payload)
    assert (check.record_id, check.revision, check.content_hash) == (RECORD_ID, 3, HASH)
    assert parse_qr_payload("https://example.org") is None
    assert short_hash(HASH.upper()) == HASH[:12]


def test_a_form_without_a_template_still_prints():
    """A province's own form (no template file) prints its title as the type, its filled-in
    fields as lines, and the author signs."""
    from dataclasses import replace

    form = replace(CATALOGUE.get("F8"), id="HN-F11", title=CATALOGUE.get("F8").title)
    document = build_document(form, facts("F8"), STATION)
    assert "NHẬT KÝ TUẦN TRA, KIỂM SOÁT" in document.html
    assert "NGƯỜI LẬP" in document.html and "<b>Trần Thị Lan</b>" in document.html
    assert "Địa bàn, tuyến tuần tra: Tổ dân phố 5, 6, 7" in document.html
    assert "Chỉ huy đã xác nhận" not in document.html  # a check box prints nowhere


def test_group_tables_share_the_width_as_the_template_weighs_it():
    """A table's columns get the template's weights as per cents of what STT leaves."""
    html = build_document(CATALOGUE.get("F5"), facts("F5"), STATION).html
    guests = html.split("<thead>")[1].split("</thead>")[0]
    found = re.findall(r'<th width="(\d+)%">([^<]+)</th>', guests)
    by_title = {title: int(width) for width, title in found}
    assert 90 <= sum(by_title.values()) <= 96  # the rest is the STT column
    assert by_title["Họ, chữ đệm và tên"] > by_title["Giới tính"]


def test_a_signature_is_dropped_only_when_optional_and_unnamed():
    """F2 without a reporter keeps only the duty officer (alone, on the right)."""
    values = {k: v for k, v in stored_values("F2").items() if k != "reporter"}
    html = build_document(CATALOGUE.get("F2"), facts("F2", values=values), STATION).html
    assert "NGƯỜI BÁO TIN" not in html and "TRỰC BAN" in html
    assert (
        '<td width="50%" valign="top"></td><td width="50%" valign="top"><p align="center"' in html
    )


@pytest.mark.parametrize("form_id", ["F3", "F4"])
def test_the_provision_prints_as_its_citation_never_the_catalogue_id(form_id):
    """The legal catalogue id is internal: paper shows the citation worked out from it."""
    html = build_document(CATALOGUE.get(form_id), facts(form_id), STATION).html
    assert "Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP" in html
    assert "nd282" not in html and "danh mục" not in html


def test_attached_files_are_listed_escaped_before_the_signatures():
    """ "Tài liệu kèm theo: 1. …; 2. …" only when the record has files; names are escaped."""
    plain = build_document(CATALOGUE.get("F3"), facts("F3"), STATION).html
    assert "Tài liệu kèm theo" not in plain
    named = replace(facts("F3"), attachments=("ảnh <1>.jpg", "biên bản & ký.pdf"))
    html = build_document(CATALOGUE.get("F3"), named, STATION).html
    assert "Tài liệu kèm theo:</b> 1. ảnh &lt;1&gt;.jpg; 2. biên bản &amp; ký.pdf." in html
    assert "<1>" not in html
    assert html.index("Tài liệu kèm theo") < html.index("NGƯỜI")
