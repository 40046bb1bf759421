"""The accounts list of a batch: reading the CSV, checking it, and building Accounts.

Every problem is found before anything moves, and all of them at once: an IT office
fixing a list of 300 rows wants every bad row named, not one per attempt.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from mailmover import hardening, textsafe
from mailmover.engine import SCHEMES, Account, TokenSource, errors

REQUIRED = ("source_user", "target_user")
OPTIONAL = (
    "source_password",
    "target_password",
    "source_password_file",
    "target_password_file",
    "source_auth",  # "oauth" or "password": this row's sign-in, over the side's default
    "target_auth",
)
AUTH_VALUES = ("", "oauth", "password")
COLUMNS = REQUIRED + OPTIONAL
SIDES = ("source", "target")


class BatchInputError(Exception):
    """Bad input found before anything moved; `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Row:
    """One CSV line (`line` is its line number in the file, for messages)."""

    line: int
    source_user: str
    target_user: str
    # Never shown in repr, logs or summaries.
    source_password: str = field(default="", repr=False)
    target_password: str = field(default="", repr=False)
    source_password_file: str = ""
    target_password_file: str = ""
    source_auth: str = ""
    target_auth: str = ""

    def user(self, side: str) -> str:
        return self.source_user if side == "source" else self.target_user

    def password(self, side: str) -> str:
        return self.source_password if side == "source" else self.target_password

    def password_file(self, side: str) -> str:
        return self.source_password_file if side == "source" else self.target_password_file

    def auth(self, side: str) -> str:
        return self.source_auth if side == "source" else self.target_auth


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), else GBK as Excel writes it in China."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK: a file saved as "ANSI" on a Chinese Windows reads.
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError as exc:
        raise BatchInputError(
            [f"the accounts file is neither UTF-8 nor GBK (byte {exc.start}): save it as UTF-8"]
        ) from None


def read_rows(path: Path) -> list[Row]:
    """Parse and check the accounts CSV; raises BatchInputError listing every problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BatchInputError([f"cannot read {path}: {exc.strerror}"]) from None
    text, _ = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise BatchInputError([f"{path} is empty: it needs a header row"]) from None
    except csv.Error as exc:
        raise BatchInputError([f"{path}: {exc}"]) from None
    names = [h.strip().lower() for h in header]
    problems: list[str] = []
    unknown = [h for h in names if h not in COLUMNS]
    if unknown:
        problems.append(
            f"unknown column(s) {', '.join(repr(u) for u in unknown)}; known: {', '.join(COLUMNS)}"
        )
    for col in REQUIRED:
        if col not in names:
            problems.append(f"the header has no {col} column")
    twice = sorted({h for h in names if names.count(h) > 1})
    if twice:
        problems.append(f"column(s) given twice: {', '.join(twice)}")
    if problems:
        raise BatchInputError(problems)

    rows: list[Row] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank lines (a trailing one from Excel) are not accounts
            if len(values) > len(names):
                problems.append(f"line {line}: {len(values)} fields, the header has {len(names)}")
                continue
            cells = dict(zip(names, values, strict=False))
            # User names and file names are trimmed; passwords are taken as written.
            get = {k: (v if k.endswith("_password") else v.strip()) for k, v in cells.items()}
            row = Row(
                line,
                get.get("source_user", ""),
                get.get("target_user", ""),
                get.get("source_password", ""),
                get.get("target_password", ""),
                get.get("source_password_file", ""),
                get.get("target_password_file", ""),
                get.get("source_auth", "").lower(),
                get.get("target_auth", "").lower(),
            )
            for side in SIDES:
                if row.auth(side) not in AUTH_VALUES:
                    problems.append(
                        f"line {line}: {side}_auth is {textsafe.shown(row.auth(side))!r}; "
                        "write oauth, password or nothing"
                    )
                user = row.user(side)
                at = textsafe.control_at(user)
                if not user:
                    problems.append(f"line {line}: the {side} user name is empty")
                elif at is not None:
                    # CR/LF would split the LOGIN into commands of the file's author.
                    problems.append(
                        f"line {line}: the {side} user name {textsafe.shown(user)} contains "
                        f"a control character ({textsafe.describe_char(user, at)})"
                    )
            rows.append(row)
    except csv.Error as exc:
        problems.append(f"line {reader.line_num}: {exc}")
    if not rows and not problems:
        problems.append(f"{path} lists no accounts")
    problems += _duplicates(rows)
    if problems:
        raise BatchInputError(problems)
    return rows


def _duplicates(rows: list[Row]) -> list[str]:
    """Repeated rows and targets: two moves into one mailbox would race."""
    problems: list[str] = []
    seen_pair: dict[tuple[str, str], int] = {}
    seen_target: dict[str, int] = {}
    for row in rows:
        if not row.source_user or not row.target_user:
            continue
        pair = (row.source_user.lower(), row.target_user.lower())
        target = row.target_user.lower()
        if pair in seen_pair:
            problems.append(f"line {row.line} repeats line {seen_pair[pair]}")
        elif target in seen_target:
            problems.append(
                f"line {row.line}: the target {row.target_user} is also used on line "
                f"{seen_target[target]}; one mailbox takes one move"
            )
        seen_pair.setdefault(pair, row.line)
        seen_target.setdefault(target, row.line)
    return problems


def has_passwords(rows: list[Row]) -> bool:
    return any(row.password(side) for row in rows for side in SIDES)


def readable_by_others(path: Path) -> bool:
    """Like ssh with a private key: group or world access to a secret is refused."""
    if sys.platform == "win32":  # pragma: no cover - ACLs, not mode bits
        return False
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


@dataclass(frozen=True)
class Server:
    """Where one side's accounts live: `imaps://HOST[:PORT]` without a user."""

    host: str
    port: int
    security: str

    @property
    def key(self) -> str:
        return f"{self.host}:{self.port}"


