"""How many connections a batch opens: each server probed once before anything moves
(an unreachable one stops the batch there), a cap per server, and how many accounts fit
under it at once."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace

from mailmover.batch.accounts import BatchInputError, Credentials, Server
from mailmover.engine import Account, provider_connection_limit, reach

# Connections open at once on one server for the whole batch, unless --max-per-server.
DEFAULT_SERVER_CAP = 16
# On a provider known to limit logins per account (presets), this many accounts' worth.
PROVIDER_ACCOUNTS = 4


def _probe(server: Server, template: Account) -> tuple[str, frozenset[str]]:
    """Reach a server once (no login): greeting and capabilities, or ConnectError."""
    account = replace(
        template, host=server.host, port=server.port, security=server.security, user="-"
    )
    return reach(account)


def connection_caps(
    args: argparse.Namespace,
    servers: dict[str, Server],
    credentials: dict[str, Credentials],
    template: Account,
) -> dict[str, int]:
    """Each server once, before anything moves (an unreachable one stops the batch
    here): how many connections to it at most, per host:port."""
    caps: dict[str, int] = {}
    for side, server in servers.items():
        greeting, capabilities = _probe(server, template)
        if credentials[side].admin_user and "AUTH=PLAIN" not in capabilities:
            raise BatchInputError(
                [
                    f"--{side}-admin: {server.host} does not offer AUTH=PLAIN, which an "
                    "administrator login needs"
                ]
            )
        limit = provider_connection_limit(greeting, capabilities)
        cap = args.max_per_server or (
            min(DEFAULT_SERVER_CAP, PROVIDER_ACCOUNTS * limit) if limit else DEFAULT_SERVER_CAP
        )
        key = f"{server.host.lower()}:{server.port}"
        caps[key] = min(caps.get(key, cap), cap)  # source and target may be one server
    return caps


def parallel_accounts(
    args: argparse.Namespace, servers: dict[str, Server], caps: dict[str, int], jobs: int
) -> int:
    """Accounts moved at once: as asked, else as many as the servers' caps allow."""
    per_account = args.connections or 1
    need: Counter[str] = Counter()
    for server in servers.values():
        need[f"{server.host.lower()}:{server.port}"] += per_account
    fits = min(caps[k] // n for k, n in need.items())
    if fits < 1:
        raise BatchInputError(
            [
                f"--connections {per_account} does not fit under "
                f"--max-per-server {min(caps.values())}"
            ]
        )
    return int(args.parallel or max(1, min(fits, jobs)))
