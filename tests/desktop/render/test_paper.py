"""What reaches paper: the ten example records through `desktop.render.write_pdf`, read back with
pypdf — no internal codes, hints or check boxes, the template's proper reference, signature
blocks with their names and never alone on a page."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest

from desktop.render import write_pdf
from domain.documents import IssuingBody, RecordFacts, build_document
from domain.documents.wording import paper_label
from domain.forms import FieldType, load_catalogue
from domain.validation import check_record

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"
CATALOGUE = load_catalogue()
FORMS = [form.id for form in CATALOGUE]
STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")

# Internal markers the forms carry for data entry, which must never be printed.
INTERNAL = (
    "(MQĐ",  # a choice naming the template it selects
    "(mục",  # a section pointing at the prescribed form's items
    "(mẫu",
    "ND118",  # the catalogue's template marker
    "ND190",
    "TT119-2021",
    "TT66-2023",
    "(họ tên",  # hints in labels
    "(điểm, khoản",
    "(ví dụ",
    "(Kho bạc",
    "(TT 129",
    "(Luật Cư trú",
    "Loại quyết định",
)


def example_facts(form_id: str) -> RecordFacts:
    raw = json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]
    form = CATALOGUE.get(form_id)
    values = check_record(form, raw, today=date(2026, 11, 28), now=datetime(2026, 11, 28, 9)).values
    return RecordFacts(
        record_id=f"01900000-0000-7000-8000-0000000000{int(form_id[1:]):02d}",
        form_id=form_id,
        revision=1,
        status="approved",
        values=values,
        content_hash="ab" * 32,
        number=f"05/{form.numbering}" if form.numbering else None,
        created_at="2026-11-28T09:30:00+07:00",
        author_name="Trần Thị Lan",
    )


def flat(text: str) -> str:
    """One line of text as a reader sees it (pypdf breaks lines and splits styled runs)."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture(scope="module")
def printed(qapp, tmp_path_factory) -> dict[str, list[str]]:
    """Each form's example as a PDF through write_pdf: its pages' text, by form id."""
    folder = tmp_path_factory.mktemp("paper")
    pages: dict[str, list[str]] = {}
    for form_id in FORMS:
        document = build_document(CATALOGUE.get(form_id), example_facts(form_id), STATION)
        target = folder / f"{form_id}.pdf"
        count = write_pdf(document, target)
        reader = pypdf.PdfReader(str(target))
        assert count == len(reader.pages)
        pages[form_id] = [flat(page.extract_text()) for page in reader.pages]
    return pages


@pytest.mark.parametrize("form_id", FORMS)
def test_no_internal_marker_reaches_paper(printed, form_id):
    """No template marker, item pointer, code in brackets or label hint on any page."""
    text = " ".join(printed[form_id])
    assert [marker for marker in INTERNAL if marker in text] == []


@pytest.mark.parametrize("form_id", FORMS)
def test_check_boxes_are_sentences_or_nothing(printed, form_id):
    """A yes/no field outside a table never prints as "Label: Có / Không"."""
    text = " ".join(printed[form_id])
    form = CATALOGUE.get(form_id)
    boxes = [
        paper_label(f.label.get("vi"))[0]
        for path, f in form.walk()
        if f.type is FieldType.YES_NO and "[]" not in path
    ]
    assert boxes  # every form has some, so the check below can fail
    printed_as_boxes = [
        label for label in boxes if f"{label}: Có" in text or f"{label}: Không" in text
    ]
    assert printed_as_boxes == []


def test_flags_worth_saying_are_sentences(printed):
    """The minutes say where they were made; a crime report's estimated time says so."""
    assert "Biên bản được lập tại nơi xảy ra vi phạm." in " ".join(printed["F3"])
    assert "Lập tại nơi xảy ra vi phạm" not in " ".join(printed["F3"])
    assert "là thời gian ước đoán." in " ".join(printed["F1"])
    assert "Thông báo muộn" not in " ".join(printed["F5"])


def test_templates_print_their_proper_reference(printed):
    """Top right of page 1, as the prescribed forms do it; the decision's by its kind."""
    assert printed["F3"][0].startswith("Mẫu MBB01 ")
    assert printed["F4"][0].startswith("Mẫu MQĐ02 ")
    assert printed["F6"][0].startswith("Mẫu CT03 ")
    assert printed["F1"][0].startswith("Mẫu số 01 ")
    assert not printed["F2"][0].startswith("Mẫu")  # no prescribed template: nothing printed


def test_labels_lose_their_hints_and_keep_their_units(printed):
    """ "Người ra quyết định (họ tên)" prints as "Người ra quyết định"; a unit goes after the
    number; "Khung tiền phạt: từ" reads as a phrase; table headers are labels only."""
    decision = " ".join(printed["F4"])
    assert "Người ra quyết định: Nguyễn Văn Trưởng" in decision
    assert "Thời hạn thi hành: 10 ngày" in decision
    assert "Khung tiền phạt: từ 500.000 đồng đến 1.000.000 đồng" in decision
    assert "Số tiền phạt bằng chữ: Bảy trăm năm mươi nghìn đồng" in decision
    assert "Lý do không có giấy tờ" in " ".join(printed["F5"])
    assert "1. Người khai báo 2. Tạm vắng" not in " ".join(printed["F6"])
    assert "2. Tạm vắng Tạm vắng từ ngày" in " ".join(printed["F6"])


def test_the_decision_is_signed_by_the_head_of_the_station_with_his_name(printed):
    """F4's block: the title naming the station, the seal note, room to sign, the name."""
    last = printed["F4"][-1]
    block = re.search(
        r"TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH \(Ký, ghi rõ họ tên, đóng dấu\) Nguyễn Văn Trưởng", last
    )
    assert block is not None, last


# The name closing each form's last signature block, as the examples give it.
LAST_SIGNER = {
    "F1": "Thượng úy Trần Thị Lan",
    "F2": "Trung úy Vũ Quang Minh",
    "F3": "Đỗ Thị Mai",
    "F4": "Nguyễn Văn Trưởng",
    "F5": "Trần Thị Lan",
    "F6": "Trung tá Nguyễn Văn Trưởng",
    "F7": "Nguyễn Thị Thu",
    "F8": "Thiếu tá Đỗ Văn Hùng",
    "F9": "Thượng úy Trần Thị Lan",
    "F10": "(Ký, ghi rõ họ tên, đóng dấu)",  # the station's head signs by hand, name and all
}


@pytest.mark.parametrize("form_id", FORMS)
def test_signatures_are_never_alone_on_a_page(printed, form_id):
    """The page holding the signature blocks also holds lines of the document before them."""
    last = printed[form_id][-1]
    first_block = last.index("(Ký, ghi rõ họ tên")
    before = last[:first_block].split()
    if len(printed[form_id]) > 1:
        before = before[1:]  # the page number
    assert len(before) >= 8, last  # the blocks' own titles are a few words at most
    assert LAST_SIGNER[form_id] in last[first_block:]
