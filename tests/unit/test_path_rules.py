"""Windows' path rules, checked on Linux (issue 26): every name mailmover builds from
server data (saved-message folders, progress files) is valid on Windows."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailmover import pathrules
from mailmover.engine.messages import save_eml, saved_folder_name
from mailmover.store import job_path

DEVICES = ["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT0", "COM¹", "CONIN$"]


def windows_ok(name: str) -> bool:
    """Written apart from pathrules, from Microsoft's 'Naming Files, Paths, and
    Namespaces': what Windows refuses or silently changes."""
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and stem not in DEVICES + ["COM2", "LPT9", "CONOUT$", "LPT²", "COM³"]
        and not any(c in '<>:"/\\|?*' or ord(c) < 0x20 for c in name)
        and not name.endswith((".", " "))
        and not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
        and len(name.encode("utf-16-le")) // 2 <= 255
    )


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("tail", ["", ".txt", ".eml", ".tar.gz", " .x", "  "])
def test_device_names_with_any_extension_are_not_devices(device, tail):
    for spelling in (device, device.lower()):
        folder = spelling + tail
        name = saved_folder_name(folder)
        assert windows_ok(name), name
        assert pathrules.is_reserved(folder.rstrip(" ") or folder)


def test_aux_txt_and_lpt1_eml_measured_in_the_issue():
    assert saved_folder_name("AUX.txt").startswith("_AUX.txt-")
    assert saved_folder_name("LPT1.eml").startswith("_LPT1.eml-")
    assert not pathrules.is_reserved("AUXILIARY.txt") and not pathrules.is_reserved("COM10")


@pytest.mark.parametrize(
    "folder",
    ["a.", "a. . ", "a ", "...", "a<b>c", 'a:"b"', "a|b?c*d", "a\\b/c", "\u202eexe.txt",
     "a\u200bb", "a\u200d\u2066b\u2069", "\ufeffInbox", "a\x7fb", "a\x85b", "\x00", ""],
)  # fmt: skip
def test_forbidden_trailing_bidi_and_zero_width_characters(folder):
    name = saved_folder_name(folder)
    assert windows_ok(name), repr(name)


def test_names_differing_only_in_what_is_replaced_stay_apart():
    folders = ["a.", "a", "a ", "a?", "a_", "a\u200b", "\u202ea", "AUX", "_AUX"]
    assert len({saved_folder_name(f) for f in folders}) == len(folders)


def test_components_count_utf16_units_not_characters():
    emoji = "😀" * 200  # 400 UTF-16 units, 200 characters
    cut = pathrules.component(emoji)
    assert pathrules.utf16_units(cut) <= 255 and len(cut) == 127
    assert pathrules.component("课" * 300, limit=255) == "课" * 255


def test_the_whole_path_stays_under_max_path_where_long_paths_are_off():
    directory = PureWindowsPath("C:/Users/zhang.san.long.name/AppData/Local/mailmover",
                                "saved-messages", "z" * 80 + "-0123456789")  # fmt: skip
    file = "1234567890-4294967295.eml"
    room = pathrules.room(str(directory), file, max_path=260)
    name = saved_folder_name("课题组/2019/" + "很长的文件夹名" * 30, room)
    full = str(directory / name / file)
    assert len(full) <= 259 and windows_ok(name)
    deeper = PureWindowsPath(str(directory), "x" * 120)
    tight = saved_folder_name("Inbox", pathrules.room(str(deeper), file, max_path=260))
    assert len(str(deeper / tight / file)) <= 259 or len(tight) == 10


def test_save_eml_keeps_the_path_under_max_path(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pathrules, "long_paths", lambda: False)
    job = tmp_path / ("j" * 100)
    path = save_eml(job, "很长的文件夹名" * 40, 1, 2, b"Subject: x\r\n\r\nbody")
    assert len(str(path)) <= 259 and path.read_bytes().endswith(b"body")


def test_progress_file_names_are_never_devices(tmp_path: Path):
    path = job_path(tmp_path, "lpt1.smith@uni.edu.cn:993", "com1@x:993")
    assert windows_ok(path.name) and path.name.startswith("_lpt1.smith_uni")


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300)
       | st.sampled_from(DEVICES).map(lambda d: d + ".x"))  # fmt: skip
def test_any_folder_name_becomes_a_valid_windows_name(folder):
    assert windows_ok(saved_folder_name(folder))
