"""`mailmover --self-test`: prove an installed build works before anyone sits down with it.

Checks, in this order (the window first, so its start-up time is what a user waits):
the first window (real GUI start, offscreen when there is no display), resources,
translations (ours and Qt's zh_CN), the keychain backend, the system trust store, the
SQLite progress store, and, when given, a local IMAP server (connect and list folders).

A windowed Windows build has no console, so the report also goes, line by line, to
`selftest.txt` in the logs folder; a crash half-way still leaves what was checked.
Exit code 0 when nothing failed (warnings allowed), 1 otherwise.
"""

from __future__ import annotations

import contextlib
import os
import platform
import ssl
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mailmover import __version__, paths, resources, safefiles

OK, WARN, FAIL = "ok", "warn", "FAIL"
PASSWORD_ENV = "MAILMOVER_SELFTEST_PASSWORD"
WINDOW_TIMEOUT_S = 60.0

# The platform plugin a user's desktop needs, checked even when we run offscreen.
_NATIVE_PLUGIN = {"linux": "libqxcb.so", "win32": "qwindows.dll", "darwin": "libqcocoa.dylib"}


@dataclass
class Check:
    name: str
    status: str
    detail: str


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False  # Windows and macOS always have a window server in a user session


def _seconds_since_process_start() -> float | None:
    """Wall time since this process started (Linux: from /proc), else None."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, after comm
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class _Writer:
    """Prints each line and appends it to the report file at once."""

    def __init__(self, out: TextIO | None) -> None:
        self.out = out if out is not None else sys.stdout  # None in a windowed build
        self.path: Path | None = None
        self.file: TextIO | None = None
        try:
            self.path = paths.logs_dir() / "selftest.txt"
        except OSError:
            self.path = Path(tempfile.gettempdir()) / "mailmover-selftest.txt"
        with contextlib.suppress(OSError):
            # Owner-only whatever the umask; a planted link is not followed.
            fd = safefiles.open_own(self.path, os.O_WRONLY | os.O_TRUNC)
            self.file = os.fdopen(fd, "w", encoding="utf-8")

    def line(self, text: str) -> None:
        if self.out is not None:
            with contextlib.suppress(OSError, ValueError):
                print(text, file=self.out, flush=True)
        if self.file is not None:
            self.file.write(text + "\n")
            self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


# -- the checks ------------------------------------------------------------------------
def check_window(started: float) -> Check:
    """Start the real GUI, wait for its first window, close it. Reports the wait."""
    from PySide6.QtCore import QLibraryInfo, QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    seen: dict[str, object] = {}

    def poll() -> None:
        for widget in app.topLevelWidgets():
            if widget.isVisible() and "window" not in seen:
                seen["window"] = widget
                seen["after"] = _seconds_since_process_start()
                seen["after_selftest"] = time.monotonic() - started
                seen["wizard"] = isinstance(widget, QWizard)
                seen["class"] = type(widget).__name__
                QTimer.singleShot(0, finish)
                return

    def finish() -> None:
        timer.stop()
        for widget in app.topLevelWidgets():
            widget.close()
        app.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    QTimer.singleShot(int(WINDOW_TIMEOUT_S * 1000), finish)

    from mailmover.gui.app import main as gui_main

    gui_main([])
    timer.stop()
    platform_name = app.platformName()
    if "window" not in seen:
        return Check("window", FAIL, f"no window within {WINDOW_TIMEOUT_S:.0f} s ({platform_name})")

    plugin_note = ""
    linux = sys.platform.startswith("linux")
    native = _NATIVE_PLUGIN.get("linux" if linux else sys.platform)
    if native:
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        if not (plugins / native).is_file():
            return Check("window", FAIL, f"platform plugin {native} missing from {plugins}")
        plugin_note = f", {native} present"
        if linux and platform_name != "xcb":
            # Offscreen proves little about a desktop: the X11 plugin needs xcb libraries
            # (bundled, or the system's); loading it finds a missing one now.
            error = _dlopen_error(plugins / native)
            if error:
                wayland = plugins / "libqwayland.so"
                if wayland.is_file() and not _dlopen_error(wayland):
                    return Check("window", WARN, f"X11 unusable ({error}); Wayland loads")
                # A bundle must carry what it needs; a checkout uses the system's libraries.
                status = FAIL if resources.frozen() else WARN
                return Check("window", status, f"{native} cannot load: {error}")
            plugin_note = f", {native} loads"
    after = seen["after"]
    if isinstance(after, float):
        timing = f"{after:.2f} s after process start"
    else:
        timing = f"{seen['after_selftest']:.2f} s after the self-test began"
    detail = f"{seen['class']} shown {timing} (platform {platform_name}{plugin_note})"
    if not seen["wizard"]:
        return Check("window", WARN, detail + "; the first window is not a QWizard")
    return Check("window", OK, detail)


def _dlopen_error(path: Path) -> str | None:
    """Load a shared library (Linux) the way Qt would; the loader's complaint, or None."""
    import ctypes

    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        return str(exc)
    return None


