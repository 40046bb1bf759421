"""`mailmover batch`: move a whole department's accounts from one CSV list.

accounts (reading and checking the list), shard (K/N split), caps (the servers probed,
connections per server), signins (accounts on OAuth: sign-ins prepared ahead with
`mailmover login`), apponly (Microsoft 365 app-only access), runner (parallel moves
under a per-server connection cap), summary (CSV, JSON, HTML), progress, cli.
"""
