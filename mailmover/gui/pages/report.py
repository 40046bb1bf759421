"""Page 6: check the new mailbox against the old one and show every message's fate."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
)

from mailmover.engine import CheckProgress, FolderCheck, Verification
from mailmover.gui import report_html
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.messages import (
    date_text,
    duration_text,
    exception_text,
    fill,
    folder_label,
    helpdesk_text,
    plural,
    reason_text,
    server_answer,
    size_text,
)
from mailmover.gui.pages.base import Page, announce, cell, table, wrap_label
from mailmover.gui.worker import CheckWorker

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReportPage(Page):
    verified = Signal()
    retry_requested = Signal()
    check_progressed = Signal(object)  # the engine's CheckProgress, once shown

    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.verdict = wrap_label(rich=True)
        self.verdict.setObjectName("verdict")
        self.layout_.addWidget(self.verdict)
        # While checking: which folder of how many, a bar and the time left.
        self.check_status = wrap_label()
        self.check_status.setObjectName("status")
        self.layout_.addWidget(self.check_status)
        self.check_bar = QProgressBar()
        self.layout_.addWidget(self.check_bar)
        self.table = table(8, wide=(0,))
        self.layout_.addWidget(self.table, 2)
        self.failures_label = wrap_label()
        self.layout_.addWidget(self.failures_label)
        self.failures = table(5, wide=(0, 3))
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
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self._save_pdf)
        for b in (self.retry_button, self.saved_button, self.save_button, self.pdf_button):
            row.addWidget(b)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.checking = False
        self.error: BaseException | None = None
        self.progress: CheckProgress | None = None
        self.checked: list[FolderCheck] = []  # folders whose check ended, while checking
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        s = self.session
        s.verification = None
        self.error = None
        self.checking = True
        self.progress, self.checked = None, []
        self.completeChanged.emit()
        self.retranslate()
        src, dst, mappings = s.source, s.target, list(s.mappings)
        assert src is not None and dst is not None
        worker = CheckWorker(s.logins, src, dst, mappings, s.move_options(), s.store_path())
        worker.progress.connect(self._progressed)
        worker.result.connect(self._verified)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._done)
        self.threads.start(worker)
        self.settle()

    def _progressed(self, progress: CheckProgress) -> None:
        self.progress = progress
        if progress.finished is not None:
            self.checked.append(progress.finished)
        self._show_progress()
        self._fill_tables()
        self.check_progressed.emit(progress)

    def _show_progress(self) -> None:
        p = self.progress
        self.check_status.setVisible(self.checking)
        self.check_bar.setVisible(self.checking)
        self.check_bar.setAccessibleName(self.tr("Progress of the check"))
        if not self.checking:
            return
        self.check_bar.setRange(0, max(p.total, 1) if p is not None else 0)  # 0: busy
        self.check_bar.setValue(p.done if p is not None else 0)
        if p is None:
            self.check_status.setText(self.tr("Opening both mailboxes…"))
            return
        text = fill(self.tr("Folder {n} of {count}: {folder}"), n=p.index, count=p.folders,
                    folder=folder_label(p.folder, self._roles().get(p.folder)))
        if p.eta_seconds is not None:
            text += " · " + fill(self.tr("{left} left"), left=duration_text(p.eta_seconds))
        self.check_status.setText(text)

    def _roles(self) -> dict[str, str | None]:
        return {m.source: m.role for m in self.session.mappings}

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
        announce(self.verdict, self.verdict_text())
        self.verified.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return not self.checking

    # -- outcome ------------------------------------------------------------------------
    def all_good(self) -> bool:
        r, v = self.session.report, self.session.verification
        return bool(r is not None and v is not None and v.ok and not r.cancelled
                    and not r.stopped_reason and sum(f.failed for f in r.folders) == 0)

    def unfinished(self) -> bool:
        r = self.session.report
        return bool(r is not None and (r.cancelled or r.stopped_reason))

    def retry_text(self) -> str:
        """The retry button's words, also quoted by the verdict (without the accelerator)."""
        return (self.tr("Continue &moving") if self.unfinished() else
                self.tr("&Try the failed ones again"))

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
        button = self.retry_text().replace("&", "")
        if self.all_good():
            return plural(v.totals()["source_count"],
                          self.tr("Everything arrived. The 1 message of the chosen folders is "
                                  "in the new mailbox."),
                          self.tr("Everything arrived. All {n} messages of the chosen folders "
                                  "are in the new mailbox."))
        if self.unfinished():
            return fill(plural(missing,
                               self.tr("Not finished yet: 1 message is still missing in the "
                                       "new mailbox. Go on with \"{button}\"."),
                               self.tr("Not finished yet: {n} messages are still missing in "
                                       "the new mailbox. Go on with \"{button}\".")),
                        button=button)
        if missing == 0 and failed == 0:
            return self.tr("Every message is in the new mailbox, but some copies differ from "
                           "the old ones (flags or dates). The help desk can see the details "
                           "in the saved report.")
        return fill(self.tr("Not everything arrived: {missing} missing, {failed} could not be "
                            "moved. See the list below, then click \"{button}\"."),
                    missing=plural(missing, self.tr("{n} message"), self.tr("{n} messages")),
                    failed=failed, button=button)

    def extras(self) -> report_html.Extras:
        s = self.session
        profile = s.profile
        language = "zh" if LANGUAGES_.current == "zh_CN" else "en"
        name = profile.name(language) if profile is not None else ""
        return report_html.Extras(
            institution=name, saved_dir=s.saved_dir(),
            roles={m.source: m.role for m in s.mappings},
            planned={m.source: m.messages or 0 for m in s.mappings if m.include},
            helpdesk=" · ".join(str(x) for x in (s.profile_value("helpdesk_phone"),
                                                 s.profile_value("helpdesk_email")) if x))

    def _autosave(self) -> None:
        if self.session.report is None:
            return
        name = time.strftime("report-%Y%m%d-%H%M%S.html")
        path = self.session.reports_dir() / name
        self.session.report_path = report_html.save(
            path, self.session.report, self.session.verification, self.extras())

    def can_save(self) -> bool:
        """A report to keep exists only once the check has ended: while it runs every
        folder would read "not checked"."""
        return self.session.report is not None and not self.checking

    def save_copy(self, path: str | Path) -> Path | None:
        report = self.session.report
        if report is None or not self.can_save():
            return None
        return report_html.save(Path(path), report, self.session.verification, self.extras())

    def save_pdf(self, path: str | Path) -> Path | None:
        report = self.session.report
        if report is None or not self.can_save():
            return None
        return report_html.save_pdf(Path(path), report, self.session.verification,
                                    self.extras())

    def _save_copy(self) -> None:
        path = self.session.choose_save_file(
            self, self.tr("Save the report"), str(Path.home() / "mailmover-report.html"),
            self.tr("Web page (*.html)"))
        if path:
            self.save_copy(path)

    def _save_pdf(self) -> None:
        path = self.session.choose_save_file(
            self, self.tr("Save the report as PDF"), str(Path.home() / "mailmover-report.pdf"),
            self.tr("PDF document (*.pdf)"))
        if path:
            self.save_pdf(path)

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
        color = ("#1b7a2b" if good else "" if self.checking else
                 "#a15c00" if self.unfinished() else "#b00020")
        text = self.verdict_text()
        if text and self.error is not None:
            desk = helpdesk_text(self.session)
            text = f"{text} {desk}".strip()
        style = f" style='color:{color}'" if color else ""
        self.verdict.setText(f"<b{style}>{_esc(text)}</b>" if text else "")
        self.table.setHorizontalHeaderLabels([
            self.tr("Old folder"), self.tr("In old mailbox"), self.tr("In new mailbox"),
            self.tr("Copied"), self.tr("Already there"), self.tr("Skipped"), self.tr("Failed"),
            self.tr("Result")])
        self.table.setAccessibleName(self.tr("Result per folder"))
        self.failures.setHorizontalHeaderLabels([
            self.tr("Subject"), self.tr("Date"), self.tr("Size"), self.tr("Folder"),
            self.tr("Reason")])
        self.failures.setAccessibleName(self.tr("Messages that could not be moved"))
        self.retry_button.setText(self.retry_text())
        self.retry_button.setAccessibleName(self.retry_text().replace("&", ""))
        self.retry_button.setEnabled(not self.checking)  # the check first
        self.saved_button.setText(self.tr("Open the folder of saved messages"))
        self.saved_button.setAccessibleName(self.saved_button.text())
        self.save_button.setText(self.tr("Save the report…"))
        self.save_button.setAccessibleName(self.tr("Save the report"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save as PDF"))
        for b in (self.save_button, self.pdf_button):
            b.setEnabled(self.can_save())
        self.save_button.setToolTip(self.tr("A page to print and sign, with every folder and "
                                            "every message that could not be moved."))
        # Once the old system has closed there is no "later" to run it again.
        self.later.setText("" if self.session.old_system_closed() else self.tr(
            "Mail that still arrives in the old mailbox is not lost: run mailmover again "
            "later and it copies only what is new."))
        self.later.setVisible(bool(self.later.text()))
        self._show_progress()
        self._fill_tables()

    def _fill_tables(self) -> None:
        r, v = self.session.report, self.session.verification
        checks = {c.source: c for c in (v.folders if v else self.checked)}
        roles = self._roles()
        current = self.progress.folder if self.progress is not None else None
        planned = {m.source: m.messages or 0 for m in self.session.mappings}
        folders = r.folders if r else []
        self.table.setRowCount(len(folders))
        for row, f in enumerate(folders):
            c = checks.get(f.source)
            reached = getattr(f, "reached", True) and (f.source_count > 0 or f.accounted > 0)
            in_old = c.source_count if c else (f.source_count or planned.get(f.source, 0))
            if self.checking and c is None:
                result = (self.tr("checking…") if f.source == current or current is None
                          else self.tr("to check"))
                in_new = "…"
            elif c is None:
                result, in_new = self.tr("not checked"), "–"
            else:
                in_new = str(c.target_count)
                if c.ok and f.complete:
                    result = self.tr("✔ complete")
                elif not reached and self.unfinished():
                    result = self.tr("not reached yet")
                elif c.missing and self.unfinished():
                    result = fill(self.tr("{n} still to copy"), n=c.missing)
                elif c.missing:
                    result = fill(self.tr("✘ {n} missing"), n=c.missing)
                else:
                    result = self.tr("✘ check")
            # An earlier run's copies of this move count as copied (one way of counting).
            cells = (folder_label(f.source, roles.get(f.source)), in_old, in_new,
                     f.copied_by_move, f.found_there, f.skipped, f.failed, result)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if 0 < col < len(cells) - 1:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            cell(self.table, row, 0).setToolTip(f.source)
        fails = [x for f in folders for x in f.failures]
        self.failures.setRowCount(len(fails))
        for row, x in enumerate(fails):
            answer = server_answer(x.detail)
            for col, value in enumerate((x.subject, date_text(x.date), size_text(x.size),
                                         folder_label(x.folder, roles.get(x.folder)),
                                         reason_text(x.reason))):
                item = QTableWidgetItem(value)
                if answer:
                    item.setToolTip(fill(self.tr("The server said: {detail}"), detail=answer))
                self.failures.setItem(row, col, item)
        missing = v.totals()["missing"] if v is not None else 0
        if fails:
            text = fill(self.tr("Messages that could not be moved: {n}. They are kept on this "
                                "computer as .eml files."), n=len(fails))
        elif missing and not self.checking:
            text = plural(missing,
                          self.tr("No message was refused, but 1 message has not been copied "
                                  "yet: the move stopped before it got there."),
                          self.tr("No message was refused, but {n} messages have not been "
                                  "copied yet: the move stopped before it got there."))
        elif self.checking or r is None:
            text = ""
        else:
            text = self.tr("No message failed.")
        self.failures_label.setText(text)
        self.failures.setVisible(bool(fails))
        self.saved_button.setEnabled(bool(fails))

def _esc(text: str) -> str:
    import html

    return html.escape(text)
