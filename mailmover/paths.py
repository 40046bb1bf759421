"""Where mailmover keeps its files: one place, overridable for tests and help desk.

Every folder here is made 0700 (parents included) whatever the umask, and an existing
one must be a real folder of the user's that nobody else can write (safefiles)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from mailmover import safefiles

APP = "mailmover"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Progress stores, saved messages, logs. MAILMOVER_HOME overrides for tests."""
    if override:
        path = Path(override)
    elif os.environ.get("MAILMOVER_HOME"):
        path = Path(os.environ["MAILMOVER_HOME"])
    else:
        path = Path(platformdirs.user_data_dir(APP, appauthor=False))
    return safefiles.ensure_dir(path)


def jobs_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return safefiles.ensure_dir(data_dir(override) / "jobs")


def saved_messages_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Messages the destination refused are kept here as .eml files."""
    return safefiles.ensure_dir(data_dir(override) / "saved-messages")


def logs_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return safefiles.ensure_dir(data_dir(override) / "logs")


def reports_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return safefiles.ensure_dir(data_dir(override) / "reports")
