"""A fault-injecting TCP proxy for tests: sits between mailmover and Dovecot on loopback.

It does what no real part does on demand: drops a connection in the middle of a FETCH or
APPEND literal or just before a tagged OK, stalls, delays, or answers for the server
(`NO [OVERQUOTA]`, `NO [LIMIT]`, `NO [UNAVAILABLE]`, `* BYE`, "too large"). Faults fire
on a schedule (the k-th match across all connections) or at random from a seed.
"""

from __future__ import annotations

import contextlib
import random
import re
import socket
import threading
import time
from dataclasses import dataclass, field

DROP = "drop"  # close both sides without forwarding
STALL = "stall"  # stop forwarding for `seconds`, then drop (the client times out)
DELAY = "delay"  # hold the line for `seconds`, then forward it
REPLACE = "replace"  # send `reply` (with the line's tag) instead of the server's line
BYE = "bye"  # send `* BYE <reply or "Server shutting down">` instead, then close
REFUSE = "refuse"  # c2s: answer the client's command with `reply` instead of forwarding it
REWRITE = "rewrite"  # forward the line with `pattern` replaced by `reply` (imitate a server)


@dataclass
class Fault:
    """Fire `action` at the `nth` (1-based, across connections) matching point.

    `direction` "s2c" matches server lines by `pattern`; "c2s" matches client lines.
    `after_bytes` instead fires once `after_bytes` bytes have passed in that direction
    within one connection (to cut a literal in half).
    """

    action: str
    pattern: bytes = rb""
    nth: int = 1
    direction: str = "s2c"
    after_bytes: int | None = None
    reply: bytes = b""
    seconds: float = 0.0
    fired: int = 0
    seen: int = 0
    repeat: int = 1  # how many times it fires (consecutive matches from nth)

    def wants(self, line: bytes) -> bool:
        if self.fired >= self.repeat or self.after_bytes is not None:
            return False
        if not re.search(self.pattern, line):
            return False
        self.seen += 1
        return self.seen >= self.nth


# Server lines that mark a message moving: a FETCH body on the source, an APPEND's OK on
# the destination. Random drops count these so every connection makes some progress.
PROGRESS_LINE = re.compile(rb"^\* \d+ FETCH .*BODY\[\]|^\S+ OK \[APPENDUID")


@dataclass
class RandomDrops:
    """Drop each new connection with probability `p`, after 1..`max_events` messages have
    moved on it and then a random 0..`max_extra` bytes more (often inside a literal)."""

    seed: int
    p: float = 0.5
    max_events: int = 8
    max_extra: int = 20_000
    budget: int = 200
    rng: random.Random = field(init=False)
    lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def spend(self) -> bool:
        """Take one drop from the budget (shared by the proxies that use this plan)."""
        with self.lock:
            if self.budget <= 0:
                return False
            self.budget -= 1
            return True

    def plan(self) -> tuple[int, int] | None:
        # The budget is spent when a drop fires, not here: most planned drops never
        # happen because another connection's drop ends the attempt first.
        if self.budget <= 0 or self.rng.random() >= self.p:
            return None
        return self.rng.randint(1, self.max_events), self.rng.randrange(0, self.max_extra)


