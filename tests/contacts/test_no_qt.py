"""The contacts package is plain Python: importing it must not load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_contacts_import_does_not_load_pyside6() -> None:
    code = (
        "import sys\n"
        "import mailmover.contacts, mailmover.contacts.cli\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert mailmover.contacts.convert\n"
        "print(','.join(loaded) or 'none')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "none"
