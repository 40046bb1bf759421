"""Coremail and Exmail as seen from the outside, emulated by a proxy in front of a real server.

The proxy understands just enough IMAP (lines, literals, tags) to behave like the two
providers mailmover's users have, as described in docs/providers.md:

- Coremail: greets as Coremail, does not advertise ID but refuses SELECT/EXAMINE with
  "Unsafe Login" until the client sent ID.
- Exmail: greets as Tencent's server, advertises neither LITERAL+ nor MULTIAPPEND nor
  SPECIAL-USE, refuses a user folder at the top level (user folders go under 其他文件夹/),
  refuses messages over its size limit (50 MB; smaller in tests), allows 3 sessions and
  refuses the 4th at login (NO or BYE), answers bursts of APPENDs with NO [UNAVAILABLE].

Everything else is the real server behind it (Dovecot, or pymap for a strict grammar).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from imapclient.imap_utf7 import encode as utf7_encode

_LITERAL = re.compile(rb"\{(\d+)(\+?)\}\r\n$")
_CAPS = re.compile(rb"(\* CAPABILITY |\[CAPABILITY )([^\]\r\n]*)")

COREMAIL_GREETING = b"* OK Coremail System IMap Server Ready(coremail-emulation)\r\n"
EXMAIL_GREETING = b"* OK XMIMAP4Server ready\r\n"
EXMAIL_USER_PARENT = "其他文件夹"
EXMAIL_FOLDERS = ("Sent Messages", "Drafts", "Deleted Messages", "Junk")
# What Exmail advertises: the proxy removes everything else the real server offers.
EXMAIL_CAPABILITIES = frozenset(
    b"IMAP4 IMAP4REV1 XLIST MOVE IDLE NAMESPACE CHILDREN ID UIDPLUS AUTH=PLAIN AUTH=LOGIN".split()
)


@dataclass
class Session:
    """One client connection through the proxy."""

    number: int
    id_sent: bool = False
    logged_in: bool = False
    counted: bool = False  # holds one of the provider's session slots
    login_tags: set[bytes] = field(default_factory=set)
    xlist_tags: set[bytes] = field(default_factory=set)  # XLIST answered as LIST + flags


@dataclass
class Behaviour:
    """The provider's rules; the base class changes nothing."""

    greeting: bytes | None = None
    keep_capabilities: frozenset[bytes] | None = None  # None: keep all
    drop_capabilities: frozenset[bytes] = frozenset()

    def capabilities(self, caps: bytes) -> bytes:
        words = caps.split()
        kept = [
            w
            for w in words
            if w.upper() not in self.drop_capabilities
            and (self.keep_capabilities is None or w.upper() in self.keep_capabilities)
        ]
        return b" ".join(kept)

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | Iterable[bytes] | None:
        """A reply to send instead of forwarding the command (bytes, or parts sent one
        after another until the client goes away), or None to forward it."""
        return None

    def logged_in(self, proxy: ProviderProxy, s: Session) -> None:
        pass

    def rewrite(self, s: Session, line: bytes) -> bytes:
        """A command line as the server should see it."""
        return line

    def response(self, s: Session, line: bytes) -> bytes:
        """A server line as the client should see it."""
        return line

    def item(self, s: Session, data: bytes) -> bytes:
        """A whole server response (its line with any literals) as the client sees it."""
        return data


@dataclass
class Coremail(Behaviour):
    """ID required but not advertised; SELECT before ID is an 'Unsafe Login'."""

    greeting: bytes | None = COREMAIL_GREETING
    drop_capabilities: frozenset[bytes] = frozenset({b"ID"})
    refused_selects: int = 0

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name == b"ID":
            s.id_sent = True
        elif name in (b"SELECT", b"EXAMINE") and not s.id_sent:
            self.refused_selects += 1
            return tag + b" NO SELECT Unsafe Login. Please contact kefu@188.com for help\r\n"
        return None


