"""A fault-injecting TCP proxy for the sync tests: between station and server it drops
connections, cuts answers off part-way (often after the server did the work) and delays bytes;
in front of PostgreSQL it can be switched off and on. It stops by itself after `lifetime` s."""

from __future__ import annotations

import contextlib
import random
import selectors
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass

DROP, CUT, DELAY, PASS = "drop", "cut", "delay", "pass"
# How an HTTP/1.1 request starts: the methods the station sends.
_REQUEST_STARTS = (b"GET ", b"POST ", b"PUT ", b"DELETE ", b"HEAD ")


@dataclass
class Faults:
    """Chance per connection of each fault; the rest pass untouched."""

    drop: float = 0.0  # closed as soon as accepted
    cut: float = 0.0  # the answer is cut off part-way (anything from nothing to half of it)
    delay: float = 0.0  # every chunk waits up to `max_delay` seconds
    max_delay: float = 0.3


NO_FAULTS = Faults()


class FaultProxy:
    """Listens on a free loopback port and forwards to `upstream_port`."""

    def __init__(
        self,
        upstream_port: int,
        faults: Faults = NO_FAULTS,
        *,
        seed: int = 0,
        lifetime: float = 300,
    ) -> None:
        self.upstream_port = upstream_port
        self.faults = faults
        self.random = random.Random(seed)
        self.deadline = time.monotonic() + lifetime
        self.injected: Counter[str] = Counter()
        self._down = False
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._live: set[socket.socket] = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._listener.close()
        self._close_all()

    def set_down(self, down: bool) -> None:
        """Down: every open connection is cut and new ones are refused, as if the host vanished."""
        self._down = down
        if down:
            self._close_all()

    def _close_all(self) -> None:
        with self._lock:
            live, self._live = self._live, set()
        for sock in live:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _roll(self) -> str:
        with self._lock:
            x, f = self.random.random(), self.faults
            fault = DROP if x < f.drop else CUT if x < f.drop + f.cut else PASS
            if fault == PASS and x < f.drop + f.cut + f.delay:
                fault = DELAY
            self.injected[fault] += 1
            return fault

    def _accept_loop(self) -> None:
        while not self._stopped.is_set() and time.monotonic() < self.deadline:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        fault = DROP if self._down else self._roll()
        if fault == DROP:
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._live.update((client, upstream))
        try:
            self._pump(client, upstream, fault)
        finally:
            for sock in (client, upstream):
                with self._lock:
                    self._live.discard(sock)
                sock.close()

    def _pump(self, client: socket.socket, upstream: socket.socket, fault: str) -> None:
        peer = {client: upstream, upstream: client}
        # Even a good connection carries one request only, so keep-alive cannot carry a whole
        # sync past the faults: each request rolls again on a new connection. Counted in
        # requests, not in chunks read, so an answer of any size (a first pull page over
        # 128 KiB) can pass.
        requests_left = 1
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ)
            selector.register(upstream, selectors.EVENT_READ)
            while not self._stopped.is_set() and time.monotonic() < self.deadline:
                for key, _ in selector.select(timeout=0.2):
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    try:
                        data = source.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    if fault == CUT and source is upstream:
                        with self._lock:
                            keep = int(len(data) * self.random.uniform(0, 0.5))
                        with contextlib.suppress(OSError):
                            client.sendall(data[:keep])
                        return
                    if source is client and data.startswith(_REQUEST_STARTS):
                        if self.faults != NO_FAULTS and requests_left == 0:
                            return  # closed before this request: the client sends it anew
                        requests_left -= 1
                    if fault == DELAY:
                        with self._lock:
                            pause = self.random.uniform(0, self.faults.max_delay)
                        time.sleep(pause)
                    try:
                        peer[source].sendall(data)
                    except OSError:
                        return
