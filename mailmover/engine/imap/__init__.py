"""The IMAP boundary: the only code that imports imaplib or imapclient or holds a socket.

Everything above it works on typed values (folders, entries, selections, append results)
and on the faults of `faults.py`; nothing above sees a library exception. See
docs/architecture.md, "The IMAP boundary".
"""
