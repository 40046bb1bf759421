"""The tracked .qm files say what their .ts says.

The app and `pip install .` ship the compiled .qm from git (building it needs Qt's
lrelease, which a wheel build does not have), so nothing rebuilds it: a translation fixed
in the .ts and not recompiled would never reach a user. lrelease compiles each .ts here
and the messages of both .qm files are compared — messages, not bytes, so a different Qt
version's lrelease (another hash layout) does not fail the test, but any changed, added
or missing translation does. scripts/update-translations rebuilds the .qm.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS_FILES = sorted(I18N.glob("*.ts"))

# Qt's .qm format (qtbase/src/corelib/kernel/qtranslator.cpp).
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
BLOCK_MESSAGES, BLOCK_LANGUAGE, BLOCK_NUMERUS = 0x69, 0xA7, 0x88
TAG_END, TAG_TRANSLATION, TAG_OBSOLETE1 = 1, 3, 5
TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 6, 7, 8

Message = tuple[str, str, str, tuple[str, ...]]  # context, source, comment, translations


def qm_contents(data: bytes) -> tuple[dict[int, bytes], set[Message]]:
    """The non-message blocks (language, plural rules) and the set of messages of a .qm."""
    assert data[:16] == QM_MAGIC, "not a .qm file"
    blocks: dict[int, bytes] = {}
    pos = 16
    while pos < len(data):
        tag, size = data[pos], struct.unpack(">I", data[pos + 1 : pos + 5])[0]
        blocks[tag] = data[pos + 5 : pos + 5 + size]
        pos += 5 + size
    raw = blocks.pop(BLOCK_MESSAGES, b"")
    messages: set[Message] = set()
    fields: dict[int, list[bytes]] = {}
    pos = 0
    while pos < len(raw):
        tag = raw[pos]
        pos += 1
        if tag == TAG_END:
            text = {t: fields.get(t, [b""])[0].decode() for t in (TAG_CONTEXT, TAG_SOURCE)}
            messages.add(
                (
                    text[TAG_CONTEXT],
                    text[TAG_SOURCE],
                    fields.get(TAG_COMMENT, [b""])[0].decode(),
                    tuple(t.decode("utf-16-be") for t in fields.get(TAG_TRANSLATION, [])),
                )
            )
            fields = {}
            continue
        if tag == TAG_OBSOLETE1:
            pos += 4
            continue
        size = struct.unpack(">I", raw[pos : pos + 4])[0]
        pos += 4
        value = b"" if size == 0xFFFFFFFF else raw[pos : pos + size]
        pos += 0 if size == 0xFFFFFFFF else size
        fields.setdefault(tag, []).append(value)
    # Only blocks that carry meaning; the hash table differs between Qt versions.
    kept = {t: b for t, b in blocks.items() if t in (BLOCK_LANGUAGE, BLOCK_NUMERUS)}
    return kept, messages


def lrelease(ts: Path, qm: Path) -> None:
    # The venv's tool by path: scripts/test does not activate the venv.
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert tool, f"pyside6-lrelease is not beside {sys.executable} (PySide6-Essentials)"
    subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)


def differences(tracked: bytes, built: bytes) -> list[str]:
    old_blocks, old = qm_contents(tracked)
    new_blocks, new = qm_contents(built)
    out = [f"block {t:#x} differs" for t in old_blocks.keys() | new_blocks.keys()
           if old_blocks.get(t) != new_blocks.get(t)]
    out += [f"only in the .ts: {m[:2]} -> {m[3]}" for m in sorted(new - old)]
    out += [f"only in the .qm: {m[:2]} -> {m[3]}" for m in sorted(old - new)]
    return out


def test_there_is_a_translation() -> None:
    assert TS_FILES, I18N
    for ts in TS_FILES:
        assert ts.with_suffix(".qm").is_file(), f"{ts.name} has no .qm beside it"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_tracked_qm_says_what_the_ts_says(ts: Path, tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    lrelease(ts, built)
    problems = differences(ts.with_suffix(".qm").read_bytes(), built.read_bytes())
    assert not problems, (
        f"{ts.with_suffix('.qm').name} is stale: run scripts/update-translations\n"
        + "\n".join(problems[:20])
    )


def test_a_changed_translation_is_caught(tmp_path: Path) -> None:
    ts = TS_FILES[0]
    text = ts.read_text(encoding="utf-8")
    start = text.index("<translation>") + len("<translation>")
    changed = tmp_path / "changed.ts"
    changed.write_text(text[:start] + "X" + text[start:], encoding="utf-8")
    lrelease(changed, tmp_path / "changed.qm")
    problems = differences(ts.with_suffix(".qm").read_bytes(),
                           (tmp_path / "changed.qm").read_bytes())
    assert len(problems) == 2, problems  # the old text only in the .qm, the new in the .ts
    assert any("-> ('X" in p for p in problems), problems


def test_the_parser_reads_every_message(tmp_path: Path) -> None:
    # As many messages as the .ts has finished translations: the parser loses none.
    ts = TS_FILES[0]
    lrelease(ts, tmp_path / "all.qm")
    _, messages = qm_contents((tmp_path / "all.qm").read_bytes())
    finished = [
        t for t in ElementTree.parse(ts).iter("translation")
        if t.get("type") is None and (t.text or list(t))
    ]
    assert len(messages) >= len(finished) > 100
    assert all(m[3] and all(m[3]) for m in messages)