def parse_server(url: str) -> Server:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BatchInputError([f"{url}: {exc}"]) from None
    if parts.scheme not in SCHEMES:
        raise BatchInputError([f"{url}: use imaps://, imap:// or imap+plain://"])
    if not parts.hostname:
        raise BatchInputError([f"{url}: need a host, e.g. imaps://mail.uni.edu.cn"])
    if parts.password is not None:
        raise BatchInputError([f"{url}: put no password in the address"])
    if parts.username is not None:
        raise BatchInputError([f"{url}: the user names come from the accounts file"])
    security, default_port = SCHEMES[parts.scheme]
    return Server(parts.hostname, port or default_port, security)


@dataclass(frozen=True)
class Credentials:
    """One side's password sources beyond the CSV columns (read once, kept in memory)."""

    admin_user: str | None = None
    admin_password: str = field(default="", repr=False)
    shared_password: str = field(default="", repr=False)  # --X-password-file or environment


@dataclass(frozen=True)
class Job:
    """One account to move: the row it came from and both Accounts, passwords filled in
    (or their OAuth sign-ins). `refused`: why it cannot start (e.g. nobody signed it in
    ahead): it fails alone, with that sentence, and the others move."""

    row: Row
    source: Account
    target: Account
    refused: errors.MailMoverError | None = field(default=None, compare=False)


# Which token source an account signs in with, None for a password (batch/signins.py).
SignInFor = Callable[[Row, str, Account], TokenSource | None]


def read_secret_file(path: Path, what: str, allow_readable: bool) -> str:
    """An owner-only regular file, no link (hardening.secret_file)."""
    try:
        return hardening.secret_file(path, what, allow_readable=allow_readable)
    except hardening.SecretFileError as exc:
        hint = " (or pass --allow-readable-csv)" if "other users" in str(exc) else ""
        raise BatchInputError([f"{exc}{hint}"]) from None


def row_password_file(name: str, password_dir: Path | None, what: str) -> Path:
    """A row's password file, only inside the folder the operator named: a batch file
    may not make mailmover read ~/.ssh/id_rsa and send it as a password."""
    if password_dir is None:
        raise BatchInputError(
            [f"{what} {name}: name the folder that holds the password files with "
             "--password-dir DIR (files elsewhere are never read)"]
        )  # fmt: skip
    base = os.path.realpath(password_dir)
    path = Path(password_dir) / name
    real = os.path.realpath(path)
    if os.path.commonpath([base, real]) != base or os.path.islink(path):
        raise BatchInputError([f"{what} {name} is not a file inside --password-dir {password_dir}"])
    return path


def build_jobs(
    rows: list[Row],
    servers: dict[str, Server],
    credentials: dict[str, Credentials],
    *,
    csv_dir: Path,
    template: Account,
    allow_readable: bool = False,
    password_dir: Path | None = None,
    sign_in: SignInFor | None = None,
) -> list[Job]:
    """Accounts for every row; every row without a password is named before any move.

    An account that signs in with OAuth (`sign_in` gives its token source) needs no
    password. Else a row's own password (column, then file) comes first, then the
    administrator login, then the password shared by all rows of that side.
    """
    problems: list[str] = []
    jobs: list[Job] = []
    for row in rows:
        accounts: dict[str, Account] = {}
        for side in SIDES:
            server, cred = servers[side], credentials[side]
            account = replace(
                template,
                host=server.host,
                port=server.port,
                security=server.security,
                user=row.user(side),
            )
            try:
                tokens = sign_in(row, side, account) if sign_in is not None else None
            except BatchInputError as exc:
                problems += exc.problems
                continue
            if tokens is not None:
                accounts[side] = replace(account, oauth=tokens)
                continue
            password, admin = row.password(side), None
            if not password and row.password_file(side):
                what = f"line {row.line}: the {side} password file"
                try:
                    file = row_password_file(row.password_file(side), password_dir, what)
                    password = read_secret_file(file, what, allow_readable)
                except BatchInputError as exc:
                    problems += exc.problems
                    continue
            if not password and cred.admin_user:
                password, admin = cred.admin_password, cred.admin_user
            if not password:
                password = cred.shared_password
            if not password:
                problems.append(
                    f"line {row.line}: no {side} password ({side}_password column, "
                    f"{side}_password_file column, --{side}-admin, --{side}-password-file "
                    f"or MAILMOVER_{side.upper()}_PASSWORD)"
                )
                continue
            accounts[side] = replace(account, password=password, admin_user=admin)
        if len(accounts) == 2:
            jobs.append(Job(row, accounts["source"], accounts["target"]))
    if problems:
        raise BatchInputError(problems)
    return jobs
