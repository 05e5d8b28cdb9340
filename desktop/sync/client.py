"""The HTTP client of the sync protocol: signed requests, TLS pinned to the enrolment CA, retries
with exponential backoff and jitter (urllib3 `Retry`), and every failure turned into an AppError.

Retrying a POST is safe because the server is idempotent (a revision is stored once; a batch sent
again answers `duplicate`). Two failures happen after the transport's retries have been decided,
so they are retried here with the same `Retry` budget: a response cut off mid-body, and a signed
request the server refuses as a replay (NONCE_REPLAYED) or as stale (CLOCK_SKEW) because the
transport resent it with its original signature — those are signed afresh and sent again.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ProtocolError, SSLError
from urllib3.util.retry import Retry

from desktop.core.errors import (
    AnswerSignatureInvalid,
    AppError,
    AuditRefused,
    DeviceNotAuthorised,
    EnrolmentCodeInvalid,
    ServerRefused,
    ServerUnavailable,
    ServerUnreachable,
    TlsUntrusted,
)
from desktop.sync.tls import PinnedCaAdapter
from protocol import MIN_PROTOCOL_VERSION, PROTOCOL_VERSION
from protocol.attachments import (
    BlobBegin,
    BlobStatus,
    blob_path,
    chunk_path,
    complete_path,
    whole_path,
)
from protocol.errors import ErrorCode
from protocol.messages import (
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    PullResponse,
    PushResponse,
    ReportResult,
)
from protocol.signing import (
    HEADER_ANSWER_SIGNATURE,
    HEADER_NONCE,
    clock_offset,
    sign_request,
    verify_answer,
)

if TYPE_CHECKING:
    from types import TracebackType

    from urllib3.connectionpool import ConnectionPool
    from urllib3.response import BaseHTTPResponse

API = "/api/v1"
RETRY_STATUSES = (429, 500, 502, 503, 504)
_NOT_AUTHORISED = {ErrorCode.UNKNOWN_DEVICE, ErrorCode.DEVICE_REVOKED, ErrorCode.BAD_SIGNATURE}
_UNAVAILABLE = {
    ErrorCode.RATE_LIMITED,
    ErrorCode.DATABASE_UNAVAILABLE,
    ErrorCode.DATABASE_NOT_UPGRADED,
    ErrorCode.INTERNAL_ERROR,
}
_RESIGN = {ErrorCode.NONCE_REPLAYED, ErrorCode.CLOCK_SKEW}
_AUDIT = {ErrorCode.AUDIT_ROLLBACK, ErrorCode.AUDIT_FORK, ErrorCode.RESTORE_DECLARATION_INVALID}
Model = TypeVar("Model", bound=BaseModel)
# Failures worth another try; a body cut off mid-way is a ChunkedEncodingError.
_TRANSIENT = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before a request counts as failed (the next sync tries again)."""

    attempts: int = 6
    backoff_factor: float = 0.5  # 0.5, 1, 2, 4… seconds between tries
    backoff_max: float = 30.0
    backoff_jitter: float = 0.5  # up to this many seconds added at random, so stations spread out
    connect_timeout: float = 10.0
    read_timeout: float = 60.0

    def retry(self, cancel: threading.Event | None = None) -> Retry:
        """The transport's retries; with `cancel`, their waits end as soon as it is set."""
        return _Retry(
            cancel=cancel,
            total=self.attempts,
            connect=self.attempts,
            read=self.attempts,
            status=self.attempts,
            other=self.attempts,
            allowed_methods=None,  # every method, POST included: the server is idempotent
            status_forcelist=RETRY_STATUSES,
            backoff_factor=self.backoff_factor,
            backoff_max=self.backoff_max,
            backoff_jitter=self.backoff_jitter,
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer comes back, and its code is reported
        )


DEFAULT_RETRY = RetryPolicy()
# A quick reachability probe: one try, short timeouts.
PROBE = RetryPolicy(attempts=0, connect_timeout=3.0, read_timeout=5.0)


