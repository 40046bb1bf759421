"""The engine's public face: what the front ends (gui/, commands/, batch/, cli, doctor,
selftest, demo) use. They import only from here (tests/unit/test_layers.py checks it).

Names load on first use (PEP 562), so `mailmover --help` does not import the engine.

- accounts and presets: Account, parse_url, Preset, presets…
- a move: Migration, MoveOptions, Control, the events (events.py), Report, ProgressModel
- the check: verify_move, Verification, FolderCheck, CheckProgress (its progress)
- the pre-flight check: probe_view, read_quota, append_limit, size_stats
- connections: connect, reach, Logins, ConnectionPool (the IMAP boundary, imap/)
- faults: the boundary's taxonomy (imap/faults.py); errors.py holds the codes
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mailmover.engine.account import SCHEMES as SCHEMES
    from mailmover.engine.account import Account as Account
    from mailmover.engine.account import TokenSource as TokenSource
    from mailmover.engine.account import parse_url as parse_url
    from mailmover.engine.control import Control as Control
    from mailmover.engine.errors import MailMoverError as MailMoverError
    from mailmover.engine.events import Connected as Connected
    from mailmover.engine.events import Event as Event
    from mailmover.engine.events import Finished as Finished
    from mailmover.engine.events import FolderFinished as FolderFinished
    from mailmover.engine.events import FolderStarted as FolderStarted
    from mailmover.engine.events import MessageCopied as MessageCopied
    from mailmover.engine.events import MessageFailed as MessageFailed
    from mailmover.engine.events import Paused as Paused
    from mailmover.engine.events import PlanReady as PlanReady
    from mailmover.engine.events import Resumed as Resumed
    from mailmover.engine.events import Retrying as Retrying
    from mailmover.engine.events import Warning as Warning
    from mailmover.engine.folders import FolderMapping as FolderMapping
    from mailmover.engine.folders import Listing as Listing
    from mailmover.engine.folders import list_folders as list_folders
    from mailmover.engine.imap.connect import connect as connect
    from mailmover.engine.imap.connect import make_ssl_context as make_ssl_context
    from mailmover.engine.imap.connect import reach as reach
    from mailmover.engine.imap.connection import ImapConnection as ImapConnection
    from mailmover.engine.imap.faults import AccountFault as AccountFault
    from mailmover.engine.imap.faults import AccountStopped as AccountStopped
    from mailmover.engine.imap.faults import ConnectionFault as ConnectionFault
    from mailmover.engine.imap.faults import Fault as Fault
    from mailmover.engine.imap.faults import FolderFault as FolderFault
    from mailmover.engine.imap.faults import MessageFault as MessageFault
    from mailmover.engine.imap.faults import SignInRefused as SignInRefused
    from mailmover.engine.imap.faults import Throttled as Throttled
    from mailmover.engine.imap.faults import Unreachable as Unreachable
    from mailmover.engine.imap.ops import append_one as append_message
    from mailmover.engine.imap.ops import create as create_folder
    from mailmover.engine.imap.ops import examine_count as count_messages
    from mailmover.engine.imap.probes import PROBE_DATE as PROBE_DATE
    from mailmover.engine.imap.probes import SizeStats as SizeStats
    from mailmover.engine.imap.probes import ViewProbe as ViewProbe
    from mailmover.engine.imap.probes import append_limit as append_limit
    from mailmover.engine.imap.probes import probe_view as probe_view
    from mailmover.engine.imap.probes import read_quota as read_quota
    from mailmover.engine.imap.probes import size_stats as size_stats
    from mailmover.engine.imap.quirks import decide as decide_quirks
    from mailmover.engine.logins import Logins as Logins
    from mailmover.engine.options import DEFAULT_CONNECTIONS as DEFAULT_CONNECTIONS
    from mailmover.engine.options import MoveOptions as MoveOptions
    from mailmover.engine.pacing import DailyBudget as DailyBudget
    from mailmover.engine.pacing import days_needed as days_needed
    from mailmover.engine.pool import ConnectionPool as ConnectionPool
    from mailmover.engine.pool import provider_connection_limit as provider_connection_limit
    from mailmover.engine.presets import SECURITIES as SECURITIES
    from mailmover.engine.presets import Preset as Preset
    from mailmover.engine.presets import load_presets as load_presets
    from mailmover.engine.presets import preset as preset
    from mailmover.engine.presets import preset_for_email as preset_for_email
    from mailmover.engine.presets import preset_for_host as preset_for_host
    from mailmover.engine.progress import DONE as DONE
    from mailmover.engine.progress import PLANNED as PLANNED
    from mailmover.engine.progress import FolderProgress as FolderProgress
    from mailmover.engine.progress import ProgressModel as ProgressModel
    from mailmover.engine.progress import Snapshot as Snapshot
    from mailmover.engine.progress import plan_ready as plan_ready
    from mailmover.engine.report import Report as Report
    from mailmover.engine.transfer import Migration as Migration
    from mailmover.engine.verify import FolderCheck as FolderCheck
    from mailmover.engine.verify import Verification as Verification
    from mailmover.engine.verify import verify as verify_move
    from mailmover.engine.verify_progress import CheckProgress as CheckProgress

_WHERE: dict[str, tuple[str, str]] = {
    "Account": ("mailmover.engine.account", "Account"),
    "AccountFault": ("mailmover.engine.imap.faults", "AccountFault"),
    "AccountStopped": ("mailmover.engine.imap.faults", "AccountStopped"),
    "CheckProgress": ("mailmover.engine.verify_progress", "CheckProgress"),
    "Connected": ("mailmover.engine.events", "Connected"),
    "ConnectionFault": ("mailmover.engine.imap.faults", "ConnectionFault"),
    "ConnectionPool": ("mailmover.engine.pool", "ConnectionPool"),
    "Control": ("mailmover.engine.control", "Control"),
    "DEFAULT_CONNECTIONS": ("mailmover.engine.options", "DEFAULT_CONNECTIONS"),
    "DONE": ("mailmover.engine.progress", "DONE"),
    "DailyBudget": ("mailmover.engine.pacing", "DailyBudget"),
    "Event": ("mailmover.engine.events", "Event"),
    "Fault": ("mailmover.engine.imap.faults", "Fault"),
    "Finished": ("mailmover.engine.events", "Finished"),
    "FolderFault": ("mailmover.engine.imap.faults", "FolderFault"),
    "FolderCheck": ("mailmover.engine.verify", "FolderCheck"),
    "FolderFinished": ("mailmover.engine.events", "FolderFinished"),
    "FolderMapping": ("mailmover.engine.folders", "FolderMapping"),
    "FolderProgress": ("mailmover.engine.progress", "FolderProgress"),
    "FolderStarted": ("mailmover.engine.events", "FolderStarted"),
    "ImapConnection": ("mailmover.engine.imap.connection", "ImapConnection"),
    "Listing": ("mailmover.engine.folders", "Listing"),
    "Logins": ("mailmover.engine.logins", "Logins"),
    "MailMoverError": ("mailmover.engine.errors", "MailMoverError"),
    "MessageCopied": ("mailmover.engine.events", "MessageCopied"),
    "MessageFailed": ("mailmover.engine.events", "MessageFailed"),
    "MessageFault": ("mailmover.engine.imap.faults", "MessageFault"),
    "Migration": ("mailmover.engine.transfer", "Migration"),
    "MoveOptions": ("mailmover.engine.options", "MoveOptions"),
    "PLANNED": ("mailmover.engine.progress", "PLANNED"),
    "PROBE_DATE": ("mailmover.engine.imap.probes", "PROBE_DATE"),
    "Paused": ("mailmover.engine.events", "Paused"),
    "PlanReady": ("mailmover.engine.events", "PlanReady"),
    "Preset": ("mailmover.engine.presets", "Preset"),
    "ProgressModel": ("mailmover.engine.progress", "ProgressModel"),
    "Report": ("mailmover.engine.report", "Report"),
    "Resumed": ("mailmover.engine.events", "Resumed"),
    "Retrying": ("mailmover.engine.events", "Retrying"),
    "SCHEMES": ("mailmover.engine.account", "SCHEMES"),
    "SECURITIES": ("mailmover.engine.presets", "SECURITIES"),
    "SignInRefused": ("mailmover.engine.imap.faults", "SignInRefused"),
    "SizeStats": ("mailmover.engine.imap.probes", "SizeStats"),
    "Snapshot": ("mailmover.engine.progress", "Snapshot"),
    "Throttled": ("mailmover.engine.imap.faults", "Throttled"),
    "TokenSource": ("mailmover.engine.account", "TokenSource"),
    "Unreachable": ("mailmover.engine.imap.faults", "Unreachable"),
    "Verification": ("mailmover.engine.verify", "Verification"),
    "ViewProbe": ("mailmover.engine.imap.probes", "ViewProbe"),
    "Warning": ("mailmover.engine.events", "Warning"),
    "append_limit": ("mailmover.engine.imap.probes", "append_limit"),
    "append_message": ("mailmover.engine.imap.ops", "append_one"),
    "decide_quirks": ("mailmover.engine.imap.quirks", "decide"),
    "connect": ("mailmover.engine.imap.connect", "connect"),
    "count_messages": ("mailmover.engine.imap.ops", "examine_count"),
    "days_needed": ("mailmover.engine.pacing", "days_needed"),
    "create_folder": ("mailmover.engine.imap.ops", "create"),
    "list_folders": ("mailmover.engine.folders", "list_folders"),
    "load_presets": ("mailmover.engine.presets", "load_presets"),
    "make_ssl_context": ("mailmover.engine.imap.connect", "make_ssl_context"),
    "parse_url": ("mailmover.engine.account", "parse_url"),
    "plan_ready": ("mailmover.engine.progress", "plan_ready"),
    "preset": ("mailmover.engine.presets", "preset"),
    "preset_for_email": ("mailmover.engine.presets", "preset_for_email"),
    "preset_for_host": ("mailmover.engine.presets", "preset_for_host"),
    "probe_view": ("mailmover.engine.imap.probes", "probe_view"),
    "provider_connection_limit": ("mailmover.engine.pool", "provider_connection_limit"),
    "reach": ("mailmover.engine.imap.connect", "reach"),
    "read_quota": ("mailmover.engine.imap.probes", "read_quota"),
    "size_stats": ("mailmover.engine.imap.probes", "size_stats"),
    "verify_move": ("mailmover.engine.verify", "verify"),
}

__all__ = [
    "Account",
    "AccountFault",
    "AccountStopped",
    "CheckProgress",
    "Connected",
    "ConnectionFault",
    "ConnectionPool",
    "Control",
    "DEFAULT_CONNECTIONS",
    "DONE",
    "DailyBudget",
    "Event",
    "Fault",
    "Finished",
    "FolderCheck",
    "FolderFault",
    "FolderFinished",
    "FolderMapping",
    "FolderProgress",
    "FolderStarted",
    "ImapConnection",
    "Listing",
    "Logins",
    "MailMoverError",
    "MessageCopied",
    "MessageFailed",
    "MessageFault",
    "Migration",
    "MoveOptions",
    "PLANNED",
    "PROBE_DATE",
    "Paused",
    "PlanReady",
    "Preset",
    "ProgressModel",
    "Report",
    "Resumed",
    "Retrying",
    "SCHEMES",
    "SECURITIES",
    "SignInRefused",
    "SizeStats",
    "Snapshot",
    "Throttled",
    "TokenSource",
    "Unreachable",
    "Verification",
    "ViewProbe",
    "Warning",
    "append_limit",
    "append_message",
    "connect",
    "decide_quirks",
    "count_messages",
    "create_folder",
    "days_needed",
    "list_folders",
    "load_presets",
    "make_ssl_context",
    "parse_url",
    "plan_ready",
    "preset",
    "preset_for_email",
    "preset_for_host",
    "probe_view",
    "provider_connection_limit",
    "reach",
    "read_quota",
    "size_stats",
    "verify_move",
]


def __getattr__(name: str) -> Any:
    try:
        module, attr = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value
