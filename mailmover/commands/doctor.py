"""`mailmover doctor SOURCE TARGET`: the pre-flight check on the command line.

Exit codes: 0 healthy (warnings allowed), 1 problems found, 3 cannot connect or log in.
"""

from __future__ import annotations

import argparse
import json
import time
import unicodedata
from pathlib import Path

from mailmover.commands import common
from mailmover.doctor import LOGIN_FAILED, PROBLEM, WARNING, Checkup, Finding, human_size
from mailmover.engine import Account, Preset, load_presets
from mailmover.oauth.session import AccountTokens
from mailmover.profile import Profile, ProfileError, configured_profile

_MARK = {"ok": "[ ok ]", WARNING: "[warn]", PROBLEM: "[FAIL]"}


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "doctor",
        help="check both accounts before moving: login, space, size limit, hidden mail",
        description="Pre-flight check. Exit codes: 0 healthy, 1 problems found, "
        "3 cannot connect or log in, 2 usage error.",
    )
    common.add_account_args(p)
    p.add_argument(
        "--target-preset",
        metavar="NAME",
        help="the new provider's preset, e.g. exmail (default: from the profile or the greeting)",
    )
    p.add_argument(
        "--no-probe",
        action="store_true",
        help="skip the visibility test (it creates and deletes a scratch folder)",
    )


def cli_profile(args: argparse.Namespace) -> Profile | None:
    """The profile named by --profile, or found beside the program; UsageError if bad."""
    try:
        return configured_profile(getattr(args, "profile", None))
    except ProfileError as exc:
        raise common.UsageError(str(exc)) from None


def _presets(args: argparse.Namespace, profile: Profile | None) -> tuple[Preset | None, ...]:
    presets = load_presets()
    source = presets.get(profile.old_server.preset) if profile else None
    target_name = args.target_preset or (profile.new_server.preset if profile else None)
    return source, presets.get(target_name) if target_name else None


def _pad(text: str, width: int) -> str:
    """Left-justify by display width: a Chinese character takes two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def print_findings(findings: list[Finding], out: common.Output) -> None:
    for f in findings:
        out.say(f"{_MARK[f.severity]} {f.english()}")
        if f.code == "doctor.folders":
            for m in f.params.get("mappings", []):
                if m["include"]:
                    out.say(
                        f"         {_pad(m['source'], 28)} {m['messages'] or 0:>7} "
                        f"{human_size(m['size'] or 0):>10}  -> {m['target']}"
                    )
                else:
                    out.say(f"         {_pad(m['source'], 28)} (not moved: {m['reason']})")
        fix = f.fix_english() if f.severity != "ok" else ""
        for line in fix.splitlines():
            out.say(f"         fix: {line}" if line == fix.splitlines()[0] else f"         {line}")


def sign_in_method(account: Account) -> dict[str, object]:
    """How the account signs in, for the help desk: a password, or OAuth 2.0 with the
    issuer, the app registration, what the issuer granted and how long the token lasts
    (never the token itself)."""
    tokens = account.oauth
    if not isinstance(tokens, AccountTokens):
        return {"method": "password", "text": "password"}
    config, kept = tokens.sign_in.config, tokens.current()
    left = int((kept.expires_at - time.time()) // 60) if kept is not None else 0
    granted = set(kept.scope.split()) if kept is not None and kept.scope else set(config.scopes)
    missing = sorted(set(config.scopes) - granted - {"offline_access", "openid"})
    text = (f"OAuth 2.0 at {config.issuer} (app registration {config.client_id}), access "
            f"token valid {max(left, 0)} more minutes, refresh token "
            f"{'kept' if kept is not None and kept.refresh_token else 'none: sign in again'}")
    if missing:
        text += f"; NOT GRANTED: {' '.join(missing)} (the mailbox may refuse the token)"
    return {"method": "oauth2", "issuer": config.issuer, "client_id": config.client_id,
            "scopes_missing": missing, "minutes_left": max(left, 0), "text": text}


def run(args: argparse.Namespace) -> int:
    out = common.Output()
    profile = cli_profile(args)
    source, target = common.accounts(args, out)
    options = common.move_options(args, None)
    if profile is not None:
        options.overrides = {**profile.folder_overrides, **options.overrides}
    if args.target_preset and args.target_preset not in load_presets():
        known = ", ".join(sorted(load_presets()))
        raise common.UsageError(f"no preset called {args.target_preset!r} (known: {known})")
    source_preset, target_preset = _presets(args, profile)
    checkup = Checkup(
        source,
        target,
        options=options,
        source_preset=source_preset,
        target_preset=target_preset,
        probe=not args.no_probe,
    )
    findings = checkup.run()
    print_findings(findings, out)
    methods = {side: sign_in_method(acc) for side, acc in (("old", source), ("new", target))}
    for side, method in methods.items():
        out.say(f"  sign-in ({side} account): {method['text']}")
    problems = sum(f.severity == PROBLEM for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    out.say(
        f"{problems} problems, {warnings} warnings: "
        + ("ready to move" if not problems else "fix the problems above before moving")
    )
    if args.report:
        data = {
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "params": f.params,
                    "text": f.english(),
                    "fix": f.fix_english(),
                }
                for f in findings
            ],
            "sign_in": {side: {k: v for k, v in m.items() if k != "text"}
                        for side, m in methods.items()},
        }
        from mailmover.atomic import write_atomic

        write_atomic(Path(args.report), json.dumps(data, ensure_ascii=False, indent=2))
    if any(f.code == LOGIN_FAILED for f in findings):
        return common.EXIT_CONNECT
    return common.EXIT_FAILED if problems else common.EXIT_OK