def _parse_data_file(path: Path) -> None:
    if path.suffix == ".toml":
        import tomllib

        tomllib.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".json":
        import json

        json.loads(path.read_text(encoding="utf-8"))


def check_resources() -> Check:
    root = resources.resource_dir()
    if not root.is_dir():
        return Check("resources", FAIL, f"{root} is missing")
    parts = []
    problems = []
    for name in ("presets", "profiles"):
        folder = root / name
        if not folder.is_dir():
            problems.append(f"no {name}/")
            continue
        files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
        for f in files:
            try:
                _parse_data_file(f)
            except (ValueError, OSError) as exc:  # tomllib/json errors are ValueErrors
                return Check("resources", FAIL, f"{f.relative_to(root)} unreadable: {exc}")
        parts.append(f"{name}: {len(files)} files")
    detail = f"{root}" + (f" ({', '.join(parts)})" if parts else "")
    if problems:
        return Check("resources", WARN, f"{detail}; {', '.join(problems)}")
    return Check("resources", OK, detail)


def check_translations() -> Check:
    from PySide6.QtCore import QTranslator

    notes = []
    ours = resources.i18n_files()
    for qm in ours:
        t = QTranslator()
        if not t.load(str(qm)) or t.isEmpty():
            return Check("translations", FAIL, f"cannot load {qm}")
    notes.append(f"ours: {', '.join(q.name for q in ours)}" if ours else "ours: none yet")

    folder = resources.qt_translations_dir()
    if folder is None:
        return Check("translations", FAIL, f"{resources.QTBASE_ZH_CN} not found; {notes[0]}")
    qt = QTranslator()
    if not qt.load(resources.QTBASE_ZH_CN, str(folder)):
        return Check("translations", FAIL, f"cannot load {folder / resources.QTBASE_ZH_CN}")
    sample = qt.translate("QWizard", "&Next >")
    notes.append(f"{resources.QTBASE_ZH_CN} from {folder} ('&Next >' -> {sample!r})")
    status = OK if ours and sample else WARN
    return Check("translations", status, "; ".join(notes))


def check_keychain() -> Check:
    import keyring
    import keyring.backend
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError as exc:
        backend, error = None, f"{type(exc).__name__}: {exc}"
    else:
        error = ""
    name = f"{type(backend).__module__}.{type(backend).__name__}" if backend else "none"
    priority = getattr(backend, "priority", 0) if backend else 0
    usable = bool(priority and priority > 0) and not name.startswith("keyring.backends.fail")
    if usable:
        return Check("keychain", OK, f"{name} (priority {priority})")
    known = sorted(type(b).__name__ for b in keyring.backend.get_all_keyring())
    detail = f"none available ({name}{'; ' + error if error else ''}; known: {known})"
    # Headless Linux has no Secret Service; passwords then stay in memory (by design).
    # A Windows or macOS build without its native backend is broken.
    if sys.platform.startswith("linux"):
        return Check("keychain", WARN, detail + "; passwords will be kept in memory only")
    return Check("keychain", FAIL, detail)


def _linux_ca_certs() -> tuple[int, str]:
    """How many CA certificates OpenSSL (as truststore uses it) finds on Linux, and where."""
    defaults = ssl.get_default_verify_paths()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if defaults.cafile:
        ctx.load_verify_locations(cafile=defaults.cafile)
        return ctx.cert_store_stats()["x509_ca"], defaults.cafile
    if defaults.capath and os.path.isdir(defaults.capath):
        count = sum(1 for n in os.listdir(defaults.capath) if n[-2:-1] == "." and len(n) == 10)
        if count:
            return count, defaults.capath
    # The same fallbacks truststore tries (its Fedora, SUSE, Alpine locations).
    from truststore import _openssl

    for cafile in _openssl._CA_FILE_CANDIDATES:
        if os.path.isfile(cafile):
            ctx.load_verify_locations(cafile=cafile)
            return ctx.cert_store_stats()["x509_ca"], cafile
    return 0, f"nothing at {defaults.openssl_cafile} or {defaults.openssl_capath}"


