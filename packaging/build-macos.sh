#!/usr/bin/env bash
# Build mailmover.app, smoke-test it, optionally sign + notarise, and make a .dmg.
#
#   packaging/build-macos.sh            # unsigned: fine for testing (Gatekeeper warns)
#
# Signing and notarisation run only when their variables are set (CI maps secrets):
#   MACOS_CODESIGN_IDENTITY  e.g. "Developer ID Application: Uni IT (TEAMID)"; the
#                            certificate must already be in a keychain (see build.yml)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarytool credentials (app-specific
#                            password of the Apple ID), all three needed to notarise
# Output: dist/mailmover.app and dist/mailmover-VERSION-macos-ARCH.dmg.
# Extra arguments go to the bundle's --self-test (e.g. --self-test-imap URL).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PYTHON:-}" ]; then
  [ -x packaging/build/venv/bin/python ] || python3 -m venv packaging/build/venv
  PYTHON=packaging/build/venv/bin/python
  "$PYTHON" -m pip install -q --upgrade pip
  "$PYTHON" -m pip install -q ".[demo]" pyinstaller
fi
version=$("$PYTHON" -c 'import mailmover; print(mailmover.__version__)')

# With MACOS_CODESIGN_IDENTITY set, the spec signs every binary with the hardened
# runtime and packaging/macos/entitlements.plist while collecting.
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath packaging/build/work packaging/mailmover.spec
app=dist/mailmover.app
echo "built $app, $(du -sh "$app" | cut -f1)"

if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
  # Seal the bundle as a whole (PyInstaller signed the parts).
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist \
    --sign "$MACOS_CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
fi

# Smoke-test the bundle exactly as shipped: the binary inside the .app.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
MAILMOVER_HOME="$home" "$app/Contents/MacOS/mailmover" --self-test "$@"
"$app/Contents/MacOS/mailmover" --version

dmg="dist/mailmover-$version-macos-$(uname -m).dmg"
staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag-to-install
rm -f "$dmg"
# hdiutil fails now and then on GitHub's macOS runners ("Resource busy"): retry.
for attempt in 1 2 3; do
  hdiutil create -volname "mailmover $version" -srcfolder "$staging" -ov -format UDZO "$dmg" \
    && break
  [ "$attempt" = 3 ] && exit 1
  sleep 5
done
rm -rf "$staging"

if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_CODESIGN_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] \
   && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  # Apple scans the dmg; stapling attaches the ticket so Gatekeeper passes offline.
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
  echo "not notarised (no signing identity or Apple ID credentials): Gatekeeper will warn"
fi
echo "dmg: $dmg ($(du -h "$dmg" | cut -f1))"
