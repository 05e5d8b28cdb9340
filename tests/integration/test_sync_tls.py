"""Real TLS (certificates made by `cryptography`): the station trusts only the CA pinned at
enrolment; any other certificate is a clear TLS_UNTRUSTED error and nothing is sent."""

from __future__ import annotations

import pytest

from desktop.core.errors import TlsUntrusted
from desktop.storage import outbox, sync_history
from desktop.sync.service import SyncService
from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.integration.servers import ServerProcess
from tests.integration.tls_material import make_pki

# A server (and an impostor) started and killed per test: `make test`, not `make check`.
pytestmark = pytest.mark.slow


@pytest.fixture
def pkis(tmp_path):
    return make_pki(tmp_path / "pki", "centre"), make_pki(tmp_path / "pki", "intruder")


def _tls_server(server_db, tmp_path, pki) -> ServerProcess:
    process = ServerProcess(server_db.url, tmp_path, tls=(pki.cert_pem, pki.key_pem))
    process.start()
    return process


def test_pinned_ca_enrols_and_syncs(session, server_db, tmp_path, pkis):
    """Over HTTPS with the centre's CA pinned, enrolment and a push of 12 records succeed."""
    centre, _ = pkis
    server = _tls_server(server_db, tmp_path, centre)
    try:
        service = SyncService(session, retry=FAST_RETRY)
        identity = service.identify_server(server.url, centre.ca_pem.read_text())
        assert identity.ca is not None and "CAX test CA centre" in identity.ca.subject
        assert len(identity.ca.sha256) == 95 and identity.protocol_versions == (
            MIN_PROTOCOL_VERSION,
            MAX_PROTOCOL_VERSION,
        )
        enrolment = service.enroll(
            server.url, server_db.enrolment_code(), centre.ca_pem.read_text()
        )
        assert enrolment.server_url.startswith("https://") and enrolment.ca_pem
        completed_records(session, 12)
        report = service.run()
        assert report.counts.acknowledged == 12 and report.waiting == 0
        assert len(server_db.revisions()) == 12
    finally:
        server.kill()


def test_other_ca_refused_before_the_code_is_spent(session, server_db, tmp_path, pkis):
    """Pinning the wrong CA fails with TLS_UNTRUSTED; the same code then works with the right one."""
    centre, intruder = pkis
    server = _tls_server(server_db, tmp_path, centre)
    try:
        service = SyncService(session, retry=FAST_RETRY)
        code = server_db.enrolment_code()
        with pytest.raises(TlsUntrusted):
            service.identify_server(server.url, intruder.ca_pem.read_text())
        with pytest.raises(TlsUntrusted) as caught:
            service.enroll(server.url, code, intruder.ca_pem.read_text())
        assert caught.value.params["reason"] == "certificate verify failed"
        assert service.enrolment() is None
        service.enroll(server.url, code, centre.ca_pem.read_text())
        assert service.enrolment() is not None
    finally:
        server.kill()


def test_impostor_server_gets_nothing(session, server_db, tmp_path, pkis):
    """After enrolment, a server presenting another CA's certificate on the same address gets no
    record: the sync fails with TLS_UNTRUSTED, is recorded as failed, and everything still waits."""
    centre, intruder = pkis
    server = _tls_server(server_db, tmp_path, centre)
    service = SyncService(session, retry=FAST_RETRY)
    try:
        service.enroll(server.url, server_db.enrolment_code(), centre.ca_pem.read_text())
    finally:
        server.kill()
    impostor = ServerProcess(server_db.url, tmp_path, tls=(intruder.cert_pem, intruder.key_pem))
    impostor.port = server.port
    impostor.start()
    try:
        completed_records(session, 5)
        with pytest.raises(TlsUntrusted):
            service.run()
    finally:
        impostor.kill()
    assert server_db.revisions() == []
    with session.db.read() as conn:
        assert outbox.counts(conn).waiting == 5
        last = sync_history.last(conn)
    assert last is not None and last.outcome == "failed" and last.error_code == "TLS_UNTRUSTED"


def test_certificate_for_another_name_is_refused(session, server_db, tmp_path):
    """A certificate from the pinned CA but for another host name is refused too."""
    pki = make_pki(tmp_path / "pki", "named", hosts=("sync.example.vn",))
    server = _tls_server(server_db, tmp_path, pki)
    try:
        service = SyncService(session, retry=FAST_RETRY)
        with pytest.raises(TlsUntrusted) as caught:
            service.enroll(server.url, server_db.enrolment_code(), pki.ca_pem.read_text())
        assert caught.value.params["reason"] in ("IP address mismatch", "hostname")
    finally:
        server.kill()
