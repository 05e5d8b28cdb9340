"""What reaches paper, template by template: each document filled from its example record
(docs/examples) through `desktop.render.write_pdf` and read back with pypdf — the template's
fixed wording in order with the blanks filled, nothing internal, signatures never alone."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest

from desktop.render import write_pdf
from domain.documents import IssuingBody, RecordFacts, build_document, documents_for
from domain.documents.templates import templates_for
from domain.documents.wording import paper_label
from domain.forms import FieldType, load_catalogue
from domain.reports.builder import PeriodData, build_content
from domain.reports.document import ReportFacts, report_document
from domain.reports.periods import parse_period
from domain.validation import check_record
from domain.vietnamese import format_money

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"
CATALOGUE = load_catalogue()
STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")

# Every template file as (form, document): F1's two papers, F4's decision (its example has a
# record, so MQĐ02; MQĐ01 is printed below with the kind changed).
DOCUMENTS = [
    (form.id, name, template.id)
    for form in CATALOGUE
    for name, _ in documents_for(form)
    for template in templates_for(form)
    if template.document == name and template.id != "MQD01"
]

# Internal markers and data-entry wording that must never be printed.
FORBIDDEN = (
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
    "(F1)",
    "(F3)",
    "(F9)",
    "Loại quyết định",
    "Lập tại nơi xảy ra vi phạm",
    "Thông báo muộn",
    "Đã cập nhật CSDL",
    "True",
    "False",
    "None",
    "{",
    "}",
)

# Per template: its fixed wording and the blanks filled from the example, in reading order.
PHRASES = {
    "TT119-M01": [
        "Mẫu số 01",
        "Số: 05/BB-TNNT",
        "Ba Đình, ngày 21 tháng 11 năm 2026",
        "BIÊN BẢN",
        "Tiếp nhận nguồn tin về tội phạm",
        "Hồi 08 giờ 45 phút, ngày 21/11/2026, tại Trụ sở Công an phường Ba Đình",
        "Tôi: Thượng úy Trần Thị Lan",
        "tiến hành lập biên bản tiếp nhận nguồn tin về tội phạm.",
        "Hình thức tiếp nhận: trực tiếp. Loại nguồn tin: tố giác.",
        "Người tố giác, báo tin: ông (bà) Nguyễn Văn Đức. Giới tính: Nam.",
        "Số định danh cá nhân/CMND/hộ chiếu: 001085012345.",
        "tổ dân phố 7, phường Ba Đình, thành phố Hà Nội",
        "Nội dung tố giác, tin báo về tội phạm:",
        "anh Đức để xe máy Honda Wave",
        "Thời gian xảy ra vụ việc nêu trên là thời gian ước đoán.",
        "Người bị hại:",
        "thiệt hại ước tính: 18.500.000 đồng.",
        "USB chứa đoạn ghi hình camera",
        "Biên bản lập xong hồi",
        "đã đọc lại cho người tố giác, báo tin nghe, công nhận đúng và cùng ký tên dưới đây.",
        "NGƯỜI TỐ GIÁC, BÁO TIN",
        "Nguyễn Văn Đức",
        "NGƯỜI TIẾP NHẬN",
        "Thượng úy Trần Thị Lan",
    ],
    "TT119-M03": [
        "Mẫu số 03",
        "Số: 12/PC",
        "Ba Đình, ngày 21 tháng 11 năm 2026",
        "PHIẾU CHUYỂN",
        "Nguồn tin về tội phạm",
        "Kính gửi: Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội",
        "Căn cứ Điều 145 và Điều 146 Bộ luật Tố tụng hình sự;",
        "Công an phường Ba Đình chuyển nguồn tin về tội phạm",
        "1. Nguồn tin: tố giác của ông (bà) Nguyễn Văn Đức, tiếp nhận hồi 08 giờ 45 phút",
        "2. Tóm tắt nội dung:",
        "3. Phân loại sơ bộ: có dấu hiệu tội phạm.",
        "4. Kết quả kiểm tra, xác minh sơ bộ: Đã xác minh camera",
        "5. Tài liệu, đồ vật chuyển kèm theo:",
        "Thời điểm chuyển: 15 giờ 00 phút, ngày 21/11/2026. Người nhận: Đại úy Phạm Minh Hoàng",
        "Nơi nhận:",
        "TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH",
        "(Ký, ghi rõ họ tên, đóng dấu)",
    ],
    "F2": [
        "TRÍCH SỔ THEO DÕI VỤ VIỆC",
        "Về an ninh, trật tự",
        "Hồi 21 giờ 05 phút, ngày 22/11/2026, Công an phường Ba Đình nhận tin",
        "qua hình thức: điện thoại.",
        "Người báo tin: ông (bà) Phạm Thị Thu Hà",
        "Loại vụ việc: trật tự công cộng; mức độ: thông thường.",
        "Diễn biến vụ việc:",
        "Lực lượng xử lý, biện pháp đã áp dụng:",
        "Kết quả, hướng xử lý: kết thúc.",
        "NGƯỜI BÁO TIN",
        "CÁN BỘ TRỰC BAN",
        "Trung úy Vũ Quang Minh",
    ],
    "MBB01": [
        "Mẫu MBB01",
        "Số: 05/BB-VPHC",
        "Ba Đình, ngày 20 tháng 11 năm 2026",
        "BIÊN BẢN VI PHẠM HÀNH CHÍNH",
        "Hôm nay, hồi 22 giờ 40 phút, ngày 20/11/2026, tại số 7 ngõ 35 phố Quán Thánh, phường Ba Đình.",
        "Căn cứ: Kết quả kiểm tra của tổ công tác",
        "Chúng tôi gồm:",
        "1. Người có thẩm quyền lập biên bản: Đại úy Hoàng Văn Nam",
        "2. Với sự chứng kiến của:",
        "Người chứng kiến: ông (bà) Đỗ Thị Mai",
        "Tiến hành lập biên bản vi phạm hành chính đối với ông (bà) có tên sau đây:",
        "1. Họ và tên: Trần Quốc Bảo. Giới tính: Nam.",
        "Ngày, tháng, năm sinh: 05/09/2001. Quốc tịch: Việt Nam.",
        "Nơi ở hiện tại: số 7 ngõ 35 phố Quán Thánh, phường Ba Đình, thành phố Hà Nội.",
        "Số định danh cá nhân/CMND/hộ chiếu: 038201003214",
        "2. Đã có hành vi vi phạm hành chính: {act_description:30}",
        "3. Quy định tại: {legal_provision}.",
        "4. Cá nhân, tổ chức bị thiệt hại: không.",
        "5. Ý kiến trình bày của cá nhân vi phạm hoặc người đại diện của tổ chức vi phạm:",
        "6. Ý kiến trình bày của đại diện chính quyền, người chứng kiến",
        "Chúng tôi đã yêu cầu Trần Quốc Bảo chấm dứt ngay hành vi vi phạm.",
        "7. Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính được áp dụng, gồm: "
        "tạm giữ tang vật",
        "8. Tạm giữ tang vật, phương tiện, giấy phép, chứng chỉ hành nghề sau đây",
        "Loa thùng kéo di động hiệu Acnos",
        "chúng tôi không tạm giữ thêm thứ gì khác.",
        "9. Quyền và thời hạn giải trình: vi phạm hành chính nêu trên không thuộc trường hợp "
        "được giải trình.",
        "Yêu cầu Trần Quốc Bảo có mặt vào hồi 09 giờ 00 phút, ngày 21/11/2026",
        "Biên bản lập xong hồi",
        "gồm …… tờ, được lập thành 02 bản có nội dung và giá trị như nhau; đã đọc lại",
        "CÁ NHÂN VI PHẠM HOẶC ĐẠI DIỆN TỔ CHỨC VI PHẠM",
        "Trần Quốc Bảo",
        "NGƯỜI LẬP BIÊN BẢN",
        "Đại úy Hoàng Văn Nam",
        "NGƯỜI CHỨNG KIẾN",
        "Đỗ Thị Mai",
    ],
    "MQD02": [
        "Mẫu MQĐ02",
        "Số: 05/QĐ-XPHC",
        "Ba Đình, ngày 21 tháng 11 năm 2026",
        "QUYẾT ĐỊNH",
        "Xử phạt vi phạm hành chính",
        "Căn cứ Điều 57, Điều 68, Điều 70, Điều 78 và Điều 85 Luật Xử lý vi phạm hành chính",
        "Căn cứ {legal_provision:lower};",
        "Căn cứ Nghị định số 189/2025/NĐ-CP",
        "Căn cứ Biên bản vi phạm hành chính số 05/BB-VPHC lập ngày 20/11/2026;",
        "Tôi: Nguyễn Văn Trưởng; cấp bậc: Trung tá; chức vụ: Trưởng Công an cấp xã; đơn vị: "
        "Công an phường Ba Đình.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Xử phạt vi phạm hành chính đối với ông (bà) có tên sau đây:",
        "1. Họ và tên: Trần Quốc Bảo.",
        "2. Đã thực hiện hành vi vi phạm hành chính: {act_description:30}",
        "3. Quy định tại: {legal_provision}.",
        "giảm nhẹ: tự nguyện khai báo, thành thật hối lỗi.",
        "5. Bị áp dụng hình thức xử phạt, biện pháp khắc phục hậu quả như sau:",
        "a) Hình thức xử phạt chính: phạt tiền với mức phạt là {fine_amount} (bằng chữ: "
        "{fine_in_words}).",
        "b) Hình thức xử phạt bổ sung: không.",
        "c) Biện pháp khắc phục hậu quả: không.",
        "Điều 2. Trần Quốc Bảo phải nghiêm chỉnh chấp hành Quyết định xử phạt này trong thời hạn "
        "10 ngày",
        "được nộp tại Kho bạc Nhà nước khu vực I",
        "bị cưỡng chế thi hành theo quy định của pháp luật.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày 21 tháng 11 năm 2026.",
        "hình thức giao: giao trực tiếp; ngày giao: 21/11/2026.",
        "có quyền khiếu nại, khởi kiện đối với Quyết định này",
        "Nơi nhận:",
        "- Như Điều 3;",
        "TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH (Ký, ghi rõ họ tên, đóng dấu)",
        "Nguyễn Văn Trưởng",
    ],
    "F5": [
        "PHIẾU TIẾP NHẬN",
        "Thông báo lưu trú",
        "Hồi 19 giờ 20 phút, ngày 23/11/2026, Công an phường Ba Đình tiếp nhận thông báo lưu trú",
        "Người thông báo: ông (bà) Lê Thị Hương, chủ hộ",
        "Địa chỉ lưu trú: số 25 phố Quán Thánh, phường Ba Đình, thành phố Hà Nội.",
        "Thời gian lưu trú: từ ngày 23/11/2026 đến ngày 30/11/2026",
        "Danh sách người lưu trú:",
        "Lê Thị Ngọc Ánh",
        "Hồ Minh Khang",
        "NGƯỜI THÔNG BÁO",
        "CÁN BỘ TIẾP NHẬN",
        "Trần Thị Lan",
    ],
    "CT03": [
        "Mẫu CT03",
        "Số: 05/TV",
        "PHIẾU KHAI BÁO TẠM VẮNG",
        "1. Họ, chữ đệm và tên: PHAN VĂN THẮNG",
        "2. Ngày, tháng, năm sinh: 17/07/1994",
        "3. Giới tính: Nam",
        "4. Số định danh cá nhân/CMND: 036094005678",
        "5. Nơi thường trú: số 12 ngõ 5 phố Hàng Bún, phường Ba Đình, thành phố Hà Nội",
        "6. Nơi tạm trú:",
        "7. Nơi ở hiện tại:",
        "8. Tạm vắng từ ngày, tháng, năm: 25/11/2026 đến ngày, tháng, năm: 10/12/2026",
        "9. Lý do tạm vắng: Đi làm thời vụ",
        "Địa chỉ nơi đến: số 88 đường Võ Văn Ngân, phường Thủ Đức, thành phố Hồ Chí Minh",
        "CÁN BỘ TIẾP NHẬN",
        "THỦ TRƯỞNG CƠ QUAN ĐĂNG KÝ CƯ TRÚ",
        "Trung tá Nguyễn Văn Trưởng",
    ],
    "F7": [
        "Số: 05/BB-TNVK",
        "Tiếp nhận vũ khí, vật liệu nổ, công cụ hỗ trợ",
        "Hôm nay, hồi 09 giờ 30 phút, ngày 18/11/2026",
        "Hình thức tiếp nhận: tự nguyện giao nộp.",
        "1. Bên tiếp nhận (Công an phường Ba Đình):",
        "Đồng chí Đỗ Văn Hùng; cấp bậc: Thiếu tá",
        "2. Bên giao nộp: ông (bà) Vũ Đình Toàn",
        "3. Người chứng kiến:",
        "Súng kíp tự chế",
        "Biên bản lập xong hồi",
        "BÊN GIAO NỘP",
        "BÊN TIẾP NHẬN",
        "NGƯỜI CHỨNG KIẾN",
        "Nguyễn Thị Thu",
    ],
    "F8": [
        "NHẬT KÝ",
        "Tuần tra, kiểm soát",
        "Ca tuần tra từ 22 giờ 00 phút, ngày 21/11/2026 đến 02 giờ 00 phút, ngày 22/11/2026.",
        "Chỉ huy tổ tuần tra: Thiếu tá Đỗ Văn Hùng.",
        "Thành phần tổ tuần tra:",
        "Kết quả: kiểm tra 6 trường hợp; phát hiện 1 trường hợp vi phạm; lập 1 biên bản; tạm giữ "
        "0 trường hợp.",
        "Bàn giao ca cho:",
        "CHỈ HUY TỔ TUẦN TRA",
        "Thiếu tá Đỗ Văn Hùng",
    ],
    "F9": [
        "Số: 05/BB-HG",
        "Hòa giải mâu thuẫn, tranh chấp",
        "Hôm nay, hồi 14 giờ 00 phút, ngày 19/11/2026, tại Nhà văn hóa tổ dân phố 9",
        "Căn cứ tiến hành hòa giải: theo yêu cầu của một hoặc các bên.",
        "1. Người chủ trì, tham gia hòa giải:",
        "Bà Lý Thị Nga, hòa giải viên.",
        "2. Các bên:",
        "1. Ông (bà) Ngô Văn Bình",
        "2. Ông (bà) Đặng Thị Thủy",
        "3. Loại mâu thuẫn, tranh chấp: ranh giới.",
        "5. Kết quả: hòa giải thành.",
        "Các bên thỏa thuận như sau:",
        "Thời hạn thực hiện thỏa thuận: đến ngày 30/11/2026.",
        "đã đọc lại cho các bên cùng nghe",
        "ĐƯƠNG SỰ",
        "NGƯỜI CHỦ TRÌ HÒA GIẢI",
        "Thượng úy Trần Thị Lan",
    ],
    "F10": [
        "Số: 05/HS-GS",
        "HỒ SƠ",
        "Người thuộc diện quản lý, giám sát",
        "1. Họ, chữ đệm và tên: PHAN VĂN THẮNG. Tên gọi khác: Thắng béo.",
        "2. Diện quản lý: án treo.",
        "3. Căn cứ: Bản án số 215/2026/HS-ST ngày 12/06/2026",
        "4. Thời hạn quản lý, giám sát: từ ngày 01/07/2026 đến ngày 31/12/2027.",
        "Thời gian thử thách: 18 tháng.",
        "5. Cán bộ được giao giám sát, giáo dục: Thượng úy Trần Thị Lan.",
        "Nghĩa vụ báo cáo, trình diện định kỳ: hằng tháng.",
        "6. Nhật ký giám sát:",
        "CÁN BỘ ĐƯỢC GIAO GIÁM SÁT, GIÁO DỤC",
        "TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH",
    ],
}


def example_values(form_id: str) -> dict:
    raw = json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]
    form = CATALOGUE.get(form_id)
    return check_record(form, raw, today=date(2026, 11, 28), now=datetime(2026, 11, 28, 9)).values


def example_facts(form_id: str, values: dict | None = None) -> RecordFacts:
    form = CATALOGUE.get(form_id)
    return RecordFacts(
        record_id=f"01900000-0000-7000-8000-0000000000{int(form_id[1:]):02d}",
        form_id=form_id,
        revision=1,
        status="approved",
        values=values if values is not None else example_values(form_id),
        content_hash="ab" * 32,
        number=f"05/{form.numbering}" if form.numbering else None,
        created_at="2026-11-28T09:30:00+07:00",
        author_name="Trần Thị Lan",
    )


def flat(text: str) -> str:
    """One line of text as a reader sees it (pypdf breaks lines and splits styled runs)."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([.,;:)])", r"\1", re.sub(r"\(\s+", "(", text)).strip()


