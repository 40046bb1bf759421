# Sourced (not run) by scripts/test, scripts/run-app and packaging/build-linux.sh: the
# Debian/Ubuntu packages Qt needs at run time, and one way to install missing packages.
#
# QT_APT_PACKAGES covers what `ldd` reports for PySide6's Qt libraries and for the
# platform plugins a desktop uses (xcb for X11, wayland), beyond what every Debian/Ubuntu
# system has. PySide6's wheels do not ship these; PyInstaller copies them into the Linux
# bundle when they are present at build time. scripts/check_apt_packages.py (run by the
# tests) fails when a newer PySide6 needs a library none of these packages provides.
# shellcheck shell=bash

# shellcheck disable=SC2034  # used by the scripts that source this file
QT_APT_PACKAGES=(
  # QtGui, QtWidgets and the offscreen plugin the tests use
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
  # the X11 (xcb) platform plugin and its GL integrations: a desktop needs it, and the
  # self-test loads it even when running offscreen
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  # the Wayland platform plugin: the self-test falls back to it when X11 cannot load
  libwayland-client0 libwayland-cursor0 libwayland-egl1
)

# Print the packages of "$@" that are not installed (one a line). A name that an installed
# package provides counts as installed (Ubuntu 24.04: libglib2.0-0t64 provides libglib2.0-0).
apt_missing() {
  local p provided
  provided=$(dpkg-query -W -f '${db:Status-Abbrev} ${Provides}\n' 2>/dev/null |
    sed -n 's/^ii *//p' | tr ',' '\n' | sed 's/^ *//; s/[ :].*//')
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || grep -qxF "$p" <<<"$provided" || echo "$p"
  done
}

# Install the packages of "$@" that are missing, as root or through sudo. Returns 1 with a
# message saying what to install when that is not possible (no apt-get, no root, no sudo).
apt_install() {
  if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "not a Debian/Ubuntu system (no dpkg/apt-get): install the equivalents of" \
      "these packages yourself: $*" >&2
    return 1
  fi
  local missing
  mapfile -t missing < <(apt_missing "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "missing packages and no sudo; as root run:" >&2
      echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  echo "installing with apt-get: ${missing[*]}" >&2
  # Always update first: a fresh machine (or a container) may have no package lists.
  "${sudo[@]}" apt-get update -qq
  # env, not a prefix assignment: sudo drops the caller's environment.
  # dpkg's progress to /dev/null; errors still reach stderr.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}
