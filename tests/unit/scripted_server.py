"""A scripted IMAP peer on 127.0.0.1 that replays a transcript: no real server needed.

Each step is (what the client must send, what to answer). The client's line must
match the regular expression (the tag is captured as `tag` and reused in the answer as
`{tag}`); a literal the client announces with `{n}` is read (after our `+` for a
synchronising one) and checked too. Anything unexpected is recorded in `errors` and the
connection is closed, so the test fails on the bytes.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass, field

_LITERAL = re.compile(rb"\{(\d+)(\+?)\}\r\n$")


@dataclass
class Step:
    expect: bytes  # regular expression for the client's whole command, literals included
    reply: bytes  # may contain {tag}
    continuation: bytes = b"+ go ahead\r\n"  # sent before each synchronising literal
    continues: bool = False  # the client's answer to our "+" (SASL): no tag of its own


@dataclass
class ScriptedServer:
    greeting: bytes
    steps: list[Step]
    received: list[bytes] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(1)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._sock.close()
        self._thread.join(5)

    def _serve(self) -> None:
        try:
            conn, _ = self._sock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            reader = conn.makefile("rb")
            conn.sendall(self.greeting)
            tag = b"*"
            for step in self.steps:
                command = self._read_command(conn, reader, step)
                if command is None:
                    return
                self.received.append(command)
                m = re.fullmatch(step.expect, command, re.S)
                if m is None:
                    self.errors.append(f"expected {step.expect!r}, got {command!r}")
                    return
                if not step.continues:
                    tag = command.split(b" ", 1)[0]
                conn.sendall(step.reply.replace(b"{tag}", tag))
            # Whatever else the client says (LOGOUT) is answered politely.
            for line in reader:
                tag = line.split(b" ", 1)[0]
                if b"LOGOUT" in line.upper():
                    conn.sendall(b"* BYE bye\r\n" + tag + b" OK LOGOUT done\r\n")
                    return
                conn.sendall(tag + b" OK done\r\n")

    def _read_command(self, conn: socket.socket, reader: object, step: Step) -> bytes | None:
        data = b""
        while True:
            line = reader.readline()  # type: ignore[attr-defined]
            if not line:
                self.errors.append(f"connection closed while waiting for {step.expect!r}")
                return None
            data += line
            m = _LITERAL.search(line)
            if m is None:
                return data
            if m.group(2) != b"+":
                conn.sendall(step.continuation)
            data += reader.read(int(m.group(1)))  # type: ignore[attr-defined]
