"""Template files: read and checked against their forms at load, filled from a record."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from domain.documents import IssuingBody, RecordFacts, build_document, documents_for
from domain.documents.builder import choose_template
from domain.documents.templates import bind_template, template_folder, templates_for
from domain.documents.values import BLANK, address_in_text, running
from domain.errors import InvalidInput
from domain.forms import load_catalogue
from domain.forms.errors import FormDefinitionInvalid
from domain.reference import default_reference

CATALOGUE = load_catalogue()
STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")


def minimal(**changes) -> dict:
    """A template source for F3 with one body line; `changes` replace its keys."""
    source = {
        "form": "F3",
        "title": ["BIÊN BẢN"],
        "date": "record_time",
        "body": [{"p": "Hôm nay, hồi {record_time:time}, tại {record_place}."}],
        "signatures": [{"title": "NGƯỜI LẬP BIÊN BẢN", "name": "recorder"}],
    }
    return source | changes


def refusal(source: dict) -> dict:
    with pytest.raises(FormDefinitionInvalid) as raised:
        bind_template(source, CATALOGUE.get("F3"), "TEST.json")
    return raised.value.params


def test_every_shipped_template_loads_against_its_form():
    """Each file names an existing form and binds (every path and condition resolves); every
    one of the ten forms has at least one template, F1 two papers, F4 two decisions."""
    files = sorted(p.stem for p in template_folder().glob("*.json"))
    bound = {t.id: t for form in CATALOGUE for t in templates_for(form)}
    assert sorted(bound) == files
    for path in template_folder().glob("*.json"):
        assert json.loads(path.read_text("utf-8"))["form"] in CATALOGUE
    assert {form.id for form in CATALOGUE} == {t.form for t in bound.values()}
    assert [t.id for t in templates_for(CATALOGUE.get("F4"))] == ["MQD01", "MQD02"]
    assert [name for name, _ in documents_for(CATALOGUE.get("F1"))] == ["intake", "transfer"]


@pytest.mark.parametrize(
    ("change", "reason", "where", "detail"),
    [
        ({"body": [{"p": "Họ tên: {violator.full_nme}"}]}, "unknown_field", "body[0]",
         "violator.full_nme"),
        ({"body": [{"p": "{nothing_here}"}]}, "unknown_field", "body[0]", "nothing_here"),
        ({"body": [{"p": "x", "if": "not empty(ghost)"}]}, "unknown_field", "body[0].if", "ghost"),
        ({"body": [{"p": "x", "if": "((("}]}, "bad_condition", "body[0].if", "((("),
        ({"body": [{"p": "x", "if": "violator_type == 'ca_nhn'"}]}, "unknown_option",
         "body[0].if", "violator_type: ca_nhn"),
        ({"body": [{"p": "x", "if": "not (violator_type in ['to_chuc', 'x'])"}]},
         "unknown_option", "body[0].if", "violator_type: x"),
        ({"body": [{"p": "{violator_signed}"}]}, "unprintable_field", "body[0]", None),
        ({"body": [{"p": "{record_place:words}"}]}, "unprintable_field", "body[0]", None),
        ({"body": [{"p": "{record_place:shout}"}]}, "unknown_format", "body[0]", None),
        ({"body": [{"p": "{#}. {record_place}"}]}, "row_number_outside_rows", "body[0]", None),
        ({"body": [{"p": "a {record_place"}]}, "unbalanced_brace", "body[0]", None),
        ({"body": [{"paragraph": "x"}]}, "unknown_block", "body[0]", None),
        ({"body": [{"each": "recorder", "body": []}]}, "not_a_group", "body[0].each", None),
        ({"body": [{"table": "witnesses", "columns": [["Tên", "{full_nam}", 20]]}]},
         "unknown_field", "body[0].columns[0]", "full_nam"),
        ({"signatures": [{"title": "X", "name": "recordr"}]}, "unknown_field",
         "signatures[0].name", "recordr"),
        ({"date": "record_tme"}, "unknown_field", "date", "record_tme"),
        ({"colour": "red"}, "unknown_key", "", "colour"),
    ],
)  # fmt: skip
def test_a_template_naming_what_its_form_lacks_is_refused(change, reason, where, detail):
    """FORM_DEFINITION_INVALID naming the file, the place in it and why, at load time."""
    params = refusal(minimal(**change))
    assert (params["file"], params["reason"], params["path"]) == ("TEST.json", reason, where)
    if detail is not None:
        assert detail in params["detail"]


def test_row_fields_resolve_inside_their_group_only():
    """`{full_name}` is a witness's inside "each": witnesses, unknown at the top."""
    form = CATALOGUE.get("F3")
    each = {"each": "witnesses", "body": [{"p": "{#}. {full_name}, {record_place}"}]}
    assert bind_template(minimal(body=[each]), form, "T.json").body[0].group == "witnesses"
    assert refusal(minimal(body=[{"p": "{full_name}"}]))["reason"] == "unknown_field"


