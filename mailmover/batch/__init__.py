"""`mailmover batch`: move a whole department's accounts from one CSV list.

accounts (reading and checking the list), shard (K/N split), runner (parallel moves
under a per-server connection cap), summary (CSV, JSON, HTML), progress, cli.
"""