def printed_pages(folder: Path, form_id: str, document: str, values: dict | None = None):
    """The document as a PDF through write_pdf: each page's text."""
    built = build_document(
        CATALOGUE.get(form_id), example_facts(form_id, values), STATION, document=document
    )
    target = folder / f"{form_id}-{document}.pdf"
    count = write_pdf(built, target)
    reader = pypdf.PdfReader(str(target))
    assert count == len(reader.pages)
    return [flat(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def printed(qapp, tmp_path_factory) -> dict[str, list[str]]:
    """Every template's document, filled from its form's example, by template id."""
    folder = tmp_path_factory.mktemp("paper")
    return {template: printed_pages(folder, form_id, name) for form_id, name, template in DOCUMENTS}


def from_example(form_id: str, phrases: list[str]) -> list[str]:
    """The phrases with `{field}` (`{field:30}` its first 30 characters, `{field:lower}` its
    first letter in lower case) taken from the form's example, so an example corrected later
    (another provision, another fine) does not need this list rewritten."""
    values = example_values(form_id)

    def fill(match: re.Match[str]) -> str:
        name, _, how = match.group(1).partition(":")
        value = values[name]
        text = format_money(value) if isinstance(value, int) else str(value)
        if how == "lower":
            return text[0].lower() + text[1:]
        return text[: int(how)] if how else text

    return [re.sub(r"\{(\w+(?::\w+)?)\}", fill, phrase) for phrase in phrases]


def in_order(text: str, phrases: list[str]) -> list[str]:
    """The phrases not found after the previous one (empty: all there, in this order)."""
    missing, position = [], 0
    for phrase in phrases:
        found = text.find(phrase, position)
        if found < 0:
            missing.append(phrase)
        else:
            position = found + len(phrase)
    return missing


def test_every_template_is_checked():
    """Each template file has its list of phrases here: a new template needs its test."""
    shipped = {t.id for form in CATALOGUE for t in templates_for(form)}
    assert shipped == set(PHRASES) | {"MQD01"}
    assert {template for _, _, template in DOCUMENTS} == set(PHRASES)


@pytest.mark.parametrize("template", sorted(PHRASES))
def test_fixed_wording_and_filled_blanks_in_order(printed, template):
    form_id = next(form for form, _, t in DOCUMENTS if t == template)
    text = " ".join(printed[template])
    assert in_order(text, from_example(form_id, PHRASES[template])) == [], text


@pytest.mark.parametrize("template", sorted(PHRASES))
def test_nothing_internal_reaches_paper(printed, template):
    """No marker, hint, code, unfilled placeholder or Python value on any page."""
    text = " ".join(printed[template])
    assert [marker for marker in FORBIDDEN if marker in text] == []


@pytest.mark.parametrize("form_id", [form.id for form in CATALOGUE])
def test_no_field_id_and_no_check_box_answer_on_paper(printed, form_id):
    """Field ids (`violator_signed`) never print, nor a yes/no field as "Label: Có/Không"."""
    form = CATALOGUE.get(form_id)
    text = " ".join(" ".join(printed[t.id]) for t in templates_for(form) if t.id in printed)
    ids = {f.id for _, f in form.walk() if "_" in f.id}
    assert [i for i in ids if i in text] == []
    boxes = [
        paper_label(f.label.get("vi"))[0]
        for path, f in form.walk()
        if f.type is FieldType.YES_NO and "[]" not in path
    ]
    assert boxes  # every form has some, so the check below can fail
    assert [b for b in boxes if f"{b}: Có" in text or f"{b}: Không" in text] == []


def test_the_intake_minutes_leave_the_transfer_to_its_own_paper(printed):
    """Signed at 08:45 by the reporter: nothing of the 15:00 transfer or the later checks."""
    intake = " ".join(printed["TT119-M01"])
    for later in ("15 giờ 00 phút", "12/PC", "Phân loại", "Kết quả kiểm tra", "Phạm Minh Hoàng"):
        assert later not in intake
    transfer = " ".join(printed["TT119-M03"])
    assert "NGƯỜI TỐ GIÁC" not in transfer  # the reporter does not sign the slip


def test_a_decision_without_a_record_prints_as_mqd01(qapp, tmp_path):
    """The decision's kind picks the template: no record → MQĐ01, no "Biên bản … số" basis.
    The example made into a valid MQĐ01 (a warning: the fine is above the limit of a decision
    without a record) is checked as the others: wording and blanks in order, nothing internal,
    the signature block naming the station, never alone."""
    values = {**example_values("F4"), "decision_kind": "khong_lap_bien_ban"}
    values |= {"main_penalty": "canh_cao", "fine_amount": None, "fine_in_words": None}
    form = CATALOGUE.get("F4")
    checked = check_record(form, values, today=date(2026, 11, 28), now=datetime(2026, 11, 28, 9))
    assert [p for p in checked.problems if p.is_error] == []
    pages = printed_pages(tmp_path, "F4", "main", checked.values)
    text = " ".join(pages)
    phrases = [
        "Mẫu MQĐ01",
        "Số: 05/QĐ-XPHC",
        "QUYẾT ĐỊNH",
        "Xử phạt vi phạm hành chính không lập biên bản",
        "Căn cứ Điều 56, Điều 57, Điều 68 và Điều 85 Luật Xử lý vi phạm hành chính",
        "Căn cứ {legal_provision:lower};",
        "Căn cứ Nghị định số 189/2025/NĐ-CP",
        "Tôi: Nguyễn Văn Trưởng; cấp bậc: Trung tá",
        "QUYẾT ĐỊNH:",
        "Điều 1. Xử phạt vi phạm hành chính không lập biên bản đối với ông (bà)",
        "1. Họ và tên: Trần Quốc Bảo.",
        "2. Đã thực hiện hành vi vi phạm hành chính: {act_description:30}",
        "3. Quy định tại: {legal_provision}.",
        "a) Hình thức xử phạt chính: cảnh cáo.",
        "b) Hình thức xử phạt bổ sung: không.",
        "Điều 2. Trần Quốc Bảo phải nghiêm chỉnh chấp hành Quyết định xử phạt này",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày 21 tháng 11 năm 2026.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH (Ký, ghi rõ họ tên, đóng dấu)",
        "Nguyễn Văn Trưởng",
    ]
    assert in_order(text, from_example("F4", phrases)) == [], text
    assert "Biên bản vi phạm hành chính số" not in text and "MQĐ02" not in text
    assert "phạt tiền" not in text and "Kho bạc" not in text  # a warning: no fine, no payment
    assert [marker for marker in FORBIDDEN if marker in text] == []
    assert signatures_have_company(pages), pages[-1]


# The name closing each document's last signature block, as the examples give it.
LAST_SIGNER = {
    "TT119-M01": "Thượng úy Trần Thị Lan",
    "TT119-M03": "(Ký, ghi rõ họ tên, đóng dấu)",  # the station's head signs by hand
    "F2": "Trung úy Vũ Quang Minh",
    "MBB01": "Đỗ Thị Mai",
    "MQD02": "Nguyễn Văn Trưởng",
    "F5": "Trần Thị Lan",
    "CT03": "Trung tá Nguyễn Văn Trưởng",
    "F7": "Nguyễn Thị Thu",
    "F8": "Thiếu tá Đỗ Văn Hùng",
    "F9": "Thượng úy Trần Thị Lan",
    "F10": "(Ký, ghi rõ họ tên, đóng dấu)",
}


def signatures_have_company(pages: list[str]) -> bool:
    """The page holding the first signature block also holds lines of the text before it."""
    last = pages[-1]
    first_block = last.index("(Ký, ghi rõ")
    before = last[:first_block].split()
    if len(pages) > 1:
        before = before[1:]  # the page number
    return len(before) >= 14  # a block's own title is a few words, "Nơi nhận" a dozen


@pytest.mark.parametrize("template", sorted(LAST_SIGNER))
def test_signatures_are_never_alone_on_a_page(printed, template):
    assert signatures_have_company(printed[template]), printed[template][-1]
    last = printed[template][-1]
    assert LAST_SIGNER[template] in last[last.index("(Ký, ghi rõ") :]


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_a_long_statement_never_leaves_the_signatures_alone(qapp, tmp_path):
    """The minutes' statement grows a sentence at a time, so the signature blocks meet the
    page's end at every possible place: each time they keep lines of the text with them."""
    sentence = "Tôi xin trình bày thêm hoàn cảnh gia đình và cam kết không tái phạm. "
    breaks = 0
    for count in range(8, 40, 2):
        values = {**example_values("F3"), "violator_statement": sentence * count}
        pages = printed_pages(tmp_path, "F3", "main", values)
        breaks += len(pages)
        assert signatures_have_company(pages), (count, pages[-1])
    assert breaks > 2 * 16  # some statements ran onto a third page: the check had to hold there


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_the_reports_signature_block_is_whole_and_never_alone(qapp, tmp_path):
    """The periodic report signs as the station's papers do — "Nơi nhận", the authority mark
    naming the station, the note, the name — and, as its plans grow a sentence at a time so the
    block meets the page's end at every place, it always keeps lines of the text with it."""
    period = parse_period("2026-K11")
    content = build_content(
        CATALOGUE, PeriodData(period), PeriodData(period.same_period_last_year())
    )
    facts = ReportFacts(STATION, date(2026, 11, 16), "07/BC", True, "Nguyễn Văn Trưởng")
    sentence = "Tiếp tục tuần tra ban đêm tại các tuyến phố trọng điểm của phường. "
    block = [
        "Nơi nhận:",
        "- Công an thành phố Hà Nội;",
        "TRƯỞNG CÔNG AN",
        "PHƯỜNG BA ĐÌNH",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "Nguyễn Văn Trưởng",
    ]

    def printed(count: int) -> list[str]:
        target = tmp_path / f"report-{count}.pdf"
        write_pdf(report_document(content, {"plans": sentence * count}, facts), target)
        return [flat(page.extract_text()) for page in pypdf.PdfReader(str(target)).pages]

    # Where the growing plans first push the report onto one more page (found in coarse steps,
    # whatever the layout), then every second sentence around that place.
    first = len(printed(0))
    over = next(n for n in range(8, 200, 8) if len(printed(n)) > first)
    seen_pages = set()
    for count in range(max(over - 12, 0), over + 8, 2):
        pages = printed(count)
        seen_pages.add(len(pages))
        assert signatures_have_company(pages), (count, pages[-1])
        assert in_order(pages[-1], block) == [], (count, pages[-1])
    assert len(seen_pages) > 1  # the plans did push it over a page end
