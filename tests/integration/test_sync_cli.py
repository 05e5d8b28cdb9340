"""`cax sync enroll | run | status` against a real server, as an administrator runs them: one
translated line per outcome, stable error codes and exit statuses, never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.desktop.cli.test_cax_cli import as_user, assert_one_clear_line, run_cax
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import completed_records
from tests.integration.servers import ServerProcess
from tests.integration.tls_material import make_pki


def _env(station_home, lang: str = "vi") -> dict[str, str]:
    return {**as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD), "CAX_LANG": lang}


def test_enroll_run_status(station_home, server, server_db):
    """Enrol, send 7 records, and see the outbox empty in `status --json`."""
    env = _env(station_home)
    result = run_cax(
        "sync", "enroll", "--server", server.url, "--code", server_db.enrolment_code(), env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Đã đăng ký đơn vị 00004" in result.stdout
    session = station_home.unlock()
    completed_records(session, 7)
    session.close()
    result = run_cax("sync", "run", env=env)
    assert result.returncode == 0, result.stderr
    assert "Đồng bộ xong: gửi 7, trung tâm đã nhận 7" in result.stdout
    result = run_cax("sync", "status", "--json", "--history", "5", env=env)
    status = json.loads(result.stdout)
    assert status["outbox"]["pending"] == status["outbox"]["sent"] == 0
    assert status["outbox"]["acknowledged"] == 7 and status["problems"] == []
    assert [s["outcome"] for s in status["history"]] == ["ok"]
    assert len(server_db.revisions()) == 7


@pytest.mark.slow
def test_wrong_certificate_is_one_translated_line(station_home, server_db, tmp_path):
    """A server whose certificate the given CA did not sign: TLS_UNTRUSTED, exit 21, vi and en."""
    centre, intruder = make_pki(tmp_path / "a", "centre"), make_pki(tmp_path / "b", "intruder")
    server = ServerProcess(server_db.url, tmp_path, tls=(centre.cert_pem, centre.key_pem))
    server.start()
    try:
        code = server_db.enrolment_code()
        args = ("sync", "enroll", "--server", server.url, "--code", code)
        vi = run_cax(*args, "--ca", str(intruder.ca_pem), env=_env(station_home, "vi"))
        assert_one_clear_line(vi, "TLS_UNTRUSTED", 21)
        assert "không đáng tin" in vi.stderr and "không do chứng thư CA đã ghi nhận ký" in vi.stderr
        en = run_cax(*args, "--ca", str(intruder.ca_pem), env=_env(station_home, "en"))
        assert_one_clear_line(en, "TLS_UNTRUSTED", 21)
        assert "is not trusted (not signed by the pinned CA)" in en.stderr
        ok = run_cax(*args, "--ca", str(centre.ca_pem), env=_env(station_home, "en"))
        assert ok.returncode == 0, ok.stderr
        assert "SHA-256:" in ok.stdout  # the CA's fingerprint is shown to compare
    finally:
        server.kill()


@pytest.mark.slow
def test_offline_unenrolled_and_bad_code(station_home, server, server_db):
    """No server: SERVER_UNREACHABLE (exit 20); not enrolled: 23; a wrong code: 22."""
    env = _env(station_home, "en")
    assert_one_clear_line(run_cax("sync", "run", env=env), "SYNC_NOT_ENROLLED", 23)
    bad = run_cax("sync", "enroll", "--server", server.url, "--code", "AAAAA-BBBBB-CCCCC", env=env)
    assert_one_clear_line(bad, "ENROLMENT_CODE_INVALID", 22)
    code = server_db.enrolment_code()
    assert (
        run_cax("sync", "enroll", "--server", server.url, "--code", code, env=env).returncode == 0
    )
    server.kill()
    offline = run_cax("sync", "run", "--retries", "1", env=env)
    assert_one_clear_line(offline, "SERVER_UNREACHABLE", 20)
    assert "Nothing is lost" in offline.stderr
    bad_url = run_cax("sync", "enroll", "--server", "ftp://x", "--code", code, env=env)
    assert_one_clear_line(bad_url, "INVALID_INPUT", 1)