class _Retry(Retry):
    """urllib3's Retry, except that a certificate problem fails at once (waiting will not fix
    it), and that a cancelled sync stops waiting between tries: locking the app waits for the
    sync to return (docs/sync.md), so it must not sit out a backoff of up to 30 s per try."""

    def __init__(self, *args: Any, cancel: threading.Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cancel = cancel

    def new(self, **kw: Any) -> _Retry:
        fresh = super().new(**kw)
        fresh.cancel = self.cancel
        return fresh

    def sleep(self, response: Any = None) -> None:
        if self.cancel is None:
            return super().sleep(response)
        pause = self.get_retry_after(response) if response is not None else None
        if pause is None or not self.respect_retry_after_header:
            pause = self.get_backoff_time()
        if self.cancel.wait(pause):
            raise MaxRetryError(None, "", ProtocolError("cancelled"))  # type: ignore[arg-type]
        return None

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if isinstance(error, SSLError):
            # urllib3 passes its pool whenever it passes an error; the signature still says None.
            raise MaxRetryError(_pool, url or "", error) from error  # type: ignore[arg-type]
        return super().increment(method, url, response, error, _pool, _stacktrace)


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    private_key: Ed25519PrivateKey
    # The server's Ed25519 key pinned at enrolment: every signed request's answer must carry
    # its signature (docs/protocol.md, "Signed answers").
    server_signing_key: str | None = None


class SyncClient:
    """One server, one device; counts the bytes it moves. Not thread-safe: one sync at a time."""

    def __init__(
        self,
        base_url: str,
        ca_pem: str | None = None,
        *,
        identity: DeviceIdentity | None = None,
        policy: RetryPolicy = DEFAULT_RETRY,
        cancel: threading.Event | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._ca_pem = ca_pem
        self.identity = identity
        self.policy = policy
        self.cancel = cancel or threading.Event()
        self.offset = 0.0  # seconds to add to the local clock to get server time
        # The protocol version spoken with this server: 1 until its health answer says more, so
        # a station never sends a newer server's fields to an older one.
        self.protocol = MIN_PROTOCOL_VERSION
        self.bytes_sent = 0
        self.bytes_received = 0
        self._http = requests.Session()
        self._http.headers["User-Agent"] = "cax-desk-sync"
        retries = policy.retry(self.cancel)
        adapter: HTTPAdapter = (
            PinnedCaAdapter(ca_pem, max_retries=retries)
            if ca_pem
            else HTTPAdapter(max_retries=retries)
        )
        self._http.mount("https://", adapter)
        self._http.mount("http://", adapter)

    def close(self) -> None:
        self._http.close()

    def twin(self, cancel: threading.Event) -> SyncClient:
        """A second client of the same server and device, on its own connection, speaking what
        this one learnt, stopped by `cancel`: the pull runs beside the attachments' upload."""
        other = SyncClient(
            self.base_url, self._ca_pem, identity=self.identity, policy=self.policy, cancel=cancel
        )
        other.assume(self.protocol, self.offset)
        return other

    def absorb(self, other: SyncClient) -> None:
        """Count the bytes `other` moved as this client's (one session, one pair of totals)."""
        self.bytes_sent += other.bytes_sent
        self.bytes_received += other.bytes_received
        other.bytes_sent = other.bytes_received = 0

    def assume(self, protocol: int, offset: float) -> None:
        """Speak `protocol` with the clock `offset` a recent health answer of this server gave,
        instead of asking again. A stale guess costs little: CLOCK_SKEW already makes the client
        ask /health and sign afresh, and the service answers UNSUPPORTED_PROTOCOL_VERSION so."""
        self.protocol = max(MIN_PROTOCOL_VERSION, min(PROTOCOL_VERSION, protocol))
        self.offset = offset

    # ---- endpoints -------------------------------------------------------------------------------

    def health(self) -> HealthResponse:
        """Unsigned; also learns the clock offset (see docs/protocol.md, clock skew)."""
        sent_at = time.time()
        answer = self._call(lambda: self._send("GET", f"{API}/health"), HealthResponse)
        self.offset = clock_offset(answer.server_timestamp, sent_at, time.time())
        self.protocol = max(
            MIN_PROTOCOL_VERSION, min(PROTOCOL_VERSION, answer.max_protocol_version)
        )
        return answer

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        body = request.model_dump_json().encode("utf-8")
        headers = {"Content-Type": "application/json"}
        return self._call(
            lambda: self._send("POST", f"{API}/enroll", body, headers), EnrollResponse
        )

    def push(self, gzipped_body: bytes) -> PushResponse:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._signed("POST", f"{API}/sync/push", gzipped_body, headers, PushResponse)

    def push_report(self, gzipped_body: bytes) -> ReportResult:
        """One submitted periodic report (a gzip'd `ReportSubmission`), signed like a push."""
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._signed("POST", f"{API}/reports", gzipped_body, headers, ReportResult)

    def pull(self, cursor: int, limit: int = 500) -> PullResponse:
        path = f"{API}/sync/pull?cursor={cursor}&limit={limit}"
        return self._signed("GET", path, b"", {}, PullResponse)

    # ---- attachment blobs (protocol.attachments) ---------------------------------------------

    def blob_begin(self, sha256: str, announced: BlobBegin) -> BlobStatus:
        """Announce a blob (idempotent); the answer says which chunks the server holds."""
        body = announced.model_dump_json().encode("utf-8")
        headers = {"Content-Type": "application/json"}
        return self._signed("POST", blob_path(sha256), body, headers, BlobStatus)

    def blob_chunk(self, sha256: str, n: int, data: bytes) -> BlobStatus:
        headers = {"Content-Type": "application/octet-stream"}
        return self._signed("PUT", chunk_path(sha256, n), data, headers, BlobStatus)

    def blob_complete(self, sha256: str) -> BlobStatus:
        return self._signed("POST", complete_path(sha256), b"", {}, BlobStatus)

    def blob_whole(self, sha256: str, media_type: str, data: bytes) -> BlobStatus:
        """A blob of one chunk announced, sent and completed in one request (protocol 3)."""
        headers = {"Content-Type": "application/octet-stream"}
        return self._signed("PUT", whole_path(sha256, media_type), data, headers, BlobStatus)

    # ---- machinery -------------------------------------------------------------------------------

    def _signed(
        self, method: str, path: str, body: bytes, headers: dict[str, str], model: type[Model]
    ) -> Model:
        assert self.identity is not None, "signed requests need an enrolled device"
        identity = self.identity
        nonce = ""  # of the latest attempt: the answer's signature covers it

        def attempt() -> requests.Response:
            nonlocal nonce
            stamp = int(time.time() + self.offset)
            signed = sign_request(
                identity.private_key,
                method,
                path,
                body,
                stamp,
                device_id=identity.device_id,
                protocol=self.protocol,
            )
            nonce = signed[HEADER_NONCE]
            return self._send(method, path, body, {**headers, **signed})

        def authentic(response: requests.Response) -> bool:
            """Did the pinned server key sign this answer for this very request?"""
            if identity.server_signing_key is None:
                return True
            signature = response.headers.get(HEADER_ANSWER_SIGNATURE)
            key = identity.server_signing_key
            return verify_answer(key, method, path, nonce, response.content, signature)

        return self._call(attempt, model, authentic)

    def _call(
        self,
        attempt: Callable[[], requests.Response],
        model: type[Model],
        authentic: Callable[[requests.Response], bool] | None = None,
    ) -> Model:
        """Send until an answer parses, re-signing after a replay or clock refusal; a 200 answer
        must pass `authentic` (its signature) before anything is read from it. One that fails
        is ANSWER_SIGNATURE_INVALID at once — unless it was visibly cut on the way (its body is
        not the length announced, or no length came): that is asked again, like a garbled one."""
        retry = self.policy.retry()
        while True:
            try:
                response = attempt()
                content = response.content  # a body cut off mid-way raises here
            except requests.exceptions.SSLError as exc:
                raise TlsUntrusted(server=self.base_url, reason=_ssl_reason(exc)) from None
            except _TRANSIENT as exc:
                if self.cancel.is_set():
                    raise ServerUnreachable(server=self.base_url, reason="cancelled") from None
                if _gave_up(exc):
                    raise ServerUnreachable(server=self.base_url) from None
                retry = self._again(retry, exc)
                continue
            self.bytes_received += len(content)
            if response.status_code == 200:
                if authentic is not None and not authentic(response):
                    if not _looks_cut(response):
                        raise AnswerSignatureInvalid(server=self.base_url)
                    retry = self._again(retry, None)
                    continue
                try:
                    return model.model_validate_json(content)
                except ValidationError as exc:  # garbled on the way: ask again
                    retry = self._again(retry, exc)
                    continue
            code = _error_code(content)
            if code is None:
                # Not our error body: a garbled answer (a cut inside the headers leaves a status
                # line and no body) or a proxy's page. Ask again; persistent → unreachable.
                retry = self._again(retry, None)
                continue
            if code in _RESIGN:
                if code is ErrorCode.CLOCK_SKEW and model is not HealthResponse:
                    self.health()
                retry = self._again(retry, None)
                continue
            raise _error(code, response.status_code)

    def _again(self, retry: Retry, error: Exception | None) -> Retry:
        """Spend one try of the budget and wait its backoff; ServerUnreachable when none is left."""
        try:
            retry = retry.increment("POST", self.base_url, error=ProtocolError(str(error)))
        except MaxRetryError:
            raise ServerUnreachable(server=self.base_url) from None
        if self.cancel.wait(retry.get_backoff_time()):
            raise ServerUnreachable(server=self.base_url, reason="cancelled")
        return retry

    def _send(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> requests.Response:
        self.bytes_sent += len(body)
        return self._http.request(
            method,
            self.base_url + path,
            data=body or None,
            headers=headers,
            timeout=(self.policy.connect_timeout, self.policy.read_timeout),
        )


def _looks_cut(response: requests.Response) -> bool:
    """A connection cut inside the headers can leave a status line and part of the headers:
    no announced length, or one the body does not have."""
    length = response.headers.get("Content-Length", "")
    return not length.isdigit() or int(length) != len(response.content)


def _gave_up(exc: Exception) -> bool:
    """True when the transport already spent its retries (a refused or unroutable connection)."""
    reason = exc.args[0] if exc.args else None
    return isinstance(reason, MaxRetryError)


def _ssl_reason(exc: Exception) -> str:
    text = str(exc)
    # Most specific first: a name mismatch also reads "certificate verify failed: …".
    for marker in ("IP address mismatch", "hostname", "wrong version", "certificate verify failed"):
        if marker.lower() in text.lower():
            return marker
    return "handshake"


def _error_code(content: bytes) -> ErrorCode | None:
    try:
        return ErrorCode(json.loads(content)["code"])
    except (ValueError, KeyError, TypeError):
        return None


def _error(code: ErrorCode | None, status: int) -> AppError:
    """The AppError for a refusal; the UI translates its code, never the server's detail."""
    if code in _NOT_AUTHORISED:
        return DeviceNotAuthorised(server_code=str(code))
    if code is ErrorCode.ENROLMENT_CODE_INVALID:
        return EnrolmentCodeInvalid()
    if code in _AUDIT:
        return AuditRefused(str(code), server_code=str(code))
    if code in _UNAVAILABLE or (code is None and status >= 500) or status in RETRY_STATUSES:
        return ServerUnavailable(server_code=str(code or status))
    return ServerRefused(server_code=str(code or status))
