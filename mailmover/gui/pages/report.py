"""Page 6: check the new mailbox against the old one and show every message's fate."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
)

from mailmover.engine.verify import Verification
from mailmover.gui import report_html
from mailmover.gui.messages import (
    exception_text,
    fill,
    folder_label,
    plural,
    reason_text,
    size_text,
)
from mailmover.gui.pages.base import Page, table, wrap_label
from mailmover.gui.worker import CallWorker, run_verify

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReportPage(Page):
    verified = Signal()
    retry_requested = Signal()

    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.verdict = wrap_label(rich=True)
        self.verdict.setObjectName("verdict")
        self.layout_.addWidget(self.verdict)
        self.table = table(8)
        self.layout_.addWidget(self.table, 2)
        self.failures_label = wrap_label()
        self.layout_.addWidget(self.failures_label)
        self.failures = table(5)
        self.layout_.addWidget(self.failures, 1)
        self.later = wrap_label()
        self.layout_.addWidget(self.later)
        row = QHBoxLayout()
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_requested.emit)
        self.saved_button = QPushButton()
        self.saved_button.clicked.connect(self._open_saved)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save_copy)
        for b in (self.retry_button, self.saved_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.checking = False
        self.error: BaseException | None = None
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        s = self.session
        s.verification = None
        self.error = None
        self.checking = True
        self.completeChanged.emit()
        self.retranslate()
        src, dst, mappings = s.source, s.target, list(s.mappings)
        assert src is not None and dst is not None
        worker = CallWorker(lambda: run_verify(src, dst, mappings))
        worker.result.connect(self._verified)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._done)
        self.threads.start(worker)
        self.settle()

    def _verified(self, result: Verification) -> None:
        self.session.verification = result
        self.session.log(f"verify: ok={result.ok} {result.totals()}")

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self.session.log(f"verify failed: {exc}")

    def _done(self) -> None:
        self.checking = False
        self._autosave()
        self.retranslate()
        self.completeChanged.emit()
        self.verified.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.checking

    # -- outcome ------------------------------------------------------------------------
    def all_good(self) -> bool:
        r, v = self.session.report, self.session.verification
        return bool(r is not None and v is not None and v.ok and not r.cancelled
                    and not r.stopped_reason and sum(f.failed for f in r.folders) == 0)

    def verdict_text(self) -> str:
        r, v = self.session.report, self.session.verification
        if self.checking:
            return self.tr("Checking the new mailbox, folder by folder…")
        if self.error is not None:
            return fill(self.tr("The check could not finish: {why}"),
                        why=exception_text(self.error))
        if r is None or v is None:
            return ""
        missing = v.totals()["missing"]
        failed = sum(f.failed for f in r.folders)
        if self.all_good():
            return plural(v.totals()["source_count"],
                          self.tr("Everything arrived. The 1 message of the chosen folders is "
                                  "in the new mailbox."),
                          self.tr("Everything arrived. All {n} messages of the chosen folders "
                                  "are in the new mailbox."))
        if r.cancelled or r.stopped_reason:
            return plural(missing,
                          self.tr("Not finished yet: 1 message is still missing in the new "
                                  "mailbox. Go on with \"Try again\"."),
                          self.tr("Not finished yet: {n} messages are still missing in the "
                                  "new mailbox. Go on with \"Try again\"."))
        return fill(self.tr("Not everything arrived: {missing} missing, {failed} could not be "
                            "moved. See the list below."),
                    missing=plural(missing, self.tr("{n} message"), self.tr("{n} messages")),
                    failed=failed)

    def _autosave(self) -> None:
        if self.session.report is None:
            return
        name = time.strftime("report-%Y%m%d-%H%M%S.html")
        path = self.session.reports_dir() / name
        self.session.report_path = report_html.save(
            path, self.session.report, self.session.verification, self.verdict_text())

    def save_copy(self, path: str | Path) -> Path | None:
        if self.session.report is None:
            return None
        return report_html.save(Path(path), self.session.report, self.session.verification,
                                self.verdict_text())

    def _save_copy(self) -> None:
        path = self.session.choose_save_file(
            self, self.tr("Save the report"), str(Path.home() / "mailmover-report.html"),
            self.tr("Web page (*.html)"))
        if path:
            self.save_copy(path)

    def _open_saved(self) -> None:
        self.session.open_url(str(self.session.saved_dir()))

    # -- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Check and report"))
        self.setSubTitle(self.tr("Is every message in the new mailbox?"))
        self.intro.setText(self.tr(
            "mailmover compares both mailboxes folder by folder and lists anything that is "
            "missing, with the reason."))
        good = self.all_good()
        color = "#1b7a2b" if good else "#b00020"
        text = self.verdict_text()
        self.verdict.setText(f"<b style='color:{color}'>{_esc(text)}</b>" if text else "")
        self.table.setHorizontalHeaderLabels([
            self.tr("Old folder"), self.tr("In old mailbox"), self.tr("In new mailbox"),
            self.tr("Copied"), self.tr("Already there"), self.tr("Skipped"), self.tr("Failed"),
            self.tr("Result")])
        self.table.setAccessibleName(self.tr("Result per folder"))
        self.failures.setHorizontalHeaderLabels([
            self.tr("Subject"), self.tr("Date"), self.tr("Size"), self.tr("Folder"),
            self.tr("Reason")])
        self.failures.setAccessibleName(self.tr("Messages that could not be moved"))
        self.retry_button.setText(self.tr("&Try the failed ones again"))
        self.retry_button.setAccessibleName(self.tr("Try the failed ones again"))
        self.saved_button.setText(self.tr("Open the folder of saved messages"))
        self.saved_button.setAccessibleName(self.saved_button.text())
        self.save_button.setText(self.tr("Save the report…"))
        self.save_button.setAccessibleName(self.tr("Save the report"))
        self.later.setText(self.tr(
            "Mail that still arrives in the old mailbox is not lost: run mailmover again "
            "later and it copies only what is new."))
        self._fill_tables()

    def _fill_tables(self) -> None:
        r, v = self.session.report, self.session.verification
        checks = {c.source: c for c in (v.folders if v else [])}
        roles = {m.source: m.role for m in self.session.mappings}
        folders = r.folders if r else []
        self.table.setRowCount(len(folders))
        for row, f in enumerate(folders):
            c = checks.get(f.source)
            ok = c is not None and c.ok and f.complete
            cells = (folder_label(f.source, roles.get(f.source)), f.source_count,
                     c.target_count if c else "–", f.copied,
                     f.present, f.skipped, f.failed,
                     self.tr("✔ complete") if ok else (
                         fill(self.tr("✘ {n} missing"), n=c.missing) if c and c.missing else
                         self.tr("✘ check")))
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if 0 < col < len(cells) - 1:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            self.table.item(row, 0).setToolTip(f.source)
        fails = [x for f in folders for x in f.failures]
        self.failures.setRowCount(len(fails))
        for row, x in enumerate(fails):
            for col, value in enumerate((x.subject, x.date, size_text(x.size),
                                         folder_label(x.folder, roles.get(x.folder)),
                                         reason_text(x.reason))):
                self.failures.setItem(row, col, QTableWidgetItem(value))
        self.failures_label.setText(
            fill(self.tr("Messages that could not be moved: {n}. They are kept on this "
                         "computer as .eml files."), n=len(fails)) if fails else
            self.tr("No message failed."))
        self.failures.setVisible(bool(fails))
        self.saved_button.setEnabled(bool(fails))


def _esc(text: str) -> str:
    import html

    return html.escape(text)
