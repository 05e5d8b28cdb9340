"""How each form prints: document type and summary, its date, fields left to the signatures,
closing text and signature blocks (docs/domain.md, "Forms" and "Printed documents"). A form
without a layout here (a province's own) still prints: its title as the type, its fields, one
signature for the author."""

from __future__ import annotations

from dataclasses import dataclass

SIGN_NOTE = "(Ký, ghi rõ họ tên)"
SIGN_AND_SEAL_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"


@dataclass(frozen=True)
class Signature:
    """One signature block: a title in capitals and where the signer's name comes from.

    `name` is a value path (`reporter.full_name`, `receiving_officers[0].name`); `a|b` takes the
    first filled in; "@author" is the user who entered the record; None leaves the name blank to
    be written by hand. `each` (a group) repeats the block once per row, e.g. every party.
    `required` False drops the block when no name is found (a witness who was not there).
    """

    title: str  # "@issuer": a decision's signer with KT./Q. marks; "@chief": the station's head
    name: str | None = None
    note: str = SIGN_NOTE
    each: str | None = None
    required: bool = True


@dataclass(frozen=True)
class DocumentLayout:
    kind: str  # document type, printed in capitals: "BIÊN BẢN"
    summary: str = ""  # the line under it: "Vi phạm hành chính"
    date_field: str | None = None  # the date after the place ("…, ngày 05 tháng 3 năm 2026")
    hidden: tuple[str, ...] = ()  # fields the paper shows otherwise (signed? flags)
    closing: tuple[str, ...] = ()  # fixed paragraphs after the body
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()  # "Nơi nhận" lines at the bottom left (decisions)
    # The prescribed template a value picks (a decision with or without a record): the field and
    # (value, template code) pairs; otherwise the form's own template marker is printed.
    template_field: str | None = None
    template_codes: tuple[tuple[str, str], ...] = ()


_OFFICER_NAME = "receiving_officer"
_RIGHTS_TEXT = (
    "Người bị xử phạt có quyền khiếu nại, khởi kiện đối với Quyết định này theo quy định của "
    "pháp luật.",
    "Quá thời hạn thi hành mà người bị xử phạt không tự nguyện chấp hành thì bị cưỡng chế thi "
    "hành theo quy định của pháp luật.",
)

LAYOUTS: dict[str, DocumentLayout] = {
    "F1": DocumentLayout(
        "BIÊN BẢN",
        "Tiếp nhận nguồn tin về tội phạm",
        "received_at",
        hidden=("reporter_signed", "officer_signed"),
        signatures=(
            Signature("NGƯỜI TỐ GIÁC, BÁO TIN", "reporter.full_name|reporting_org_name"),
            Signature("NGƯỜI TIẾP NHẬN", _OFFICER_NAME),
        ),
    ),
    "F2": DocumentLayout(
        "TRÍCH SỔ THEO DÕI VỤ VIỆC",
        "Về an ninh, trật tự",
        "reported_at",
        signatures=(
            Signature("NGƯỜI BÁO TIN", "reporter.full_name", required=False),
            Signature("TRỰC BAN", "duty_officer"),
        ),
    ),
    "F3": DocumentLayout(
        "BIÊN BẢN",
        "Vi phạm hành chính",
        "record_time",
        # The catalogue id is internal: paper shows its citation (legal_provision) instead.
        hidden=("violator_signed", "recorder_signed", "law_entry"),
        signatures=(
            Signature(
                "NGƯỜI VI PHẠM HOẶC\nĐẠI DIỆN TỔ CHỨC VI PHẠM",
                "violator.full_name|org_representative",
            ),
            Signature("NGƯỜI LẬP BIÊN BẢN", "recorder"),
            Signature("NGƯỜI CHỨNG KIẾN", "full_name", each="witnesses", required=False),
            Signature("NGƯỜI BỊ THIỆT HẠI", "full_name", each="injured", required=False),
        ),
    ),
    "F4": DocumentLayout(
        "QUYẾT ĐỊNH",
        "Xử phạt vi phạm hành chính",
        "issued_date",
        # The signature block shows the signing form; the template reference, the decision kind.
        hidden=("rights_stated", "signing_form", "decision_kind", "law_entry"),
        closing=_RIGHTS_TEXT,
        signatures=(Signature("@issuer", "issuer_name", note=SIGN_AND_SEAL_NOTE),),
        recipients=("Người bị xử phạt;", "Cơ quan thu tiền phạt;", "Lưu: hồ sơ."),
        template_field="decision_kind",
        template_codes=(("khong_lap_bien_ban", "MQĐ01"), ("co_bien_ban", "MQĐ02")),
    ),
    "F5": DocumentLayout(
        "PHIẾU TIẾP NHẬN",
        "Thông báo lưu trú",
        "received_at",
        signatures=(
            Signature("NGƯỜI THÔNG BÁO", "notifier.full_name"),
            Signature("CÁN BỘ TIẾP NHẬN", "@author"),
        ),
    ),
    "F6": DocumentLayout(
        "PHIẾU KHAI BÁO TẠM VẮNG",
        "",
        "received_date",
        signatures=(
            Signature("CÁN BỘ TIẾP NHẬN", _OFFICER_NAME),
            Signature(
                "THỦ TRƯỞNG CƠ QUAN\nĐĂNG KÝ CƯ TRÚ", "head_of_police", note=SIGN_AND_SEAL_NOTE
            ),
        ),
    ),
    "F7": DocumentLayout(
        "BIÊN BẢN",
        "Tiếp nhận vũ khí, vật liệu nổ, công cụ hỗ trợ",
        "received_at",
        hidden=("all_signed",),
        signatures=(
            Signature("BÊN GIAO NỘP", "surrendering_person.full_name|org_name"),
            Signature("BÊN TIẾP NHẬN", "receiving_officers[0].name"),
            Signature("NGƯỜI CHỨNG KIẾN", "full_name", each="witnesses", required=False),
        ),
    ),
    "F8": DocumentLayout(
        "NHẬT KÝ",
        "Tuần tra, kiểm soát",
        "shift_start",
        signatures=(
            Signature("NGƯỜI NHẬN BÀN GIAO CA", "handed_over_to", required=False),
            Signature("CHỈ HUY TỔ TUẦN TRA", "leader"),
        ),
    ),
    "F9": DocumentLayout(
        "BIÊN BẢN",
        "Hòa giải mâu thuẫn, tranh chấp",
        "held_at",
        hidden=("parties_signed",),
        signatures=(
            Signature("CÁC BÊN", "full_name", each="parties"),
            Signature("NGƯỜI CHỦ TRÌ HÒA GIẢI", "mediators[0].name"),
        ),
    ),
    "F10": DocumentLayout(
        "HỒ SƠ",
        "Người thuộc diện quản lý, giám sát",
        None,
        signatures=(
            Signature("CÁN BỘ ĐƯỢC GIAO\nGIÁM SÁT, GIÁO DỤC", "supervisor_officer"),
            Signature("@chief", None, note=SIGN_AND_SEAL_NOTE),
        ),
    ),
}


def layout_for(form_id: str, title: str) -> DocumentLayout:
    """The form's layout, or a plain one for a form the catalogue gained later."""
    return LAYOUTS.get(form_id) or DocumentLayout(
        title.upper(), signatures=(Signature("NGƯỜI LẬP", "@author"),)
    )
