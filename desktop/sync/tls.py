"""TLS for the sync client: trust exactly the CA pinned at enrolment, and describe a certificate so
a supervisor can compare it with what the centre announced before trusting it."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from requests.adapters import HTTPAdapter

from desktop.core.errors import CertificateInvalid


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    not_after: datetime
    sha256: str  # colon-separated upper-case hex, as browsers and `openssl x509 -fingerprint` show


def describe_certificate(pem: str) -> CertificateInfo:
    """What a supervisor compares before trusting a CA: names, expiry, SHA-256 fingerprint."""
    try:
        cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise CertificateInvalid() from None
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return CertificateInfo(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        not_after=cert.not_valid_after_utc,
        sha256=":".join(digest[i : i + 2] for i in range(0, len(digest), 2)),
    )


def pinned_context(ca_pem: str) -> ssl.SSLContext:
    """A client context that trusts only `ca_pem` (not the system's CAs) and checks host names."""
    describe_certificate(ca_pem)  # a clear CERTIFICATE_INVALID rather than an ssl error
    # With cadata given, create_default_context loads no system CAs.
    return ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cadata=ca_pem)


class PinnedCaAdapter(HTTPAdapter):
    """requests' adapter with our own SSL context: requests would otherwise add its CA bundle."""

    def __init__(self, ca_pem: str, **kwargs: Any) -> None:
        self._context = pinned_context(ca_pem)
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(
        self, request: Any, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, True, cert)
        pool_kwargs.pop("ca_certs", None)
        pool_kwargs.pop("ca_cert_dir", None)
        pool_kwargs["ssl_context"] = self._context
        pool_kwargs["cert_reqs"] = "CERT_REQUIRED"
        return host_params, pool_kwargs

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # Never load requests' default bundle into the connection: only the pinned CA counts.
        conn.cert_reqs = "CERT_REQUIRED"
        conn.ca_certs = None
        conn.ca_cert_dir = None
