"""The summary `mailmover batch` writes (its .json), read for the help desk's view:
checked, with a sentence in the UI language when it cannot be shown, and where an
account's report may be."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from mailmover.batch import summary
from mailmover.gui.messages import fill


class SummaryError(Exception):
    """A file the view cannot show; the message is already in the user's language."""


def int_of(value: object) -> int:
    """A number from the summary; 0 when it is missing or not a number."""
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


def float_of(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def load_summary(path: Path) -> dict[str, Any]:
    """The summary JSON, checked; SummaryError with a sentence for the user otherwise."""
    name = path.name
    try:
        data = summary.read_json(path)
    except FileNotFoundError:
        raise SummaryError(
            fill(
                QCoreApplication.translate("BatchSummaryView", "There is no file {name} any more."),
                name=name,
            )
        ) from None
    except OSError as exc:
        raise SummaryError(
            fill(
                QCoreApplication.translate("BatchSummaryView", "{name} could not be read: {why}"),
                name=name,
                why=exc.strerror or str(exc),
            )
        ) from None
    except ValueError:  # not JSON, not UTF-8, or another JSON
        raise SummaryError(
            fill(
                QCoreApplication.translate(
                    "BatchSummaryView",
                    '{name} is not a batch summary. Open the .json file that "mailmover batch" '
                    "wrote beside its summary CSV (for example staff-summary.json).",
                ),
                name=name,
            )
        ) from None
    version = data.get("version")
    if not isinstance(version, int):
        raise SummaryError(
            fill(
                QCoreApplication.translate(
                    "BatchSummaryView", "{name} is not a batch summary: it has no format version."
                ),
                name=name,
            )
        )
    if version > summary.VERSION:
        raise SummaryError(
            fill(
                QCoreApplication.translate(
                    "BatchSummaryView",
                    "{name} was written by a newer mailmover (summary format {version}); this one "
                    "reads format {supported}. Update mailmover on this computer to open it.",
                ),
                name=name,
                version=version,
                supported=summary.VERSION,
            )
        )
    accounts = data.get("accounts")
    if not isinstance(accounts, list) or not all(isinstance(a, dict) for a in accounts):
        raise SummaryError(
            fill(
                QCoreApplication.translate(
                    "BatchSummaryView", "{name} is not a batch summary: it lists no accounts."
                ),
                name=name,
            )
        )
    return data


def report_candidates(report: str, summary_path: Path) -> list[Path]:
    """Where an account's report may be: as written, beside the summary (a relative path),
    or in the summary's reports folder copied along with it to another computer."""
    given = Path(report)
    folder = summary_path.parent
    out = [given if given.is_absolute() else folder / given]
    out.append(folder / f"{summary_path.stem}-reports" / given.name)
    out.append(folder / given.name)
    return out
