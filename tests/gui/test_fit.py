"""The window fits small laptop screens: 1366×768 at 150 % (about 910×512 logical
pixels), 1280×720 and 1366×768 at 100 %, in both languages. Each screen needs its own
QApplication, so each walk through the wizard runs in a subprocess (tests/gui/fit_run.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui.conftest import fill_mailbox

ROOT = Path(__file__).resolve().parents[2]

SCREENS = {
    "1366x768@150": (1366, 768, "1.5"),
    "1280x720": (1280, 720, "1"),
    "1366x768": (1366, 768, "1"),
}


def crash_text(stderr: str) -> str:
    """The crashing thread's stack first (faulthandler lists it among up to 100 others)."""
    current = stderr.find("Current thread")
    head = stderr[current:current + 2000] if current >= 0 else ""
    return head + "\n...\n" + stderr[-2000:]


def walk(tmp_path: Path, screen: str, language: str, source, target) -> list[dict]:  # type: ignore[no-untyped-def]
    width, height, scale = SCREENS[screen]
    config = tmp_path / f"{screen}.json"
    config.write_text(json.dumps({"screens": [{
        "name": screen, "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, MAILMOVER_HOME=str(tmp_path / f"home-{screen}"))
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui.fit_run", language,
         source.url, source.password, target.url, target.password, f"fit-{screen}-{language}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, crash_text(run.stderr)
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_fits_the_screen(tmp_path, make_account, coremail_server, exmail_server,
                                    screen, language):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 3, "已发送": 2, "课题组": 2, "病毒文件夹": 1})
    pages = walk(tmp_path, screen, language, source, target)
    assert [p["page"] for p in pages] == [
        "welcome", "new-account", "new-account-failed", "folders", "moving-paused",
        "report-checking", "report", "moving", "contacts", "contacts-saved", "contacts-failed",
        "cloud", "finished"]
    for p in pages:
        assert p["fits"], f"{screen} {language}: {p['page']} is {p['size']}, " \
                          f"the screen offers {p['available']}"
        assert p["buttons_inside"], f"{screen} {language}: buttons off {p['page']}"
        assert not p["too_wide"], f"{screen} {language}: {p['page']} wider than the window"
    if screen == "1366x768@150":
        # The smallest screen: the window takes (nearly) all of it, and at least one
        # long page scrolls instead of growing the window.
        assert any(p["scrolls"] for p in pages)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", ["1366x768@150", "1280x720"])
def test_each_page_shows_its_buttons_and_messages(tmp_path, make_account, coremail_server,
                                                   exmail_server, screen, language):
    """Every enabled button of a page and every status, error or finding it shows is
    wholly inside the visible part of the page, as the page is scrolled when it appears
    or when the message arrives; no table header is cut short (long folder names and
    notes beside "Folder in the new mailbox" included), no e-mail address either."""
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 3, "已发送": 2, "课题组": 2, "病毒文件夹": 1,
                          "Projects/Conference reviews 2024": 1,
                          "课题组/2023/国家自然科学基金项目申报材料": 1})
    pages = walk(tmp_path, screen, language, source, target)
    by_name = {p["page"]: p for p in pages}
    # The states the walk was meant to reach, so the geometry below was measured there.
    assert "status" in by_name["new-account-failed"]["messages"]
    assert "findings" in by_name["folders"]["messages"]
    assert by_name["moving-paused"]["enabled"] >= 2  # Resume and Stop
    assert "result" in by_name["contacts-saved"]["messages"]
    assert "error" in by_name["contacts-failed"]["messages"]
    out = {p["page"]: p["out_of_view"] for p in pages if p["out_of_view"]}
    assert not out, f"{screen} {language}: out of view: {out}"
    elided = {p["page"]: p["elided_headers"] for p in pages if p["elided_headers"]}
    assert not elided, f"{screen} {language}: headers cut short: {elided}"
    cut = {p["page"]: p["cut_addresses"] for p in pages if p["cut_addresses"]}
    assert not cut, f"{screen} {language}: e-mail addresses cut short: {cut}"
