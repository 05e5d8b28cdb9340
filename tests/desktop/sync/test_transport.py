"""Records leave the station only over TLS: plain http is refused (INSECURE_TRANSPORT) before
anything is sent, except on this computer or with the explicit trial flag, and never with a CA."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from desktop.cli.main import main as cax
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import InsecureTransport, ServerUnreachable
from desktop.storage import audit, sync_settings
from desktop.sync import service as service_module
from desktop.sync.service import SyncService, is_loopback, require_secure_transport
from protocol.messages import EnrollResponse, StationInfo
from tests.desktop.conftest import SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import FAST_RETRY
from tests.server.serverproc import free_port

CODE = "K7QMX-4HNPR-ZT2WA"
CA = "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n"


@pytest.fixture
def session(station_home):
    opened = station_home.unlock()
    yield opened
    opened.close()


class _NoNetwork:
    """Stands in for SyncClient: a refusal must come before any connection is made."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("a client was made for an address that must be refused")


def test_which_hosts_are_this_computer() -> None:
    assert all(is_loopback(h) for h in ("localhost", "LOCALHOST", "127.0.0.1", "127.9.8.7", "::1"))
    assert not any(
        is_loopback(h)
        for h in ("sync.example.vn", "10.0.0.5", "192.168.1.2", "localhost.example.vn", "::2")
    )


@pytest.mark.parametrize(
    ("url", "ca", "allow_http", "refused"),
    [
        ("http://sync.example.vn", None, False, "plain_http"),
        ("http://10.0.0.5:8000", None, False, "plain_http"),
        ("http://10.0.0.5:8000", None, True, None),  # a trial, on purpose
        ("http://127.0.0.1:8000", None, False, None),
        ("http://localhost:8000", None, False, None),
        ("http://[::1]:8000", None, False, None),
        ("http://127.0.0.1:8000", CA, False, "ca_over_http"),
        ("http://10.0.0.5:8000", CA, True, "ca_over_http"),  # nothing would check the CA
        ("https://sync.example.vn", CA, False, None),
        ("https://sync.example.vn", None, False, None),
    ],
)
def test_the_transport_rule(url: str, ca: str | None, allow_http: bool, refused: str | None):
    if refused is None:
        require_secure_transport(url, ca, allow_http)
        return
    with pytest.raises(InsecureTransport) as caught:
        require_secure_transport(url, ca, allow_http)
    assert caught.value.params == {"server": url, "reason": refused}


def test_enrolment_over_plain_http_is_refused_before_anything_is_sent(session, monkeypatch):
    """The code is not spent, no enrolment is saved, nothing is audited as enrolled."""
    monkeypatch.setattr(service_module, "SyncClient", _NoNetwork)
    service = SyncService(session, retry=FAST_RETRY)
    for call in (
        lambda: service.enroll("http://sync.example.vn", CODE),
        lambda: service.enroll("http://127.0.0.1:8000", CODE, CA, allow_http=True),
        lambda: service.identify_server("http://sync.example.vn"),
    ):
        with pytest.raises(InsecureTransport):
            call()
    with session.db.read() as conn:
        assert sync_settings.load_enrolment(conn) is None
        assert audit.entries(conn, action=AuditAction.SYNC_ENROLLED) == []


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_loopback_and_the_trial_flag_pass_the_rule(session):
    """The rule lets them through; with no server there, they fail as unreachable instead."""
    service = SyncService(session, retry=FAST_RETRY)
    with pytest.raises(ServerUnreachable):
        service.enroll(f"http://127.0.0.1:{free_port()}", CODE)
    with pytest.raises(ServerUnreachable):
        service.enroll(f"http://localhost:{free_port()}", CODE, allow_http=True)


def test_cli_refuses_plain_http_in_vietnamese_and_english(station_home, capsys, monkeypatch):
    """`cax sync enroll` prints the translated refusal and exits 21, like an untrusted TLS."""
    monkeypatch.setattr(service_module, "SyncClient", _NoNetwork)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    base = ["sync", "enroll", "--home", str(station_home.home), "--user", "truong"]
    base += ["--server", "http://sync.example.vn", "--code", CODE]
    assert cax([*base, "--lang", "vi"]) == 21
    assert "dùng http không mã hóa" in capsys.readouterr().err
    assert cax([*base, "--lang", "en"]) == 21
    assert "is plain http" in capsys.readouterr().err


class _FakeCentre:
    """A SyncClient answering health and enrolment as the centre would, with no network."""

    protocol = 1  # what a real client speaks before a health answer says more

    def __init__(self, url: str, *args: object, **kwargs: object) -> None:
        self.url = url

    def health(self) -> None:
        return None

    def enroll(self, request: object) -> EnrollResponse:
        return EnrollResponse(
            device_id=uuid.uuid4(),
            station=StationInfo(code="00004", name="Công an phường Ba Đình"),
            server_signing_key="A" * 43 + "=",
            server_box_key="B" * 43 + "=",
            server_time=datetime.now(UTC),
        )

    def close(self) -> None:
        return None


@pytest.mark.parametrize(
    ("url", "allow_http", "transport"),
    [
        ("https://sync.example.vn", False, "https"),
        ("http://127.0.0.1:8000", False, "http-loopback"),
        ("http://10.0.0.5:8000", True, "http-trial"),
    ],
)
def test_the_audit_log_names_the_transport_of_an_enrolment(
    session, monkeypatch, url: str, allow_http: bool, transport: str
):
    """A supervisor's choice of a plain-http trial is kept in the audit log, as is https."""
    monkeypatch.setattr(service_module, "SyncClient", _FakeCentre)
    SyncService(session).enroll(url, CODE, allow_http=allow_http)
    with session.db.read() as conn:
        (entry,) = audit.entries(conn, action=AuditAction.SYNC_ENROLLED)
    assert entry.details["transport"] == transport