@dataclass
class ByteCuts:
    """A flaky line: each new connection is cut, with probability `p`, once a random
    `low`..`high` bytes have passed through it (both directions together), so long
    downloads and long uploads alike break part way. One plan may serve both proxies."""

    seed: int
    p: float = 0.75
    low: int = 30_000
    high: int = 4_000_000
    rng: random.Random = field(init=False)
    lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    cuts: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def plan(self) -> int | None:
        with self.lock:
            if self.rng.random() >= self.p:
                return None
            return self.rng.randint(self.low, self.high)


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        faults: list[Fault] | None = None,
        random_drops: RandomDrops | None = None,
        byte_cuts: ByteCuts | None = None,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.faults = faults or []
        self.random_drops = random_drops
        self.byte_cuts = byte_cuts
        self.injected = 0
        self.connections = 0
        self.bytes = {"c2s": 0, "s2c": 0}  # forwarded, all connections together
        self._lock = threading.Lock()
        self._sock = self._listen(0)
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._open: set[socket.socket] = set()
        self._conns: set[_Conn] = set()
        threading.Thread(target=self._accept, args=(self._sock,), daemon=True).start()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(64)
        return sock

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        with self._lock:
            for s in list(self._open):
                _close(s)

    def sleep(self, seconds: float) -> None:
        """The computer goes to sleep (or changes networks): every open connection dies
        and new ones are refused (nothing listens) for `seconds`, then accepted again."""
        with self._lock:
            conns = list(self._conns)
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._sock.close()
        for conn in conns:
            conn.kill()

        def wake() -> None:
            if self._stop.wait(seconds):
                return
            self._sock = self._listen(self.port)
            self._accept(self._sock)

        threading.Thread(target=wake, daemon=True).start()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------
    def _accept(self, sock: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                client, _ = sock.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                _close(client)
                continue
            server.settimeout(None)
            # Many small line-by-line writes: without NODELAY, Nagle and delayed ACKs
            # add ~40 ms stalls and the proxy becomes the bottleneck.
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                self._open.update((client, server))
                plan = self.random_drops.plan() if self.random_drops else None
            conn = _Conn(self, client, server, plan)
            conn.byte_cut = self.byte_cuts.plan() if self.byte_cuts else None
            with self._lock:
                self._conns.add(conn)
            threading.Thread(target=conn.pump, args=("c2s",), daemon=True).start()
            threading.Thread(target=conn.pump, args=("s2c",), daemon=True).start()

    def _match(self, direction: str, line: bytes) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.direction == direction and f.wants(line):
                    f.fired += 1
                    self.injected += 1
                    return f
        return None

    def _byte_fault(self, direction: str, total: int) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if (
                    f.direction == direction
                    and f.after_bytes is not None
                    and f.fired < f.repeat
                    and total >= f.after_bytes
                ):
                    f.fired += 1
                    self.injected += 1
                    return f
        return None


class _Conn:
    def __init__(
        self,
        proxy: FaultProxy,
        client: socket.socket,
        server: socket.socket,
        plan: tuple[int, int] | None,
    ) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.plan = plan  # (progress lines, extra bytes) before a random drop
        self.progress = 0
        self.cut: tuple[str, int] | None = None  # (direction, byte offset) once armed
        self.dead = threading.Event()
        self.counts = {"c2s": 0, "s2c": 0}
        self.byte_cut: int | None = None  # ByteCuts: both directions' bytes before a cut

    def kill(self) -> None:
        self.dead.set()
        with self.proxy._lock:
            self.proxy._conns.discard(self)
        _close(self.client)
        _close(self.server)

    def pump(self, direction: str) -> None:
        src, dst = (self.client, self.server) if direction == "c2s" else (self.server, self.client)
        pending = b""
        try:
            while not self.dead.is_set():
                data = src.recv(65536)
                if not data:
                    break
                pending += data
                # Forward whole lines (literal bytes count as lines too: bodies never
                # contain tagged IMAP responses in our corpora).
                while True:
                    idx = pending.find(b"\n")
                    if idx < 0:
                        # Keep long literal chunks flowing without waiting for a newline.
                        if len(pending) > 16384:
                            chunk, pending = pending, b""
                            if not self._send(direction, dst, chunk):
                                return
                        break
                    line, pending = pending[: idx + 1], pending[idx + 1 :]
                    if not self._handle(direction, dst, line):
                        return
        except OSError:
            pass
        self.kill()

    def _send(self, direction: str, dst: socket.socket, data: bytes) -> bool:
        before = self.counts[direction]
        if self.byte_cut is not None:
            both = self.counts["c2s"] + self.counts["s2c"]
            if both + len(data) >= self.byte_cut:
                cuts = self.proxy.byte_cuts
                if cuts is not None:
                    with cuts.lock:
                        cuts.cuts += 1
                with self.proxy._lock:
                    self.proxy.injected += 1
                keep, self.byte_cut = self.byte_cut - both, None
                dst.sendall(data[: max(0, keep)])
                self.kill()
                return False
        self.counts[direction] += len(data)
        with self.proxy._lock:
            self.proxy.bytes[direction] += len(data)
        total = self.counts[direction]
        if self.cut and self.cut[0] == direction and before < self.cut[1] <= total:
            drops = self.proxy.random_drops
            fire = drops is not None and drops.spend()
            if fire:
                with self.proxy._lock:
                    self.proxy.injected += 1
            if fire:
                dst.sendall(data[: self.cut[1] - before])
                self.kill()
                return False
            self.cut = None
        fault = self.proxy._byte_fault(direction, total)
        if fault is not None:
            dst.sendall(data[: max(0, fault.after_bytes - before)] if fault.after_bytes else b"")
            return self._act(fault, dst, b"")
        dst.sendall(data)
        return True

    def _handle(self, direction: str, dst: socket.socket, line: bytes) -> bool:
        if self.plan and direction == "s2c" and self.cut is None and PROGRESS_LINE.search(line):
            self.progress += 1
            if self.progress >= self.plan[0]:
                self.cut = ("s2c", self.counts["s2c"] + 1 + self.plan[1])
        fault = self.proxy._match(direction, line)
        if fault is None:
            return self._send(direction, dst, line)
        return self._act(fault, dst, line)

    def _act(self, fault: Fault, dst: socket.socket, line: bytes) -> bool:
        if fault.action == DROP:
            self.kill()
            return False
        if fault.action == STALL:
            self.dead.wait(fault.seconds)
            self.kill()
            return False
        if fault.action == DELAY:
            time.sleep(fault.seconds)
            dst.sendall(line)
            return True
        if fault.action == BYE:
            self.client.sendall(b"* BYE " + (fault.reply or b"Server shutting down") + b"\r\n")
            self.kill()
            return False
        if fault.action == REFUSE:
            tag = line.split(b" ", 1)[0]
            self.client.sendall(tag + b" " + fault.reply + b"\r\n")
            return True
        if fault.action == REWRITE:
            dst.sendall(re.sub(fault.pattern, fault.reply, line))
            return True
        if fault.action == REPLACE:
            tag = line.split(b" ", 1)[0] if line else b"*"
            self.client.sendall(tag + b" " + fault.reply + b"\r\n")
            return True
        raise ValueError(fault.action)


def _close(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()
