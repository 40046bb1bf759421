"""`mailmover --demo`: start the sandbox and open the wizard pre-filled against it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

from mailmover.demo.sandbox import Sandbox, start_sandbox
from mailmover.profile import Profile, ServerSettings, configured_profile


def demo_profile(sandbox: Sandbox, base: Profile | None = None) -> Profile:
    """The institution's profile (if any) with its servers pointed at the sandbox."""
    today = dt.date.today()
    profile = base or Profile(
        institution="演示大学（mailmover 演示）",
        institution_en="Demo University (mailmover demo)",
        email_domain="demo.edu.cn",
        helpdesk_phone="010-00000000",
        helpdesk_email="helpdesk@demo.edu.cn",
        switch_date=today,
        old_closes_date=today + dt.timedelta(days=90),
        folder_overrides={"Conference 会议": "Conferences"},
        default_password_hint="演示模式：密码已自动填好。",
        default_password_hint_en="Demo mode: the passwords are already filled in.",
    )
    return dataclasses.replace(
        profile,
        old_server=ServerSettings("coremail", sandbox.source.host, sandbox.source.port, "plain"),
        new_server=ServerSettings("exmail", sandbox.target.host, sandbox.target.port, "plain"),
        old_webmail="",
        new_webmail="",
        # The "contacts export page" of the demo is the folder holding the sample CSV.
        contacts_export_url=sandbox.contacts_csv.parent.as_uri(),
    )


def run_demo(profile_path: str | Path | None = None) -> int:
    base = configured_profile(profile_path) if profile_path else None
    print("mailmover demo: starting two sandbox mailboxes on this computer…", file=sys.stderr)
    sandbox = start_sandbox()
    try:
        print(
            f"  old mailbox: {sandbox.source.url}\n  new mailbox: {sandbox.target.url}\n"
            f"  sample contacts: {sandbox.contacts_csv}",
            file=sys.stderr,
        )
        from mailmover.gui.app import main as gui_main  # Qt only from here on

        return int(
            gui_main(
                [],
                source=sandbox.source,
                target=sandbox.target,
                profile=demo_profile(sandbox, base),
            )
        )
    finally:
        sandbox.stop()