def check_trust_store() -> Check:
    import truststore

    from mailmover.engine import make_ssl_context

    ctx = make_ssl_context(None)
    if not isinstance(ctx, truststore.SSLContext):
        return Check("trust store", FAIL, f"engine uses {type(ctx).__name__}, not truststore")
    if ctx.verify_mode != ssl.CERT_REQUIRED or not ctx.check_hostname:
        return Check("trust store", FAIL, f"verification is off ({ctx.verify_mode!r})")
    detail = f"truststore {truststore.__version__}, CERT_REQUIRED, hostname checked"
    if sys.platform.startswith("linux"):
        count, where = _linux_ca_certs()
        if count == 0:
            return Check("trust store", FAIL, f"no CA certificates: {where}")
        detail += f", {count} CA certificates from {where}"
    else:
        detail += f", {platform.system()} system store"
    return Check("trust store", OK, detail)


def check_store() -> Check:
    from mailmover.store import SCHEMA_VERSION, Store

    with tempfile.TemporaryDirectory(prefix="mailmover-selftest-") as tmp:
        store = Store(Path(tmp) / "selftest.sqlite")
        try:
            store.set_meta("selftest", "written")
            if store.get_meta("selftest") != "written":
                return Check("progress store", FAIL, "a value written was not read back")
            version = store.get_meta("schema_version")
        finally:
            store.close()
    import sqlite3

    return Check(
        "progress store", OK, f"SQLite {sqlite3.sqlite_version}, schema {version}/{SCHEMA_VERSION}"
    )


def check_imap(url: str) -> Check:
    from mailmover.engine import connect, count_messages, list_folders, parse_url

    password = os.environ.get(PASSWORD_ENV)
    if not password:
        return Check("imap", FAIL, f"set {PASSWORD_ENV} for {url}")
    account = parse_url(url).with_password(password)
    from dataclasses import replace

    account = replace(account, timeout=20.0)
    with connect(account) as conn:
        listing = list_folders(conn)
        count = count_messages(conn, "INBOX")
    names = sorted(f.name for f in listing.folders)
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    return Check(
        "imap", OK, f"{account.key}: {len(names)} folders ({shown}); INBOX has {count} messages"
    )


# -- the run ---------------------------------------------------------------------------
def _run(name: str, fn: Callable[[], Check]) -> Check:
    try:
        return fn()
    except Exception as exc:  # a self-test reports every failure, it never crashes
        return Check(name, FAIL, f"{type(exc).__name__}: {exc}")


def run_self_test(imap_url: str | None = None, out: TextIO | None = None) -> int:
    started = time.monotonic()
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    writer = _Writer(out)
    frozen = "bundle" if resources.frozen() else "source"
    writer.line(
        f"mailmover {__version__} self-test ({frozen}; Python {platform.python_version()}; "
        f"{platform.platform()}; Qt platform {os.environ.get('QT_QPA_PLATFORM') or 'native'})"
    )
    checks: list[tuple[str, Callable[[], Check]]] = [
        ("window", lambda: check_window(started)),
        ("resources", check_resources),
        ("translations", check_translations),
        ("keychain", check_keychain),
        ("trust store", check_trust_store),
        ("progress store", check_store),
    ]
    if imap_url:
        checks.append(("imap", lambda: check_imap(imap_url)))
    results = []
    for name, fn in checks:
        result = _run(name, fn)
        results.append(result)
        writer.line(f"  [{result.status:>4}] {result.name}: {result.detail}")
    failed = [r.name for r in results if r.status == FAIL]
    warned = sum(r.status == WARN for r in results)
    if failed:
        writer.line(f"self-test FAILED: {', '.join(failed)}")
    else:
        writer.line(f"self-test passed ({len(results)} checks, {warned} warnings)")
    writer.line(f"took {time.monotonic() - started:.2f} s; report written to {writer.path}")
    writer.close()
    return 1 if failed else 0
