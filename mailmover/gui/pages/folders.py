"""Page 4: which folders move, how big they are, where each goes, how long it takes."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from mailmover import doctor, textsafe
from mailmover.doctor import Finding
from mailmover.engine import FolderMapping
from mailmover.gui.messages import (
    duration_text,
    error_help,
    exception_text,
    fill,
    finding_text,
    folder_label,
    folder_note,
    helpdesk_text,
    plural,
    role_name,
    size_text,
)
from mailmover.gui.pages.base import Page, announce, cell, table, wrap_label
from mailmover.gui.worker import CallWorker, IterWorker, make_plan, preflight

# A cautious guess for a far-away server: bytes per second plus a cost per message.
ASSUMED_BYTES_PER_SECOND = 1.5 * 1024 * 1024
ASSUMED_SECONDS_PER_MESSAGE = 0.04

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COL_MOVE, COL_SOURCE, COL_COUNT, COL_SIZE, COL_TARGET, COL_NOTE = range(6)


# Findings the page does not repeat: the logins were checked on the account pages and
# the folder table already shows what will move; where a server keeps folders (NAMESPACE)
# is for the help desk (its log), not for the professor.
HIDDEN_FINDINGS = (doctor.LOGIN_OK, doctor.FOLDERS, doctor.NAMESPACE)
QUOTA_CODES = (doctor.QUOTA_OK, doctor.QUOTA_TIGHT, doctor.QUOTA_SHORT)
ICONS = {doctor.OK: ("✔", "#1b7a2b"), doctor.WARNING: ("⚠", "#a15c00"),
         doctor.PROBLEM: ("✘", "#b00020")}


def requote(finding: Finding, needed: int) -> Finding:
    """A quota finding re-judged for the folders now ticked (the user may untick some)."""
    if finding.code not in QUOTA_CODES or "free" not in finding.params:
        return finding
    p = finding.params
    return doctor.judge_quota(
        free=int(p["free"]), needed=needed, used=int(p.get("used", 0)), limit=int(p.get("limit", 0))
    )


class _CheckRelay(QObject):
    """Lives on the GUI thread, so the worker's signals are queued to it; drops the
    results of a check that was started again meanwhile."""

    def __init__(self, page: FoldersPage, generation: int) -> None:
        super().__init__(page)
        self.page, self.generation = page, generation

    @Slot(object)
    def item(self, finding: object) -> None:
        if self.generation == self.page.check_generation:
            self.page.add_finding(finding)  # type: ignore[arg-type]

    @Slot(object)
    def failed(self, exc: object) -> None:
        if self.generation == self.page.check_generation:
            self.page.check_failed(exc)  # type: ignore[arg-type]

    @Slot()
    def done(self) -> None:
        if self.generation == self.page.check_generation:
            self.page.check_done()
        # Not deleteLater: freeing a PySide object while a worker thread runs can
        # deadlock (see gui.worker.Threads); the page owns its few relays.


def estimate_seconds(mappings: list[FolderMapping]) -> float:
    chosen = [m for m in mappings if m.include]
    size = sum(m.size or 0 for m in chosen)
    count = sum(m.messages or 0 for m in chosen)
    return size / ASSUMED_BYTES_PER_SECOND + count * ASSUMED_SECONDS_PER_MESSAGE


class FoldersPage(Page):
    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.layout_.addWidget(self.busy)
        self.table = table(6, editable=True, wide=(COL_SOURCE, COL_TARGET))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._item_changed)
        self.layout_.addWidget(self.table, 1)
        self.estimate = wrap_label()
        self.estimate.setObjectName("estimate")
        self.layout_.addWidget(self.estimate)
        self.error = wrap_label()
        self.error.setObjectName("error")
        self.layout_.addWidget(self.error)

        # Pre-flight (mailmover.doctor): problems are shown before "Start moving".
        self.check_box = QGroupBox()
        box = QVBoxLayout(self.check_box)
        self.check_summary = wrap_label(rich=True)
        self.check_summary.setObjectName("check_summary")
        self.findings_label = wrap_label(rich=True)
        self.findings_label.setObjectName("findings")
        self.check_again = QPushButton()
        self.check_again.clicked.connect(self.start_check)
        row = QHBoxLayout()
        row.addWidget(self.check_summary, 1)
        row.addWidget(self.check_again, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(row)
        box.addWidget(self.findings_label)
        self.layout_.addWidget(self.check_box)

        self.loaded = False
        self._filling = False
        self._error: BaseException | None = None
        self.findings: list[Finding] = []
        self.checking = False
        self.checked = False
        self.check_error: BaseException | None = None
        self.check_generation = 0
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.loaded = False
        self._error = None
        self.table.setRowCount(0)
        self.busy.setVisible(True)
        self.check_generation += 1  # a check still running for other accounts is stale
        self.findings, self.checking, self.checked, self.check_error = [], False, False, None
        self.completeChanged.emit()
        src, dst = self.session.source, self.session.target
        assert src is not None and dst is not None
        options = self.session.move_options()
        logins = self.session.logins
        worker = CallWorker(lambda: make_plan(logins, src, dst, options))
        worker.result.connect(self._planned)
        worker.failed.connect(self._plan_failed)
        self.threads.start(worker)
        self.retranslate()
        self.settle()

    def _planned(self, mappings: list[FolderMapping]) -> None:
        resume = self.session.resume
        if resume is not None:  # keep what the user chose last time
            saved = {row["source"]: row for row in resume.mapping}
            for m in mappings:
                if m.source in saved:
                    m.target = saved[m.source]["target"] or m.target
                    m.include = bool(saved[m.source]["include"])
        self.session.mappings = mappings
        self._fill(mappings)
        self.loaded = True
        self.busy.setVisible(False)
        self.session.log("plan: " + ", ".join(
            f"{m.source}->{m.target}{'' if m.include else ' (off)'}" for m in mappings))
        self.retranslate()
        self.completeChanged.emit()
        # One after the other, not in parallel: providers dislike many logins at once.
        self.start_check()

    def _plan_failed(self, exc: BaseException) -> None:
        self._error = exc
        self.busy.setVisible(False)
        self.session.log(f"plan failed: {exc}")
        self.retranslate()
        announce(self.error, self.error.text())
        self.bring_into_view(self.error)

    # -- pre-flight check -------------------------------------------------------------
    def start_check(self) -> None:
        """Run mailmover.doctor's checks on a worker thread; findings arrive one by one."""
        s = self.session
        if s.source is None or s.target is None or self.checking:
            return
        self.check_generation += 1
        self.findings, self.checking, self.checked, self.check_error = [], True, False, None
        src, dst = s.source, s.target
        options = s.move_options()
        src_preset, dst_preset = s.preset_for("source"), s.preset_for("target")
        s.log("pre-flight check started")
        worker = IterWorker(
            lambda: preflight(s.logins, src, dst, options, src_preset, dst_preset))
        relay = _CheckRelay(self, self.check_generation)
        worker.item.connect(relay.item)
        worker.failed.connect(relay.failed)
        worker.finished.connect(relay.done)
        self.threads.start(worker)
        self.completeChanged.emit()
        self.retranslate()

    def add_finding(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.session.log(f"pre-flight {finding.severity}: {finding.english()}")
        self._retranslate_check()

    def check_failed(self, exc: BaseException) -> None:
        self.check_error = exc
        self.session.log(f"pre-flight check failed: {exc!r}")

    def check_done(self) -> None:
        self.checking, self.checked = False, True
        self._retranslate_check()
        self.completeChanged.emit()
        summary = re.sub(r"<[^>]+>", "", self.check_summary.text())
        announce(self.check_summary, html.unescape(summary))
        self.bring_into_view(self.check_box)

    def shown_findings(self) -> list[Finding]:
        """What the page lists: quota judged for the ticked folders, problems first."""
        needed = sum(m.size or 0 for m in self.session.mappings if m.include)
        out = [requote(f, needed) if self.loaded else f for f in self.findings
               if f.code not in HIDDEN_FINDINGS]
        order = {doctor.PROBLEM: 0, doctor.WARNING: 1, doctor.OK: 2}
        return sorted(out, key=lambda f: order.get(f.severity, 3))

    def problems(self) -> list[Finding]:
        return [f for f in self.shown_findings() if f.severity != doctor.OK]

    def _fill(self, mappings: list[FolderMapping]) -> None:
        self._filling = True
        self.table.setRowCount(len(mappings))
        for row, m in enumerate(mappings):
            move = QTableWidgetItem()
            move.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            move.setCheckState(Qt.CheckState.Checked if m.include else Qt.CheckState.Unchecked)
            self.table.setItem(row, COL_MOVE, move)
            for col in (COL_SOURCE, COL_COUNT, COL_SIZE, COL_NOTE):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if col in (COL_COUNT, COL_SIZE):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            cell(self.table, row, COL_COUNT).setText(str(m.messages or 0))
            cell(self.table, row, COL_SOURCE).setToolTip(m.source)
            target = QTableWidgetItem(textsafe.shown(m.target, keep_tab=False))
            if m.target.upper() == "INBOX" or role_name(m.role):
                # The new mailbox's own Inbox/Sent/Drafts/Deleted/Junk: shown by the name
                # people know ("已发送", not "Sent Messages"), and not renamed here.
                target.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                target.setToolTip(m.target)
            self.table.setItem(row, COL_TARGET, target)
        self._filling = False
        self._retranslate_rows()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not self.loaded:
            return
        row = item.row()
        if row >= len(self.session.mappings):
            return
        m = self.session.mappings[row]
        if item.column() == COL_MOVE:
            m.include = item.checkState() == Qt.CheckState.Checked
            m.reason = m.reason if not m.include else ""
            if not m.include and not m.reason:
                m.reason = "user"
        elif item.column() == COL_TARGET:
            # The cell shows invisible characters escaped; unchanged, it is the exact name.
            text = item.text().strip()
            if text != textsafe.shown(m.target, keep_tab=False):
                m.target = text or m.target
        self._retranslate_rows()
        self._update_estimate()
        self._retranslate_check()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        # Start only once the pre-flight check has spoken (or failed): its problems must
        # be visible before the move begins.
        return (self.loaded and not self.checking
                and any(m.include for m in self.session.mappings))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        problems = [f for f in self.problems() if f.severity == doctor.PROBLEM]
        if problems and not self.session.confirm(
                self, self.tr("Start anyway?"), self.start_anyway_text(problems)):
            return False
        self.session.mappings = [replace(m) for m in self.session.mappings]
        return True

    def start_anyway_text(self, problems: list[Finding]) -> str:
        """The dialog before starting despite problems: each problem and its fix in one
        sentence (the list on the page may be out of sight), then the question."""
        lines = []
        for f in problems:
            text, fix = finding_text(f)
            text = text.rstrip(" .。")
            if fix:
                # "… needs 14 MB — ask the help desk to raise the quota …"
                fix = fix[:1].lower() + fix[1:] if fix[:2].istitle() else fix
                text = fill(self.tr("{problem} — {fix}"), problem=text, fix=fix)
            lines.append(text)
        lines.append(self.tr("Start moving anyway?"))
        desk = helpdesk_text(self.session)
        return "\n\n".join(lines + ([desk] if desk else []))

    def _update_estimate(self) -> None:
        if not self.loaded:
            self.estimate.setText("")
            return
        chosen = [m for m in self.session.mappings if m.include]
        messages = sum(m.messages or 0 for m in chosen)
        self.estimate.setText(fill(
            self.tr("To move: {folders}, {messages}, {size}. Estimated time: {time}. You can "
                    "keep working meanwhile."),
            folders=plural(len(chosen), self.tr("{n} folder"), self.tr("{n} folders")),
            messages=plural(messages, self.tr("{n} message"), self.tr("{n} messages")),
            size=size_text(sum(m.size or 0 for m in chosen)),
            time=duration_text(estimate_seconds(self.session.mappings))))

    def _retranslate_rows(self) -> None:
        self._filling = True
        for row, m in enumerate(self.session.mappings[: self.table.rowCount()]):
            role = role_name(m.role)
            # People know "收件箱"/"Inbox" and "已发送"/"Sent", not "INBOX" or "Sent Messages".
            shown = [(COL_SOURCE, folder_label(m.source, m.role)), (COL_SIZE, size_text(m.size))]
            if m.target.upper() == "INBOX" or role:
                shown.append((COL_TARGET, folder_label(m.target, m.role)))
            for col, text in shown:
                cell = self.table.item(row, col)
                if cell is not None:
                    cell.setText(text)
            note = folder_note(m.reason) if not m.include else ""
            if m.include and role:
                note = fill(self.tr("Goes to the new mailbox's {role} folder"), role=role)
            item = self.table.item(row, COL_NOTE)
            if item is not None:
                item.setText(note)
            move = self.table.item(row, COL_MOVE)
            if move is not None:
                move.setData(Qt.ItemDataRole.AccessibleTextRole,
                             fill(self.tr("Move folder {folder}"), folder=m.source))
        self._filling = False

    def retranslate(self) -> None:
        self.setTitle(self.tr("What to move"))
        self.setSubTitle(self.tr("Your folders in the old mailbox and where each will go."))
        self.intro.setText(self.tr(
            "Ticked folders are copied. You can change the name of the folder in the new "
            "mailbox by double-clicking it. Quarantine folders (viruses) are left out unless "
            "you tick them."))
        self.table.setHorizontalHeaderLabels([
            self.tr("Move"), self.tr("Old folder"), self.tr("Messages"), self.tr("Size"),
            self.tr("Folder in the new mailbox"), self.tr("Note")])
        self.table.setAccessibleName(self.tr("Folders to move"))
        if not self.loaded and self._error is None:
            self.estimate.setText(self.tr("Reading your folders…"))
        else:
            self._update_estimate()
        self.error.setText(exception_text(self._error) if self._error else "")
        self.error.setVisible(self._error is not None)  # no empty gap above the check
        self._retranslate_rows()
        self._retranslate_check()
        self.setButtonText_()

    def _retranslate_check(self) -> None:
        self.check_box.setTitle(self.tr("Before you start: a check of both mailboxes"))
        self.check_again.setText(self.tr("Check &again"))
        self.check_again.setAccessibleName(self.tr("Check again"))
        self.check_again.setEnabled(self.loaded and not self.checking)
        self.findings_label.setAccessibleName(self.tr("Results of the check"))
        shown = self.shown_findings()
        problems = [f for f in shown if f.severity != doctor.OK]
        if not self.loaded and not self.checking and not self.checked:
            summary = self.tr("The check runs as soon as your folders are read.")
        elif self.checking:
            summary = self.tr("Checking space, message sizes and what mail programs can see "
                              "in the new mailbox…")
        elif self.check_error is not None:
            summary = fill(self.tr("The check could not finish: {why} You can still start "
                                   "moving."), why=exception_text(self.check_error))
        elif problems:
            summary = plural(len(problems),
                             self.tr("The check found 1 thing to look at. You can still "
                                     "start moving, but read this first:"),
                             self.tr("The check found {n} things to look at. You can still "
                                     "start moving, but read these first:"))
        else:
            summary = self.tr("Everything looks ready for the move.")
        color = "#b00020" if problems or self.check_error else "#1b7a2b"
        if self.checking or not self.checked:
            color = ""
        self.check_summary.setText(
            f"<b style='color:{color}'>{html.escape(summary)}</b>" if color
            else html.escape(summary))
        self.findings_label.setText(self._findings_html(shown))
        self.findings_label.setVisible(bool(shown))

    def _findings_html(self, shown: list[Finding]) -> str:
        # A table, so a wrapped line and its fix stay indented under the text, not the icon.
        rows: list[str] = []
        for f in shown:
            icon, color = ICONS.get(f.severity, ("•", ""))
            text, fix = finding_text(f)
            cell = html.escape(text)
            extra = html.escape(fix)
            if f.code == doctor.LOGIN_FAILED:
                steps = error_help(str(f.params.get("error", "")))
                extra = extra + ("<br>" if extra and steps else "") + steps
            if extra and f.severity != doctor.OK:
                cell += f"<br><span style='color:#555'>→ {extra}</span>"
            rows.append(f"<tr><td style='color:{color}; padding-right:6px'>{icon}</td>"
                        f"<td style='padding-bottom:3px'>{cell}</td></tr>")
        return "<table cellspacing='0' cellpadding='0'>" + "".join(rows) + "</table>"

    def setButtonText_(self) -> None:  # noqa: N802 - matches Qt's naming nearby
        from PySide6.QtWidgets import QWizard

        # A commit page: once moving has started, Back no longer leads here.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Start moving"))
