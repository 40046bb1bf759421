"""The help desk's view of a batch: open the summary `mailmover batch` wrote (its .json),
see every account (those that need someone first) and read one account's report.

The window only; reading the file is batch_summary, the words batch_words, the accounts
table batch_table.

Read-only: it renders what the batch wrote, with the report page the wizard prints
(`report_html.render`), and never talks to a server.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mailmover.engine import Report
from mailmover.gui import report_html
from mailmover.gui.batch_summary import (
    SummaryError,
    float_of,
    int_of,
    load_summary,
    report_candidates,
)
from mailmover.gui.batch_table import (
    ERROR,
    OLD,
    STATE,
    fill_accounts_table,
    summary_index,
)
from mailmover.gui.batch_words import STATE_RANK, STATE_WORDS, first_error_text, state_text
from mailmover.gui.messages import fill, plural, size_text
from mailmover.gui.pages.base import announce, table, wrap_label
from mailmover.gui.session import Session


class BatchSummaryView(QWidget):
    """A window: the accounts of one batch summary, and one account's report below."""

    def __init__(self, session: Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.choose_file: Callable[[QWidget, str, str], str] = (
            session.choose_open_file if session is not None else _open_file
        )
        self.path: Path | None = None
        self.data: dict[str, Any] | None = None
        self.error = ""  # the last problem shown, in the UI language
        self.shown: int | None = None  # index in data["accounts"] of the report shown
        self.resize(1100, 760)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.choose)
        self.heading = wrap_label(rich=True)
        self.heading.setObjectName("heading")
        top.addWidget(self.heading, 1)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.problem = wrap_label()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.table = table(10, stretch=ERROR)
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda index: self.show_report(index.row()))
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.show_button = QPushButton()
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(lambda: self.show_report(self.table.currentRow()))
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.show_button)
        upper_layout.addLayout(hint_row)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.report_title = wrap_label()
        self.report_title.setObjectName("report_title")
        self.report = QTextBrowser()
        self.report.setOpenLinks(False)
        lower_layout.addWidget(self.report_title)
        lower_layout.addWidget(self.report, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    # -- opening -------------------------------------------------------------------------
    def choose(self) -> None:
        """Ask for a summary file (the batch's .json) and show it."""
        path = self.choose_file(
            self, self.tr("Open a batch summary"), self.tr("Batch summary (*.json);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: str | Path) -> bool:
        """Show the summary at `path`; False (and the reason shown) when it cannot be."""
        path = Path(path)
        try:
            data = load_summary(path)
        except SummaryError as exc:
            self._show_problem(str(exc))
            return False
        self.path, self.data, self.shown = path, data, None
        self._show_problem("")
        self.report.clear()
        self.report.setToolTip("")
        self.retranslate()
        self.table.sortItems(STATE, Qt.SortOrder.AscendingOrder)
        if self.table.rowCount():
            self.table.setCurrentCell(0, OLD)
        self.table.setFocus()
        return True

    def accounts(self) -> list[dict[str, Any]]:
        return list(self.data["accounts"]) if self.data is not None else []

    def _show_problem(self, text: str) -> None:
        self.error = text
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        announce(self.problem, text)

    # -- one account's report --------------------------------------------------------------
    def index_at(self, row: int) -> int | None:
        """The summary's index of the account on table row `row` (rows sort)."""
        return summary_index(self.table, row, len(self.accounts()))

    def account_at(self, row: int) -> dict[str, Any] | None:
        index = self.index_at(row)
        return self.accounts()[index] if index is not None else None

    def show_report(self, row: int) -> bool:
        """Render the report of the account on table row `row` below the table."""
        index = self.index_at(row)
        if index is None or self.path is None:
            return False
        account = self.accounts()[index]
        self.shown = index
        user = str(account.get("source_user", ""))
        self.report_title.setText(fill(self.tr("Report of {user}"), user=user))
        written = str(account.get("report") or "")
        if not written:
            why = first_error_text(account, self._batch())
            text = self.tr(
                "This account has no report: the move did not get far enough to write one."
            )
            self._report_problem(f"{text} {why}".strip())
            return False
        found = next((p for p in report_candidates(written, self.path) if p.is_file()), None)
        if found is None:
            self._report_problem(
                fill(
                    self.tr(
                        "The report of {user} is not at {path}. It is written into the folder "
                        '"{folder}" beside the summary: copy that folder along with the summary, '
                        "or run the batch again to write it."
                    ),
                    user=user,
                    path=written,
                    folder=f"{self.path.stem}-reports",
                )
            )
            return False
        try:
            report = Report.from_dict(json.loads(found.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self._report_problem(
                fill(
                    self.tr("{path} is not a mailmover report, or it is damaged."), path=str(found)
                )
            )
            return False
        page = report_html.render(report, None, self.verdict(account))
        self.report.setHtml(_screen_only(page))
        self.report.setToolTip(str(found))
        self._show_problem("")
        return True

    def _report_problem(self, text: str) -> None:
        """Said where the report would be (the summary itself is fine)."""
        self.error = text
        self.problem.hide()
        self.report.setToolTip("")
        self.report.setHtml(f"<p style='color:#b00020'><b>{html.escape(text)}</b></p>")
        announce(self.report, text)

    def verdict(self, account: dict[str, Any]) -> str:
        words = state_text(str(account.get("state", "")))
        if account.get("verified") == "yes":
            words = fill(self.tr("{state}, checked after the move"), state=words)
        why = first_error_text(account, self._batch())
        return fill(self.tr("{state}: {error}"), state=words, error=why) if why else words

    def _batch(self) -> dict[str, Any]:
        batch = self.data.get("batch") if self.data is not None else None
        return batch if isinstance(batch, dict) else {}

    # -- keys, selection, language ---------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.show_report(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)

    def _selection_changed(self) -> None:
        self.show_button.setEnabled(self.table.currentRow() >= 0 and self.data is not None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("mailmover – batch summary"))
        self.open_button.setText(self.tr("Open a batch summary…"))
        self.open_button.setAccessibleName(self.tr("Open a batch summary"))
        self.show_button.setText(self.tr("Show the report"))
        self.show_button.setAccessibleName(self.tr("Show the report of the chosen account"))
        self.hint.setText(
            self.tr(
                "Accounts that need someone come first. Click a column "
                "title to sort; double-click an account or press Enter to "
                "see its report."
            )
        )
        self.table.setAccessibleName(self.tr("Accounts of the batch"))
        self.report.setAccessibleName(self.tr("Report of the chosen account"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Old mailbox"),
                self.tr("New mailbox"),
                self.tr("State"),
                self.tr("Messages"),
                self.tr("Copied"),
                self.tr("Already there"),
                self.tr("Failed"),
                self.tr("Data copied"),
                self.tr("Time"),
                self.tr("First problem"),
            ]
        )
        first, _, rest = self.heading_text().partition("\n")
        self.heading.setText(
            f"<b>{html.escape(first)}</b>"
            + "".join(f"<br>{html.escape(x)}" for x in rest.split("\n") if x)
        )
        if self.data is None:
            self.report_title.setText(
                self.tr(
                    'Open the summary (.json) that "mailmover '
                    'batch" wrote to see its accounts here.'
                )
            )
        elif self.shown is None:
            self.report_title.setText(self.tr("Choose an account to see its report."))
        self._fill_table()
        if self.shown is not None:
            self._reshow()

    def _reshow(self) -> None:
        assert self.shown is not None
        for row in range(self.table.rowCount()):
            if self.index_at(row) == self.shown:
                self.show_report(row)
                return

    def heading_text(self) -> str:
        if self.data is None or self.path is None:
            return self.tr("No batch summary is open.")
        batch = self._batch()
        totals = self.data.get("totals")
        t: dict[str, Any] = totals if isinstance(totals, dict) else {}
        accounts = self.accounts()
        counts = {s: sum(a.get("state") == s for a in accounts) for s in STATE_WORDS}
        states = self.tr(", ").join(
            fill(self.tr("{state}: {n}"), state=state_text(s), n=n)
            for s, n in sorted(counts.items(), key=lambda x: STATE_RANK.get(x[0], 0))
            if n
        )
        started = float_of(batch.get("started"))
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(started)) if started else ""
        lines = [
            fill(
                self.tr("{file}: {source} → {target}, started {when}"),
                file=self.path.name,
                source=batch.get("source", ""),
                target=batch.get("target", ""),
                when=when,
            ),
            fill(
                self.tr("{accounts} ({states})"),
                accounts=plural(len(accounts), self.tr("{n} account"), self.tr("{n} accounts")),
                states=states,
            )
            if states
            else plural(len(accounts), self.tr("{n} account"), self.tr("{n} accounts")),
            fill(
                self.tr(
                    "Messages: {total} in the old mailboxes; {copied} copied, {present} "
                    "already there, {failed} failed, {pending} not reached; {size} "
                    "copied."
                ),
                total=int_of(t.get("source_messages")),
                copied=int_of(t.get("copied")),
                present=int_of(t.get("already_there")),
                failed=int_of(t.get("failed")),
                pending=int_of(t.get("pending")),
                size=size_text(int_of(t.get("bytes"))),
            ),
        ]
        if batch.get("shard"):
            lines[0] += fill(self.tr(" (part {shard})"), shard=batch["shard"])
        if batch.get("interrupted"):
            lines.append(
                self.tr(
                    "The batch was interrupted: run it again to finish the "
                    "accounts that are not done."
                )
            )
        return "\n".join(lines)

    def _fill_table(self) -> None:
        fill_accounts_table(self.table, self.accounts(), self._batch())
        self._selection_changed()

def _screen_only(page: str) -> str:
    """The printed report without its signature part (that is for paper)."""
    cut = page.find("<h2>" + html.escape(QCoreApplication.translate("ReportHtml", "Confirmation")))
    return page[:cut] + "</body></html>" if cut > 0 else page


def _open_file(parent: QWidget, title: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", filters)[0]


def open_batch_view(session: Session | None, parent: QWidget | None = None) -> BatchSummaryView:
    """Show a batch summary window and ask which summary to open."""
    view = BatchSummaryView(session, parent)
    view.show()
    view.choose()
    return view
