"""What a destination's refusal of one APPEND means: this message, or the whole account."""

from __future__ import annotations

import re

from mailmover.engine import errors
from mailmover.engine.connect import is_throttle

_OVER_QUOTA = re.compile(r"\[OVERQUOTA\]|quota|mailbox is full|空间不足|容量", re.I)
_TOO_LARGE = re.compile(r"too (large|big)|size|exceed|\[TOOBIG\]|过大|超过", re.I)


def refusal_error(text: str, host: str) -> errors.MailMoverError | None:
    """A refusal that concerns the account, not the message: stop or slow down."""
    if _OVER_QUOTA.search(text):
        return errors.StopMove(errors.OVER_QUOTA, host=host, detail=text)
    if not _TOO_LARGE.search(text) and ("[LIMIT]" in text.upper() or is_throttle(text)):
        return errors.TransientError(errors.THROTTLED, host=host, detail=text)
    return None


def refusal_reason(text: str) -> str:
    """Why one message was refused, as a code."""
    return errors.MESSAGE_TOO_LARGE if _TOO_LARGE.search(text) else errors.MESSAGE_REJECTED
