"""Pre-flight check: will this move work? Run before copying (CLI `doctor`, the wizard).

Logs in to both sides, lists what will be moved, compares it with the new mailbox's free
space and message-size limit, and probes the new mailbox for a restricted IMAP view
(Exmail's "last 30 days" setting) by storing an old-dated test message in a scratch
folder and checking it can be seen. Every finding is a code + params; `english()` and
`fix_english()` are the default texts the UI translates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mailmover.engine import (
    PROBE_DATE,
    Account,
    FolderMapping,
    ImapConnection,
    Listing,
    Logins,
    Migration,
    MoveOptions,
    Preset,
    SizeStats,
    ViewProbe,
    append_limit,
    connect,
    days_needed,
    decide_quirks,
    errors,
    load_presets,
    probe_view,
    read_quota,
    size_stats,
)
from mailmover.units import format_size

OK, WARNING, PROBLEM = "ok", "warning", "problem"

LOGIN_OK = "doctor.login_ok"
LOGIN_FAILED = "doctor.login_failed"
FOLDERS = "doctor.folders"
QUOTA_OK = "doctor.quota_ok"
QUOTA_TIGHT = "doctor.quota_tight"
QUOTA_SHORT = "doctor.quota_short"
QUOTA_UNKNOWN = "doctor.quota_unknown"
SIZE_OK = "doctor.size_ok"
SIZE_NO_LIMIT = "doctor.size_no_limit"
SIZE_TOO_LARGE = "doctor.size_too_large"
VIEW_OK = "doctor.view_ok"
VIEW_RESTRICTED = "doctor.view_restricted"
VIEW_FOLDERS_HIDDEN = "doctor.view_folders_hidden"
VIEW_PROBE_FAILED = "doctor.view_probe_failed"
PROBE_LEFTOVER = "doctor.probe_leftover"
CREATE_REFUSED = "doctor.create_refused"
NAMESPACE = "doctor.namespace"
DAILY_LIMIT = "doctor.daily_limit"  # Gmail's (or the chosen) daily budget: days needed

TIGHT_RATIO = 0.9  # warn when the move would fill more than this share of the free space

_TEXT: dict[str, str] = {
    LOGIN_OK: "Logged in to the {side_name} mailbox {user} on {host} (server: {server}).",
    LOGIN_FAILED: "Could not log in to the {side_name} mailbox {user} on {host}: {reason}",
    FOLDERS: "{folders} folders to move: {messages} messages, {size_text}"
    " ({skipped} folders left out).",
    QUOTA_OK: "The new mailbox has {free_text} free; the move needs at most {needed_text}.",
    QUOTA_TIGHT: "The new mailbox has {free_text} free and the move needs up to {needed_text}:"
    " it will be nearly full.",
    QUOTA_SHORT: "The new mailbox has only {free_text} free ({used_text} of {limit_text} used),"
    " but the move needs up to {needed_text}.",
    QUOTA_UNKNOWN: "The new server reports no storage limit for this mailbox.",
    SIZE_OK: "The largest message ({largest_text}) is within the new mailbox's limit"
    " ({limit_text}).",
    SIZE_NO_LIMIT: "The largest message is {largest_text}; the new server announces no"
    " message-size limit.",
    SIZE_TOO_LARGE: "{count} messages are larger than the new mailbox accepts ({limit_text});"
    " the largest is {largest_text} in {folder}.",
    VIEW_OK: "A test message dated {date} was visible in the new mailbox: older mail will be"
    " visible to mail programs too.",
    VIEW_RESTRICTED: "The new mailbox hides older mail from mail programs: a test message dated"
    " {date} was stored but could not be seen.",
    VIEW_FOLDERS_HIDDEN: "The new mailbox hides your own folders from mail programs: a test"
    " folder was created but does not appear in the folder list.",
    VIEW_PROBE_FAILED: "The visibility test could not run on the new mailbox: {detail}",
    PROBE_LEFTOVER: "The test folder {folder} could not be removed from the new mailbox.",
    CREATE_REFUSED: "The new mailbox refused to create a folder ({folder}): your folders"
    " other than INBOX would not arrive. The server said: {detail}",
    DAILY_LIMIT: "At {whose} ({per_day} MB a day) this move of {size_text} takes about"
    " {days} day(s): each day it stops when the limit is reached.",
    NAMESPACE: "Your own folders on the {side_name} server live under {prefix}; folders"
    " are read and created there (for example {example}).",
}

_FIX: dict[str, str] = {
    DAILY_LIMIT: "Start the move again once a day until it is done: it continues where it"
    " stopped and copies nothing twice.",
    QUOTA_TIGHT: "Ask the IT office for more space, or leave out folders you do not need"
    " (for example Trash or Junk).",
    QUOTA_SHORT: "Ask the IT office to raise the new mailbox's quota to at least"
    " {suggest_text}, or leave out large folders you do not need (Trash, Junk).",
    SIZE_TOO_LARGE: "Those messages will be kept on this computer as .eml files instead of"
    " copied. To keep them online, save their attachments to the cloud drive or send them"
    " again through the file transfer station.",
    VIEW_RESTRICTED: "In the new webmail open Settings → Client settings (设置 → 客户端设置),"
    ' set "Receive mail" to "All" (全部) instead of "last 30 days", save, and run the'
    " check again.",
    VIEW_FOLDERS_HIDDEN: "In the new webmail open Settings → Client settings (设置 → 客户端设置),"
    ' tick "Receive my folders" (收取我的文件夹), save, and run the check again.',
    VIEW_PROBE_FAILED: "Make sure this account may create folders over IMAP: the move needs"
    " that too.",
    PROBE_LEFTOVER: "Delete the folder {folder} in the webmail; it holds only a test message.",
    CREATE_REFUSED: "Ask the IT office to allow this account to create folders over IMAP"
    " (on Cyrus and Courier they must be under {prefix}), or choose a parent folder the"
    " server allows (--target-parent).",
}

_LOGIN_FIX: dict[str, str] = {
    errors.AUTH_FAILED: "Check the user name and password.",
    errors.AUTH_APP_PASSWORD: "This server wants a client-specific password, not the web password.",
    errors.AUTH_IMAP_DISABLED: "Switch IMAP on in the webmail settings (or ask the"
    " administrator to allow it).",
    errors.AUTH_UNSAFE_LOGIN: "The provider blocked this program as unsafe: log in to the"
    " webmail once, allow the client, and try again.",
    errors.HOST_NOT_FOUND: "Check the server name and that this computer is online.",
    errors.CONNECTION_REFUSED: "Check the server name and port.",
    errors.TIMEOUT: "Check the network (a VPN may be needed off campus) and try again.",
    errors.TLS_CERTIFICATE: "The server's certificate is not trusted: ask the IT office.",
    errors.TLS_TOO_OLD: "The server needs TLS 1.2 or newer: ask its administrators.",
    errors.STARTTLS_NOT_STARTED: "Use SSL/TLS on port 993 (imaps://) instead of STARTTLS.",
    errors.CA_FILE_NOT_CERTIFICATE: "Give --ca-file the server's CA certificate (PEM).",
}


human_size = format_size  # the one size formatter (mailmover.units)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # ok | warning | problem
    params: dict[str, Any] = field(default_factory=dict)

    def _values(self) -> dict[str, Any]:
        values = dict(self.params)
        for key, value in self.params.items():  # "free" -> "free_text" = "1.0 MB"
            if key in ("free", "needed", "used", "limit", "largest", "size", "suggest"):
                values[f"{key}_text"] = human_size(value)
        side = str(self.params.get("side", ""))
        values.setdefault("side_name", {"source": "old", "target": "new"}.get(side, side))
        return values

    def english(self) -> str:
        try:
            return _TEXT.get(self.code, self.code).format(**self._values())
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"

    def fix_english(self) -> str:
        if self.code == LOGIN_FAILED:
            text = _LOGIN_FIX.get(self.params.get("error", ""), "")
            help_ = self.params.get("help", "")
            return "\n".join(t for t in (text, help_) if t)
        try:
            return _FIX.get(self.code, "").format(**self._values())
        except (KeyError, IndexError, ValueError):
            return ""


def worst(findings: list[Finding]) -> str:
    order = {OK: 0, WARNING: 1, PROBLEM: 2}
    return max((f.severity for f in findings), key=order.__getitem__, default=OK)


@dataclass
class Facts:
    """What the check learned, for the help-desk bundle (no passwords, no contents)."""

    greetings: dict[str, str] = field(default_factory=dict)
    capabilities: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    folders: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    mappings: list[dict[str, Any]] = field(default_factory=list)
    quota: dict[str, int] = field(default_factory=dict)


# -- single checks -------------------------------------------------------------------------
def judge_quota(*, free: int, needed: int, used: int, limit: int) -> Finding:
    """The one quota judgement: enough room, nearly full, or too little (with a size to ask
    the IT office for). The wizard asks again when the user ticks fewer folders."""
    params: dict[str, object] = {"free": free, "needed": needed, "used": used, "limit": limit}
    if needed > free:
        # Round the suggestion up to a whole GB (or MB for small boxes).
        step = 1 << 30 if used + needed > 1 << 30 else 1 << 20
        params["suggest"] = -(-(used + needed) // step) * step
        return Finding(QUOTA_SHORT, PROBLEM, params)
    if needed > free * TIGHT_RATIO:
        return Finding(QUOTA_TIGHT, WARNING, params)
    return Finding(QUOTA_OK, OK, params)


def view_findings(probe: ViewProbe, listing: Listing) -> list[Finding]:
    """The view probe's facts as findings."""
    if not probe.created:
        # The move would fail the same way for every folder but INBOX: a problem.
        prefix = listing.namespace.prefix or "the top level"
        params = {"folder": probe.folder, "detail": probe.create_error, "prefix": prefix}
        return [Finding(CREATE_REFUSED, PROBLEM, params)]
    findings: list[Finding] = []
    if probe.append_error:
        findings.append(Finding(VIEW_PROBE_FAILED, WARNING, {"detail": probe.append_error}))
    else:
        date = PROBE_DATE.date().isoformat()
        if not probe.folder_listed:
            findings.append(Finding(VIEW_FOLDERS_HIDDEN, PROBLEM, {"folder": probe.folder}))
        if probe.visible:
            findings.append(Finding(VIEW_OK, OK, {"date": date}))
        else:
            findings.append(Finding(VIEW_RESTRICTED, PROBLEM, {"date": date}))
    if not probe.removed:
        findings.append(Finding(PROBE_LEFTOVER, WARNING, {"folder": probe.folder}))
    return findings