@dataclass
class Exmail(Behaviour):
    """Tencent Exmail's limits."""

    greeting: bytes | None = EXMAIL_GREETING
    keep_capabilities: frozenset[bytes] | None = EXMAIL_CAPABILITIES
    max_sessions: int = 3
    refuse_with_bye: bool = False
    max_message: int = 50 * 1024 * 1024
    burst: int = 40  # APPENDs in `burst_window` seconds before NO [UNAVAILABLE]
    burst_window: float = 1.0
    refused_logins: int = 0
    refused_creates: int = 0
    refused_bursts: int = 0
    refused_sizes: int = 0
    _appends: deque[float] = field(default_factory=deque)

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name in (b"LOGIN", b"AUTHENTICATE"):
            with proxy.lock:
                # Counted from the LOGIN on: logins arriving together must not all pass.
                open_sessions = [x for x in proxy.sessions if x.counted and x.number in proxy._open]
                if len(open_sessions) < self.max_sessions:
                    s.counted = True
                    return None
            self.refused_logins += 1
            if self.refuse_with_bye:
                return b"* BYE Too many connections, login refused\r\n"
            return tag + b" NO [LIMIT] Too many connections. Please try again later\r\n"
        elif name == b"CREATE":
            mailbox = _mailbox_argument(line)
            parent = utf7_encode(EXMAIL_USER_PARENT) + b"/"
            if not mailbox.startswith(parent) and mailbox.upper() != b"INBOX":
                self.refused_creates += 1
                return tag + b" NO [CANNOT] Create failed: folders go under " + parent + b"\r\n"
        elif name == b"APPEND":
            m = _LITERAL.search(line)
            if m and int(m.group(1)) > self.max_message:
                self.refused_sizes += 1
                mb = self.max_message / (1024 * 1024)
                return tag + f" NO [TOOBIG] Message too large: limit {mb:g} MB\r\n".encode()
            now = time.monotonic()
            with proxy.lock:
                while self._appends and now - self._appends[0] > self.burst_window:
                    self._appends.popleft()
                if len(self._appends) >= self.burst:
                    self.refused_bursts += 1
                    return tag + b" NO [UNAVAILABLE] Server busy, please try again later\r\n"
                self._appends.append(now)
        return None

    def rewrite(self, s: Session, line: bytes) -> bytes:
        # XLIST (the QQ family's role flags): the real server behind answers it as LIST.
        words = line.split(b" ", 2)
        if len(words) == 3 and words[1].upper() == b"XLIST":
            s.xlist_tags.add(words[0])
            return words[0] + b" LIST " + words[2]
        return line

    def response(self, s: Session, line: bytes) -> bytes:
        if not s.xlist_tags:
            return line
        if line.startswith(b"* LIST "):
            m = re.match(rb'\* LIST \(([^)]*)\) ("[^"]*"|NIL) "?([^"\r\n]*)"?\r\n', line)
            if m:
                flag = _XLIST_ROLES.get(m.group(3))
                flags = m.group(1) + (b" " + flag if flag and m.group(1) else flag or b"")
                return b"* XLIST (" + flags + b") " + line[m.end(1) + 2 :]
            return b"* XLIST " + line[len(b"* LIST ") :]
        tag = line.split(b" ", 1)[0]
        if tag in s.xlist_tags:
            s.xlist_tags.discard(tag)
        return line


# The flags the QQ family's XLIST gives its own folders (PROVIDERS.md).
_XLIST_ROLES = {
    b"INBOX": b"\\Inbox",
    b"Sent Messages": b"\\Sent",
    b"Drafts": b"\\Drafts",
    b"Deleted Messages": b"\\Trash",
    b"Junk": b"\\Spam",
}


@dataclass
class RefuseSelect(Behaviour):
    """Refuses SELECT/EXAMINE of the folders in `mailboxes` (as sent, modified UTF-7)."""

    mailboxes: frozenset[bytes] = frozenset()
    text: bytes = b"NO [UNAVAILABLE] Mailbox is temporarily locked by the administrator"
    refused: int = 0

    def command(
        self, proxy: ProviderProxy, s: Session, tag: bytes, name: bytes, line: bytes
    ) -> bytes | None:
        if name in (b"SELECT", b"EXAMINE") and _mailbox_argument(line) in self.mailboxes:
            self.refused += 1
            return tag + b" " + self.text + b"\r\n"
        return None


@dataclass
class DropAppendFlags(Behaviour):
    """Like GNU imap4d: flags given to APPEND are ignored (STORE works afterwards);
    with `dates=True` its date too (the server stores the time of arrival)."""

    # imap4d has no MULTIAPPEND: each message is its own APPEND command, whose flags and
    # date this rewrites (in a MULTIAPPEND only the first message's would be).
    drop_capabilities = frozenset({b"MULTIAPPEND"})

    def __init__(self, dates: bool = False) -> None:
        self.dates = dates

    def rewrite(self, s: Session, line: bytes) -> bytes:
        words = line.split(b" ", 2)
        if len(words) == 3 and words[1].upper() == b"APPEND":
            line = re.sub(rb" \([^)]*\)", b"", line, count=1)
            if self.dates:
                date = rb' "[ 0-9]{2}-[A-Za-z]{3}-[0-9]{4} [0-9:]{8} [+-][0-9]{4}"'
                line = re.sub(date, b"", line)
        return line


def _mailbox_argument(line: bytes) -> bytes:
    """The first argument after the command name: an atom or a quoted string."""
    rest = line.rstrip(b"\r\n").split(b" ", 2)[2] if line.count(b" ") >= 2 else b""
    if rest.startswith(b'"'):
        out, i = bytearray(), 1
        while i < len(rest) and rest[i : i + 1] != b'"':
            if rest[i : i + 1] == b"\\":
                i += 1
            out += rest[i : i + 1]
            i += 1
        return bytes(out)
    return rest.split(b" ", 1)[0]


