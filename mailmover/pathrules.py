"""Names of files and folders built from server data, valid on every OS (issue 26).

Windows' rules are the strictest, and a state folder is copied between computers, so
they apply everywhere (and the tests run them on Linux):
- reserved device names with any extension (`AUX.txt`, `LPT1.eml`, `com¹`): Windows
  opens the device whatever follows the first dot, so the name gets a `_` in front;
- `<>:"/\\|?*` and control characters are replaced; trailing dots and spaces (Windows
  drops them, so `a.` and `a` would meet) are removed;
- bidi and zero-width characters (Unicode format characters, `Cf`) are replaced: a
  folder called `‮lmth.exe` must not be shown as something else;
- a component is at most 255 UTF-16 units, and the whole path stays under MAX_PATH
  (260) where Windows has long paths off.
"""

from __future__ import annotations

import re
import sys
import unicodedata

MAX_COMPONENT = 255  # UTF-16 code units (NTFS, also ext4's 255 bytes is looser for CJK)
MAX_PATH = 260  # including the terminating NUL: 259 usable

_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")
}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_reserved(name: str) -> bool:
    """A Windows device name, with or without an extension (`AUX`, `aux.txt`, `NUL .x`)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _DEVICES


def _clean_char(c: str) -> str:
    if _FORBIDDEN.match(c) or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return "_"
    return c


def cut_units(text: str, limit: int) -> str:
    """At most `limit` UTF-16 units, never half of a surrogate pair."""
    out, used = [], 0
    for c in text:
        used += utf16_units(c)
        if used > limit:
            break
        out.append(c)
    return "".join(out)


def component(text: str, *, limit: int = MAX_COMPONENT, fallback: str = "_") -> str:
    """One safe path component made from `text` (not unique: add a digest for that)."""
    name = "".join(_clean_char(c) for c in text)
    name = cut_units(name, max(1, limit)).rstrip(". ").lstrip(" ")
    if not name:
        name = fallback
    if is_reserved(name):
        name = cut_units("_" + name, max(1, limit)).rstrip(". ")
    return name


def long_paths() -> bool:
    """Whether paths longer than MAX_PATH work: always off Windows; on Windows only with
    the system's LongPathsEnabled switch (off by default)."""
    if sys.platform != "win32":
        return True
    try:  # pragma: no cover - Windows only
        import winreg

        key = winreg.OpenKey(
            winreg.HKEY_LOCAL_MACHINE, r"SYSTEM\CurrentControlSet\Control\FileSystem"
        )
        with key:
            return bool(winreg.QueryValueEx(key, "LongPathsEnabled")[0])
    except OSError:  # pragma: no cover
        return False


def room(directory: str, tail: str = "", *, max_path: int | None = None) -> int:
    """UTF-16 units left for one component in `directory`/<component>[/`tail`]: at most
    MAX_COMPONENT, less where the whole must stay under `max_path` (default: MAX_PATH
    unless long paths are on)."""
    if max_path is None and not long_paths():
        max_path = MAX_PATH
    if max_path is None:
        return MAX_COMPONENT
    used = utf16_units(directory) + 1 + (utf16_units(tail) + 1 if tail else 0)
    return max(0, min(MAX_COMPONENT, max_path - 1 - used))
