"""A loopback TCP proxy that carries what the station sends at `rate` bytes a second, so a test
can stop a sync while a 1 MiB chunk is still on the wire (answers pass at full speed).

The proxy drains the station's socket at once and queues the bytes itself: the station's
kernel would otherwise hold a whole chunk in socket buffers and deliver it even after the
station process was killed. When the station's side closes, what is still queued is dropped and
the server's side reset, as a cut link would lose it; an HTTP client never half-closes while it
waits for its answer, so a close is always the station going away."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections import deque

PIECE = 16 * 1024


class ThrottledLink:
    def __init__(self, upstream_port: int, rate: int) -> None:
        self.upstream_port, self.rate = upstream_port, rate
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._down = False
        self._live: set[_Connection] = set()
        self._lock = threading.Lock()

    def set_down(self, down: bool) -> None:
        """Cut the link (every open connection reset, new ones closed at once), or mend it."""
        with self._lock:
            self._down = down
            live = list(self._live) if down else []
        for connection in live:
            connection.cut()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThrottledLink:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stopped.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._down:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            connection = _Connection(client, upstream, self.rate, self._stopped)
            with self._lock:
                self._live.add(connection)
            connection.start()


class _Connection:
    def __init__(
        self, client: socket.socket, upstream: socket.socket, rate: int, stopped: threading.Event
    ) -> None:
        self.client, self.upstream, self.rate, self.stopped = client, upstream, rate, stopped
        self.queue: deque[bytes] = deque()
        self.ready = threading.Condition()
        self.gone = False

    def start(self) -> None:
        for target in (self._drain_client, self._send_slowly, self._answers):
            threading.Thread(target=target, daemon=True).start()

    def cut(self) -> None:
        with self.ready:
            self.gone = True
            self.queue.clear()
            self.ready.notify()
        self._reset()

    def _drain_client(self) -> None:
        try:
            while data := self.client.recv(PIECE):
                with self.ready:
                    self.queue.append(data)
                    self.ready.notify()
        except OSError:
            pass
        with self.ready:
            self.gone = True
            self.queue.clear()
            self.ready.notify()

    def _send_slowly(self) -> None:
        while not self.stopped.is_set():
            with self.ready:
                while not self.queue and not self.gone:
                    self.ready.wait(0.2)
                if self.gone:
                    break
                data = self.queue.popleft()
            time.sleep(len(data) / self.rate)
            with self.ready:
                if self.gone:
                    break
            try:
                self.upstream.sendall(data)
            except OSError:
                break
        self._reset()

    def _answers(self) -> None:
        try:
            while data := self.upstream.recv(65536):
                self.client.sendall(data)
        except OSError:
            pass
        self._reset()

    def _reset(self) -> None:
        """Close both sides; the server's with a reset, so a half-sent body is never complete."""
        with contextlib.suppress(OSError):
            self.upstream.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        for sock in (self.upstream, self.client):
            # shutdown first: it wakes a thread blocked in recv, which close alone would not.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
