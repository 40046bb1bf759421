"""What a server needs from us, decided once per connection: from its greeting, its
capabilities and the provider preset for its kind (`resources/presets/*.toml`).

Every field is read somewhere: `needs_id` by `connect`, `connection_limit` by the pool
and the batch, `kind`, `max_message_size` and `folder_parent` by the pre-flight check
(doctor.py, with the preset the user or the profile chose, where there is one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mailmover.engine.imap.identify import ServerKind, identify
from mailmover.engine.presets import Preset, preset_for_kind

# Servers that refuse SELECT until ID was sent, whether they advertise ID or not
# ("NO SELECT Unsafe Login"): known by the greeting even without a preset.
_ID_REQUIRED = (ServerKind.COREMAIL, ServerKind.NETEASE)


@dataclass(frozen=True, slots=True)
class Quirks:
    kind: ServerKind
    needs_id: bool  # send ID after login
    connection_limit: int | None  # the provider's connections per account, when known
    max_message_size: int | None  # bytes, when the provider's limit is known
    folder_parent: str  # where user folders must live on this server, if anywhere
    preset: str = ""  # the preset these come from ("" when none applies)


def decide(
    greeting: str, capabilities: Iterable[str], preset: Preset | None = None
) -> Quirks:
    caps = frozenset(c.upper() for c in capabilities)
    kind = identify(greeting, caps)
    if preset is None and kind != ServerKind.UNKNOWN:
        preset = preset_for_kind(kind.value)
    q = preset.quirks if preset is not None else None
    return Quirks(
        kind=kind,
        needs_id="ID" in caps or kind in _ID_REQUIRED or bool(q is not None and q.send_id),
        connection_limit=q.max_connections if q is not None else None,
        max_message_size=q.max_message_size if q is not None else None,
        folder_parent=q.folder_parent if q is not None else "",
        preset=preset.name if preset is not None else "",
    )
