"""A stand-in for the person's browser, for `BROWSER="python browser.py %s"`: it opens
the sign-in address and follows the redirects (the issuer's consent answers with a 302
to mailmover's loopback listener), as a browser does after the person clicks "Accept".

Writes the final status to the file named by MAILMOVER_TEST_BROWSER_LOG, if set.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def main(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as resp:  # follows 302s
            status, final = resp.status, resp.geturl()
    except urllib.error.HTTPError as exc:
        status, final = exc.code, exc.geturl()
    log = os.environ.get("MAILMOVER_TEST_BROWSER_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{status} {final.split('?')[0]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
