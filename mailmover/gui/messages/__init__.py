"""Engine codes (errors, per-message reasons, folder notes, pre-flight findings) and the
window's sizes, times and names, in the user's language.

One module per area; callers import from here. Every table keeps the translation context
"Messages" (templates.CONTEXT), so the .ts applies wherever a text lives.
"""

from __future__ import annotations

from .error_texts import error_help, error_text, exception_text, reason_text
from .finding_texts import finding_key, finding_text
from .folder_texts import folder_label, folder_note, role_name
from .people import account_label, helpdesk_text
from .quantities import date_text, duration_text, size_text
from .server_answers import plain_params, server_answer
from .templates import fill, plural

__all__ = [
    "account_label",
    "date_text",
    "duration_text",
    "error_help",
    "error_text",
    "exception_text",
    "fill",
    "finding_key",
    "finding_text",
    "folder_label",
    "folder_note",
    "helpdesk_text",
    "plain_params",
    "plural",
    "reason_text",
    "role_name",
    "server_answer",
    "size_text",
]
