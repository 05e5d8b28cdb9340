"""`cax law search` / `cax law show` through the CLI entry point: no station, no password."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main as cli_main


@pytest.fixture
def cax(tmp_path, monkeypatch, capsys):
    """Run `cax` in-process in a folder with no station; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CAX_HOME", str(tmp_path / "nowhere"))

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def entry_ids(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines() if line and not line[0].isspace()]


def test_tieng_on_finds_the_282_provision_after_15_december_2025(cax) -> None:
    code, out, err = cax("law", "search", "tiếng ồn", "--date", "20/11/2026")
    assert (code, err) == (0, "")
    assert entry_ids(out)[0] == "nd282.8.1.a"
    assert "Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP" in out
    assert "500.000 đồng – 1.000.000 đồng" in out
    assert not any(i.startswith("nd144") for i in entry_ids(out))


def test_the_same_words_before_the_switch_find_decree_144(cax) -> None:
    code, out, _ = cax("law", "search", "tieng on karaoke", "--date", "14/12/2025")
    assert code == 0 and entry_ids(out) == ["nd144.8.1.a"]
    assert "22 giờ" in out


def test_json_output_carries_frames_and_dates(cax) -> None:
    code, out, _ = cax("law", "search", "loa phóng thanh", "--all", "--json")
    found = {e["id"]: e for e in json.loads(out)}
    assert code == 0 and set(found) == {"nd144.8.2", "nd282.9.2"}
    assert found["nd144.8.2"]["effective_to"] == "2025-12-14"
    assert found["nd282.9.2"]["fine_organisation"] == [2000000, 4000000]


def test_nothing_found_and_a_bad_date_are_coded_errors(cax) -> None:
    code, out, err = cax("--lang", "en", "law", "search", "không có gì như thế")
    assert (code, out) == (8, "")
    assert err.startswith("Error [LAW_NOT_FOUND]")
    code, _, err = cax("law", "search", "ồn", "--date", "31/02/2026")
    assert code == 1 and err.startswith("Lỗi [INVALID_INPUT]") and "dd/mm/yyyy" in err
    code, _, err = cax("law", "search", "  ")
    assert code == 1 and "[INVALID_INPUT]" in err


def test_show_prints_the_whole_entry(cax) -> None:
    code, out, _ = cax("law", "show", "nd144.8.2")
    assert code == 0
    assert "Tịch thu tang vật" in out and "31/12/2021" in out and "14/12/2025" in out
    code, _, err = cax("law", "show", "nd1.1.1")
    assert code == 8 and "[LAW_NOT_FOUND]" in err
