import sys

from mailmover.cli import main

sys.exit(main())
