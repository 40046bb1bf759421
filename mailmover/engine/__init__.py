"""The mail-moving engine: plain Python, no Qt. See ../shared/ARCHITECTURE.md."""
