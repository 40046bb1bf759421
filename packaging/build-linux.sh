#!/usr/bin/env bash
# Build the Linux one-folder bundle, smoke-test it, and pack it as a .tar.gz.
#
#   packaging/build-linux.sh                  # own venv in packaging/build/venv
#   PYTHON=.venv/bin/python packaging/build-linux.sh   # a venv with mailmover installed
#
# Needs Qt's system libraries at build time: PyInstaller copies them into the bundle, so
# a desktop without them can start it. On Debian/Ubuntu the missing ones are installed
# (as root, or with sudo); elsewhere, or when a library is still missing, the build stops
# and names it. Output: dist/mailmover/ and dist/mailmover-VERSION-linux-ARCH.tar.gz
# (ARCHIVE=0 skips the archive).
# Extra arguments are passed to the bundle's --self-test (e.g. --self-test-imap URL).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/linux-deps.sh
. scripts/linux-deps.sh
if command -v dpkg >/dev/null 2>&1; then
  apt_install "${QT_APT_PACKAGES[@]}" || {
    echo "build-linux: cannot install Qt's system libraries (above); the bundle would" \
      "not start on a desktop without them" >&2
    exit 1
  }
fi

if [ -z "${PYTHON:-}" ]; then
  [ -x packaging/build/venv/bin/python ] || python3 -m venv packaging/build/venv
  PYTHON=packaging/build/venv/bin/python
  "$PYTHON" -m pip install -q --upgrade pip
  "$PYTHON" -m pip install -q ".[demo]" pyinstaller
fi
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || "$PYTHON" -m pip install -q pyinstaller

version=$("$PYTHON" -c 'import mailmover; print(mailmover.__version__)')

# What PyInstaller cannot find it leaves out with a mere warning: stop here instead.
qxcb=$("$PYTHON" -c 'import pathlib, PySide6
print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")')
not_found=$(ldd "$qxcb" | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$not_found" ]; then
  echo "build-linux: Qt's X11 plugin needs libraries this system lacks: $not_found" >&2
  echo "build-linux: install them (Debian/Ubuntu: the packages in scripts/linux-deps.sh)" \
    "and build again; a bundle without them does not start on an X11 desktop" >&2
  exit 1
fi
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath packaging/build/work packaging/mailmover.spec
echo "built dist/mailmover in $(( $(date +%s) - start )) s, $(du -sh dist/mailmover | cut -f1)"

# The packaged build is smoke-tested, not just built: no display, a throwaway home.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
env -u DISPLAY -u WAYLAND_DISPLAY MAILMOVER_HOME="$home" \
  dist/mailmover/mailmover --self-test "$@"
dist/mailmover/mailmover --version

if [ "${ARCHIVE:-1}" != 0 ]; then
  archive="dist/mailmover-$version-linux-$(uname -m).tar.gz"
  tar -C dist -czf "$archive" mailmover
  echo "archive: $archive ($(du -h "$archive" | cut -f1))"
fi