class ProviderProxy:
    """Listens on 127.0.0.1 and forwards to `upstream_port`, applying `behaviour`."""

    def __init__(self, upstream_port: int, behaviour: Behaviour) -> None:
        self.upstream_port = upstream_port
        self.behaviour = behaviour
        self.lock = threading.Lock()
        self.sessions: list[Session] = []
        self._open: set[int] = set()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._stopped = threading.Event()
        self._sockets: list[socket.socket] = []

    def start(self) -> ProviderProxy:
        threading.Thread(target=self._accept, name="provider-proxy", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()
        with self.lock:
            socks = list(self._sockets)
        for s in socks:
            try:
                s.close()
            except OSError:
                pass

    def sessions_logged_in(self) -> int:
        with self.lock:
            return sum(1 for s in self.sessions if s.logged_in and s.number in self._open)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        server.settimeout(None)
        with self.lock:
            s = Session(len(self.sessions) + 1)
            self.sessions.append(s)
            self._open.add(s.number)
            self._sockets += [client, server]
        send_lock = threading.Lock()

        def to_client(data: bytes) -> None:
            with send_lock:
                client.sendall(data)

        t = threading.Thread(
            target=self._server_to_client, args=(server, client, s, to_client), daemon=True
        )
        t.start()
        try:
            self._client_to_server(client, server, s, to_client)
        except OSError:
            pass
        finally:
            with self.lock:
                self._open.discard(s.number)
            for sock in (client, server):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def _client_to_server(
        self, client: socket.socket, server: socket.socket, s: Session, to_client: object
    ) -> None:
        reader = client.makefile("rb")
        send = to_client
        assert callable(send)
        while True:
            line = reader.readline()
            if not line:
                return
            words = line.split(b" ", 3)
            tag = words[0]
            name = words[1].rstrip(b"\r\n").upper() if len(words) > 1 else b""
            if name == b"UID" and len(words) > 2:
                name = words[2].rstrip(b"\r\n").upper()
            reply = self.behaviour.command(self, s, tag, name, line)
            if reply is not None:
                m = _LITERAL.search(line)
                if m and m.group(2):
                    # A non-synchronising literal follows anyway: swallow the command.
                    self._skip_command(reader, int(m.group(1)))
                if not isinstance(reply, bytes):
                    for part in reply:  # a stream: until the client goes away
                        send(part)
                    continue
                send(reply)
                if reply.startswith(b"* BYE"):
                    return
                continue
            if name in (b"LOGIN", b"AUTHENTICATE"):
                s.login_tags.add(tag)
            line = self.behaviour.rewrite(s, line)
            server.sendall(line)
            self._forward_literals(reader, server, line)

    @staticmethod
    def _forward_literals(reader: object, server: socket.socket, line: bytes) -> None:
        """Forward the literals (and their continuation lines) of one command."""
        read = reader.read  # type: ignore[attr-defined]
        readline = reader.readline  # type: ignore[attr-defined]
        m = _LITERAL.search(line)
        while m:
            server.sendall(read(int(m.group(1))))
            line = readline()
            if not line:
                return
            server.sendall(line)
            m = _LITERAL.search(line)

    @staticmethod
    def _skip_command(reader: object, size: int) -> None:
        read = reader.read  # type: ignore[attr-defined]
        readline = reader.readline  # type: ignore[attr-defined]
        while True:
            read(size)
            line = readline()
            m = _LITERAL.search(line)
            if not m:
                return
            size = int(m.group(1))

    def _server_to_client(
        self, server: socket.socket, client: socket.socket, s: Session, send: object
    ) -> None:
        assert callable(send)
        reader = server.makefile("rb")
        first = True
        try:
            while True:
                line = reader.readline()
                if not line:
                    break
                if first and self.behaviour.greeting is not None:
                    line = self.behaviour.greeting
                first = False
                tag = line.split(b" ", 1)[0]
                if tag in s.login_tags and line.split(b" ", 2)[1:2] == [b"OK"]:
                    s.logged_in = True
                    self.behaviour.logged_in(self, s)
                line = _CAPS.sub(
                    lambda m: m.group(1) + self.behaviour.capabilities(m.group(2)), line
                )
                line = self.behaviour.response(s, line)
                out = [line]
                m = _LITERAL.search(line)
                while m:
                    out.append(reader.read(int(m.group(1))))
                    nxt = reader.readline()
                    out.append(nxt)
                    m = _LITERAL.search(nxt)
                send(self.behaviour.item(s, b"".join(out)))
        except OSError:
            pass
        finally:
            for sock in (client, server):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
