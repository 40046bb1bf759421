"""Where mailmover keeps its files: one place, overridable for tests and help desk."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "mailmover"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Progress stores, saved messages, logs. MAILMOVER_HOME overrides for tests."""
    if override:
        path = Path(override)
    elif os.environ.get("MAILMOVER_HOME"):
        path = Path(os.environ["MAILMOVER_HOME"])
    else:
        path = Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def jobs_dir(override: str | os.PathLike[str] | None = None) -> Path:
    path = data_dir(override) / "jobs"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def saved_messages_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Messages the destination refused are kept here as .eml files."""
    path = data_dir(override) / "saved-messages"
    path.mkdir(exist_ok=True, mode=0o700)
    return path


def logs_dir(override: str | os.PathLike[str] | None = None) -> Path:
    path = data_dir(override) / "logs"
    path.mkdir(exist_ok=True, mode=0o700)
    return path
