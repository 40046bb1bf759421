"""The mail-moving engine: plain Python, no Qt. See docs/architecture.md."""
