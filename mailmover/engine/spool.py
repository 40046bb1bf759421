"""Large messages downloaded in ranges to a file that survives a dropped connection.

A message above the threshold is fetched as `BODY.PEEK[]<offset.length>` ranges, each
appended to `<key>.part` in the spool folder; after a cut the next attempt continues at
the file's length instead of downloading the message again. A complete download is
renamed to `<key>.eml` and kept until the copy is confirmed (the destination's OK,
recorded, or the copy found there), so an APPEND that was cut is sent again from the
file. The folder and the files are owner-only: they hold someone's mail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mailmover import safefiles
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection

CHUNK = 512 * 1024  # one range: what a cut can lose
# Messages this large are spooled, one range after another. Each range costs a round trip,
# so smaller messages travel whole (measured: a 1 MB threshold cost a third of the speed
# at 20 ms, benchmarks/run.py); a cut then re-downloads at most a few MB.
THRESHOLD = 4 * 1024 * 1024


@dataclass(slots=True)
class Spooled:
    raw: bytes
    flags: tuple[bytes, ...]
    when: datetime | None


class Spool:
    def __init__(self, directory: Path, *, chunk: int = CHUNK, threshold: int = THRESHOLD):
        self.dir = directory
        self.chunk = max(1, chunk)
        self.threshold = threshold
        self.written = 0  # bytes downloaded into part files (progress, even when cut)
        self.resumed = 0  # downloads continued from a partial file (for tests)
        self.reused = 0  # complete downloads sent again without fetching
        # Names of the files there may be: those of earlier runs, then what fetch() makes.
        # Most messages never come here; discarding them must not cost two unlink()s each.
        self._present = self._listed()

    def _paths(self, folder: str, uidvalidity: int, uid: int) -> tuple[Path, Path]:
        key = hashlib.sha256(f"{folder}\0{uidvalidity}\0{uid}".encode()).hexdigest()[:32]
        return self.dir / f"{key}.part", self.dir / f"{key}.eml"

    def _ready(self) -> None:
        safefiles.ensure_dir(self.dir)

    def fetch(
        self, conn: ImapConnection, folder: str, uidvalidity: int, uid: int
    ) -> Spooled | None:
        """The whole message with its flags and date; None when it is gone from the
        source. A broken connection raises (ConnectionFault) and leaves the part file."""
        meta = ops.fetch_meta(conn, [uid]).get(uid)
        if meta is None:
            return None
        flags, when = meta.flags, meta.when
        part, done = self._paths(folder, uidvalidity, uid)
        self._ready()
        self._present.update((part.name, done.name))
        if os.path.lexists(done):
            self.reused += 1
            return Spooled(safefiles.read_own(done), flags, when)
        fd = safefiles.open_own(part, os.O_WRONLY | os.O_APPEND)
        with os.fdopen(fd, "ab") as out:
            offset = out.seek(0, os.SEEK_END)
            if offset:
                self.resumed += 1
            while True:
                got = ops.fetch_range(conn, uid, offset, self.chunk)
                if got.gone:
                    return None  # expunged meanwhile
                if got.whole is not None:
                    # A server that ignores the range sends the whole message: keep it.
                    out.truncate(0)
                    out.write(got.whole)
                    offset = len(got.whole)
                    break
                data = got.data
                if not data and offset == 0:
                    raise faults.lost("empty range", conn.scope(folder, (uid,)))
                    # never an empty copy of a message: try again (next attempt)
                out.write(data)
                out.flush()  # what arrived survives a cut (and a crash) of the program
                self.written += len(data)
                offset += len(data)
                if len(data) < self.chunk:
                    break
        os.replace(part, done)
        return Spooled(safefiles.read_own(done), flags, when)

    def discard(self, folder: str, uidvalidity: int, uid: int) -> None:
        """The copy is confirmed (or the message failed for good): the file goes."""
        present = self._present
        for path in self._paths(folder, uidvalidity, uid):
            if path.name in present:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                present.discard(path.name)

    def _listed(self) -> set[str]:
        try:
            return set(os.listdir(self.dir))
        except OSError:  # not there yet (or unreadable: fetch() will say so)
            return set()

    def clear(self) -> None:
        """Everything (after a run that ended exact): nothing of the mail stays behind."""
        self._present.clear()
        if not self.dir.is_dir():
            return
        for path in self.dir.iterdir():
            if path.suffix in (".part", ".eml"):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        with contextlib.suppress(OSError):
            self.dir.rmdir()