def test_a_broken_file_in_the_folder_is_refused_with_its_name(tmp_path):
    (tmp_path / "BAD.json").write_text(json.dumps(minimal(body=[{"p": "{nope}"}])), "utf-8")
    with pytest.raises(FormDefinitionInvalid) as raised:
        templates_for(CATALOGUE.get("F3"), tmp_path)
    assert raised.value.params["file"] == "BAD.json"
    (tmp_path / "BAD.json").write_text("{not json", "utf-8")
    with pytest.raises(FormDefinitionInvalid):
        templates_for(replace(CATALOGUE.get("F3"), version=99), tmp_path)


def facts(form_id: str, values: dict) -> RecordFacts:
    return RecordFacts("r1", form_id, 1, "approved", values, "ab" * 32, None, "2026-11-28")


def test_a_blank_prints_as_a_dotted_line_and_a_false_condition_prints_nothing():
    """The officer writes an empty blank by hand; a line whose condition fails is left out."""
    form = CATALOGUE.get("F3")
    values = {"record_time": "2026-11-20T22:40", "violator_type": "to_chuc", "org_name": "Cty A"}
    html = build_document(form, facts("F3", values), STATION).html
    assert f"tại {BLANK}." in html  # record_place empty
    assert "1. Tên của tổ chức: <b>Cty A</b>." in html
    assert "Họ và tên:" not in html  # the individual's lines are for violator_type ca_nhan


def test_values_inside_bold_wording_cannot_make_markup():
    form = CATALOGUE.get("F3")
    values = {"violator_type": "to_chuc", "org_name": "**A** <i>b</i>"}
    html = build_document(form, facts("F3", values), STATION).html
    assert "<b>&#42;&#42;A&#42;&#42; &lt;i&gt;b&lt;/i&gt;</b>" in html


def test_the_document_name_is_checked_and_the_decision_kind_picks_the_template():
    f1, f4 = CATALOGUE.get("F1"), CATALOGUE.get("F4")
    assert choose_template(f1, {}).id == "TT119-M01"
    assert choose_template(f1, {}, "transfer").id == "TT119-M03"
    with pytest.raises(InvalidInput) as raised:
        choose_template(f1, {}, "minutes")
    assert raised.value.params == {"field": "document", "reason": "intake | transfer",
                                   "value": "minutes"}  # fmt: skip
    assert choose_template(f4, {"decision_kind": "khong_lap_bien_ban"}).id == "MQD01"
    assert choose_template(f4, {"decision_kind": "co_bien_ban"}).id == "MQD02"
    document = build_document(f1, facts("F1", {}), STATION, document="transfer")
    assert (document.template, document.document) == ("TT119-M03", "transfer")


def test_place_names_in_running_text_follow_decree_30_annex_ii():
    """Administrative-unit words are lower case inside a sentence, the names keep theirs."""
    reference = default_reference()
    address = {"street": "Số 7 ngõ 35 phố Giảng Võ", "hamlet": "Tổ dân phố 7",
               "commune": "00004", "province": "01"}  # fmt: skip
    assert address_in_text(address, reference) == (
        "số 7 ngõ 35 phố Giảng Võ, tổ dân phố 7, phường Ba Đình, thành phố Hà Nội"
    )
    assert running("Thành phố Hồ Chí Minh") == "thành phố Hồ Chí Minh"
    assert running("Xã Tân Phú") == "xã Tân Phú"
    assert running("Đặc khu Phú Quốc") == "đặc khu Phú Quốc"
    assert running("Sốp Cộp") == "Sốp Cộp"  # a name that starts like a word stays
    station = IssuingBody.from_station("Công an Phường Ba Đình", "00004")  # as typed at set-up
    html = build_document(CATALOGUE.get("F1"), facts("F1", {}), station, document="transfer").html
    assert "Công an phường Ba Đình chuyển nguồn tin" in html
    assert "Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội" in html


def test_a_form_without_a_template_file_gets_one_from_its_definition():
    """A province's own form: its title, its filled-in fields, the author's signature."""
    form = replace(CATALOGUE.get("F8"), id="HN-F11")
    assert [name for name, _ in documents_for(form)] == ["main"]
    values = {"area": "Tổ dân phố 5", "members": [{"name": "Bùi Văn Tư", "force": "dan_quan"}]}
    html = build_document(form, replace(facts("F8", values), author_name="Lê Lan"), STATION).html
    assert "Địa bàn, tuyến tuần tra: Tổ dân phố 5" in html and "Dân quân" in html
    assert "NGƯỜI LẬP" in html and "<b>Lê Lan</b>" in html
