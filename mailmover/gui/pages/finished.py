"""Page 9: what was done, what is left, where the report is."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from mailmover.gui.messages import fill, helpdesk_text, plural, size_text
from mailmover.gui.pages.base import Page, wrap_label


class FinishedPage(Page):
    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.summary = wrap_label(rich=True)
        self.summary.setObjectName("summary")
        self.layout_.addWidget(self.summary)
        row = QHBoxLayout()
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self._open_report)
        row.addWidget(self.report_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.retranslate()
        self.settle()

    def _open_report(self) -> None:
        if self.session.report_path is not None:
            self.session.open_url(str(self.session.report_path))

    def retranslate(self) -> None:
        s = self.session
        self.setTitle(self.tr("Finished"))
        self.setSubTitle(self.tr("What was done and what is left."))
        self.intro.setText(self.tr("Thank you. Here is a summary you can keep."))
        done: list[str] = []
        left: list[str] = []
        if s.report is not None:
            t = s.report.totals()
            # Copies an earlier run of this move made count as copied; the size is this
            # run's alone, so it is said only when this run made every copy.
            copied = plural(t["copied"] + t["earlier"], self.tr("{n} message"),
                            self.tr("{n} messages"))
            present = t["present"] - t["earlier"]
            done.append(fill(self.tr("Mail: {copied} copied, {present} already there.")
                             if t["earlier"] else
                             self.tr("Mail: {copied} copied ({size}), {present} already there."),
                             copied=copied, size=size_text(t["bytes_copied"]), present=present))
            if t["failed"] or t["pending"] or (s.verification and not s.verification.ok):
                left.append(plural(t["failed"] + t["pending"],
                                   self.tr("1 message still needs attention: see the report "
                                           "and try again."),
                                   self.tr("{n} messages still need attention: see the report "
                                           "and try again.")))
        else:
            left.append(self.tr("Mail has not been moved yet."))
        if s.contacts_output is not None:
            done.append(fill(self.tr("Contacts: saved for import in {path}."),
                             path=str(s.contacts_output)))
            left.append(self.tr("Import the contacts file in the new webmail."))
        else:
            left.append(self.tr("Contacts: not done yet."))
        if s.cloud_summary is not None:
            done.append(fill(self.tr("Cloud drive: {count} ({size}) downloaded."),
                             count=plural(s.cloud_summary[0], self.tr("{n} file"),
                                          self.tr("{n} files")),
                             size=size_text(s.cloud_summary[1])))
        elif s.old_system_closed():
            left.append(self.tr("Cloud drive: download what can still be reached."))
        else:
            left.append(self.tr("Cloud drive: download your files before the old system "
                                "closes."))
        closes = s.profile_value("old_closes_date")
        if s.old_system_closed():
            left.append(fill(self.tr("The old system closed on {date}."), date=str(closes)))
        else:
            left.append(self.tr("Run mailmover once more shortly before the old system "
                                "closes: it copies only the mail that arrived since."))
            if closes:
                left.append(fill(self.tr("The old system closes on {date}."),
                                 date=str(closes)))
        desk = helpdesk_text(s)
        if desk:
            left.append(desk)
        where = (fill(self.tr("The report is saved at {path}."), path=str(s.report_path))
                 if s.report_path else "")

        def items(lines: list[str]) -> str:
            return "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>"

        # tr() outside the f-string: lupdate does not look inside f-string expressions.
        done_title = html.escape(self.tr("Done"))
        left_title = html.escape(self.tr("Still to do"))
        self.summary.setText(
            f"<b>{done_title}</b>{items(done) if done else '<p>–</p>'}"
            f"<b>{left_title}</b>{items(left)}"
            f"<p>{html.escape(where)}</p>")
        self.report_button.setText(self.tr("Open the report"))
        self.report_button.setAccessibleName(self.tr("Open the report"))
        self.report_button.setEnabled(s.report_path is not None)
