"""PyInstaller entry point: the same `main()` as the `mailmover` command (no args: GUI)."""

import sys

from mailmover.cli import main

if __name__ == "__main__":
    sys.exit(main())