# -- the whole check -----------------------------------------------------------------------
class Checkup:
    """Runs every check once; `findings` in order, `facts` for the help-desk bundle."""

    def __init__(
        self,
        source: Account,
        target: Account,
        *,
        options: MoveOptions | None = None,
        source_preset: Preset | None = None,
        target_preset: Preset | None = None,
        probe: bool = True,
        connector: Callable[[Account], ImapConnection] = connect,
        logins: Logins | None = None,
    ) -> None:
        """`logins`: a front end's kept connections (the wizard logs in once per account
        and lends them to every step); they are used and left open. Without it the
        check logs in through `connector` and logs out at the end."""
        self.source, self.target = source, target
        self._own_logins = logins is None
        self.logins = logins or Logins(connector)
        self.options = options or MoveOptions()
        self.source_preset = source_preset
        self.target_preset = target_preset
        self.probe = probe
        self.findings: list[Finding] = []
        self.facts = Facts()
        self.mappings: list[FolderMapping] = []

    def run(self) -> list[Finding]:
        for _ in self.steps():
            pass
        return self.findings

    def steps(self) -> Iterator[Finding]:
        """Yield findings as they are made (the wizard shows them one by one)."""
        try:
            logged_in = 0
            for side, account in (("source", self.source), ("target", self.target)):
                finding, ok = self._login(side, account)
                self.findings.append(finding)
                yield finding
                logged_in += ok
            if logged_in < 2:
                return
            for finding in self._checks():
                self.findings.append(finding)
                yield finding
        finally:
            if self._own_logins:
                self.logins.close()

    def _login(self, side: str, account: Account) -> tuple[Finding, bool]:
        base = {"side": side, "host": account.host, "user": account.user}
        try:
            conn = self.logins.connection(side, account)
        except errors.MailMoverError as exc:
            # The provider's steps for getting an IMAP password, when we know the provider.
            preset = self.target_preset if side == "target" else self.source_preset
            help_ = preset.password_help("en") if preset is not None else ""
            params = {**base, "error": exc.code, "reason": exc.english(), "help": help_}
            if preset is not None:
                params["preset"] = preset.name
            return Finding(LOGIN_FAILED, PROBLEM, params), False
        kind = decide_quirks(conn.greeting, conn.capabilities).kind
        self.facts.greetings[side] = conn.greeting
        self.facts.capabilities[side] = sorted(conn.capabilities)
        self.facts.kinds[side] = kind.value
        return Finding(LOGIN_OK, OK, {**base, "server": kind.value}), True

    def _checks(self) -> Iterator[Finding]:
        # The connections the logins above made (the pool takes them over: no new login).
        pool = self.logins.pool(self.source, self.target, pairs=self.options.connections,
                                provider_limits=self.options.provider_limits)
        migration = Migration(self.source, self.target, None, self.options, pool=pool)
        self.mappings = migration.plan(with_stats=False)
        src, dst = migration.connections()  # the same ones, unless planning reconnected
        for side, listing in (
            ("source", migration.source_listing),
            ("target", migration.target_listing),
        ):
            assert listing is not None
            self.facts.folders[side] = [
                {"name": f.name, "delimiter": f.delimiter, "flags": list(f.flags), "role": f.role}
                for f in listing.folders
            ]
            prefix = listing.namespace.prefix
            if prefix:
                # Say where folders go (Cyrus, Courier: INBOX.), with one of the user's own.
                names = [
                    m.target if side == "target" else m.source
                    for m in self.mappings
                    if m.role is None
                ]
                example = next((n for n in names if n.startswith(prefix)), prefix + "…")
                yield Finding(NAMESPACE, OK, {"side": side, "prefix": prefix, "example": example})

        quirks = decide_quirks(dst.greeting, dst.capabilities, self.target_preset)
        limit = append_limit(dst)
        limit_source = "APPENDLIMIT"
        if limit is None and quirks.max_message_size:
            limit, limit_source = quirks.max_message_size, f"preset:{quirks.preset}"
        gmail = migration.target_listing is not None and migration.target_listing.gmail
        if limit is None and gmail:  # Gmail by its folders (\All), not by its greeting
            limit, limit_source = load_presets()["gmail"].quirks.max_message_size, "preset:gmail"
        stats = SizeStats()
        included = [m for m in self.mappings if m.include]
        for m in included:
            before = stats.messages
            m.size = size_stats(src, m.source, limit, stats)
            m.messages = stats.messages - before
        self.facts.mappings = [m.to_dict() for m in self.mappings]
        yield Finding(
            FOLDERS,
            OK,
            {
                "folders": len(included),
                "skipped": len(self.mappings) - len(included),
                "messages": stats.messages,
                "size": stats.size,
                "mappings": [m.to_dict() for m in self.mappings],
            },
        )

        budget = migration.daily_budget()
        if budget is not None:
            days = days_needed(stats.size, budget)
            yield Finding(
                DAILY_LIMIT,
                WARNING if days > 1 else OK,
                {
                    "days": days,
                    "per_day": budget.mb_per_day,
                    "size": stats.size,
                    "own": budget.own,
                    "whose": "the daily limit you chose" if budget.own else "Gmail's limits",
                },
            )

        quota = read_quota(dst)
        needed = stats.size
        if quota is None:
            yield Finding(QUOTA_UNKNOWN, OK, {"needed": needed})
        else:
            used, quota_limit = quota
            free = max(quota_limit - used, 0)
            self.facts.quota = {"used": used, "limit": quota_limit}
            yield judge_quota(free=free, needed=needed, used=used, limit=quota_limit)

        size_params: dict[str, object] = {"largest": stats.largest, "folder": stats.largest_folder}
        if limit is None:
            yield Finding(SIZE_NO_LIMIT, OK, size_params)
        elif stats.over_limit:
            params = {
                **size_params,
                "limit": limit,
                "count": stats.over_limit,
                "limit_source": limit_source,
            }
            yield Finding(SIZE_TOO_LARGE, PROBLEM, params)
        else:
            yield Finding(SIZE_OK, OK, {**size_params, "limit": limit})

        if self.probe:
            assert migration.target_listing is not None
            parent = quirks.folder_parent
            listing = migration.target_listing
            yield from view_findings(probe_view(dst, listing, parent), listing)


def run_doctor(
    source: Account,
    target: Account,
    *,
    options: MoveOptions | None = None,
    source_preset: Preset | None = None,
    target_preset: Preset | None = None,
    probe: bool = True,
    connector: Callable[[Account], ImapConnection] = connect,
) -> list[Finding]:
    """Every pre-flight finding for moving `source` into `target` (never raises for
    server problems: they become findings)."""
    return Checkup(
        source,
        target,
        options=options,
        source_preset=source_preset,
        target_preset=target_preset,
        probe=probe,
        connector=connector,
    ).run()
