#!/usr/bin/env python3
"""Check that scripts/test's apt list covers every system library and tool the tests use.

A machine where something else once installed a package (the bundle build, a developer by
hand) passes the tests even when scripts/test forgets that package; a fresh machine then
fails. This check does not look at what is installed but at *why*: every library that
`ldd` reports for PySide6's Qt libraries and platform plugins, and every tool the tests
run, must belong to a package that scripts/test installs, to a dependency of one, or to
the base every Debian/Ubuntu system has (Essential packages and apt, with their
dependencies). A library that is not found at all fails too.

    .venv/bin/python scripts/check_apt_packages.py      # the list from scripts/test
    .venv/bin/python scripts/check_apt_packages.py --packages libfoo libbar
    .venv/bin/python scripts/check_apt_packages.py --elf /path/to/unpacked/imapd

Run by tests/test_setup_packages.py; needs dpkg (Debian/Ubuntu) and ldd.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Qt files whose libraries must be present: the Python modules mailmover and its tests
# import, and the plugins a desktop or the tests load (globs; plugins vary by version).
QT_FILES = (
    "QtCore.abi3.so",
    "QtGui.abi3.so",
    "QtWidgets.abi3.so",
    "QtTest.abi3.so",
    "Qt/plugins/platforms/libqoffscreen.so",
    "Qt/plugins/platforms/libqxcb.so",
    "Qt/plugins/platforms/libqwayland.so",
    "Qt/plugins/xcbglintegrations/*.so",
)
# Of those, the ones that must exist (a renamed plugin must not pass unnoticed).
QT_REQUIRED = ("QtCore.abi3.so", "Qt/plugins/platforms/libqxcb.so")

# Programs the tests start by name (tests/support/dovecot.py, test_connect.py) and the
# workflow lint's shell checker. A tool missing here is a test that fails or skips.
TOOLS = ("dovecot", "imap4d", "openssl", "unshare", "shellcheck")
TOOL_DIRS = ("/usr/sbin", "/usr/bin", "/sbin", "/bin")

# Data files tests need: Chinese text renders as boxes in screenshots without them.
DATA_GLOBS = {"CJK font": "/usr/share/fonts/opentype/noto/NotoSansCJK*"}

_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")


@dataclass
class PackageDB:
    """Installed packages: what each depends on, what virtual names they provide."""

    depends: dict[str, set[str]] = field(default_factory=dict)
    essential: set[str] = field(default_factory=set)
    provides: dict[str, set[str]] = field(default_factory=dict)

    def resolve(self, name: str) -> set[str]:
        """Installed packages answering to a name (itself, or providers of a virtual one)."""
        found = {name} if name in self.depends else set()
        return found | self.provides.get(name, set())

    def closure(self, names: Iterable[str]) -> set[str]:
        """The packages and everything they depend on (Depends and Pre-Depends)."""
        todo = [p for n in names for p in self.resolve(n)]
        seen: set[str] = set()
        while todo:
            pkg = todo.pop()
            if pkg in seen:
                continue
            seen.add(pkg)
            for dep in self.depends.get(pkg, ()):
                todo.extend(self.resolve(dep) - seen)
        return seen


def _names(field_text: str) -> set[str]:
    """Package names of a Depends-style field; every alternative counts."""
    out = set()
    for part in re.split(r"[,|]", field_text):
        name = part.strip().split(" ", 1)[0].split(":", 1)[0]
        if name:
            out.add(name)
    return out


def parse_dpkg_query(text: str) -> PackageDB:
    """Parse `dpkg-query -W -f` output in the format of `installed_packages()`."""
    db = PackageDB()
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) != 6 or not cols[1].startswith("ii"):
            continue  # removed, half-installed or config-files only
        name, _status, essential, provides, pre_depends, depends = cols
        db.depends[name] = _names(pre_depends) | _names(depends)
        if essential == "yes":
            db.essential.add(name)
        for virtual in _names(provides):
            db.provides.setdefault(virtual, set()).add(name)
    return db


def installed_packages() -> PackageDB:
    fmt = "${Package}\t${db:Status-Abbrev}\t${Essential}\t${Provides}\t${Pre-Depends}\t${Depends}\n"
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", fmt], check=True, capture_output=True, text=True
    ).stdout
    return parse_dpkg_query(out)


def ldd(path: Path) -> dict[str, str | None]:
    """soname -> resolved path (None when the loader cannot find it)."""
    proc = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
    out: dict[str, str | None] = {}
    for line in proc.stdout.splitlines():
        m = _LDD_LINE.match(line)
        if m:
            out[m.group(1)] = None if m.group(2) == "not found" else m.group(2)
    return out


def _path_variants(path: str) -> list[str]:
    # Merged /usr: dpkg may know a file as /lib/... or /usr/lib/..., and ldd may report
    # a symlink (libGL.so.1) that dpkg knows by its target, or the other way round.
    out = []
    for p in (path, os.path.realpath(path)):
        out.append(p)
        out.append(p[len("/usr") :] if p.startswith("/usr/") else "/usr" + p)
    return list(dict.fromkeys(out))


def owners(paths: Iterable[str]) -> dict[str, set[str]]:
    """path -> packages that ship it (empty when dpkg knows no owner)."""
    paths = list(dict.fromkeys(paths))
    variants = {p: _path_variants(p) for p in paths}
    queries = sorted({v for vs in variants.values() for v in vs})
    found: dict[str, set[str]] = {}
    if queries:
        # One call for all; dpkg exits 1 when some path has no owner, which is expected.
        proc = subprocess.run(["dpkg", "-S", *queries], capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            if line.startswith("diversion ") or ": " not in line:
                continue
            pkgs, _, file = line.partition(": ")
            names = {p.strip().split(":", 1)[0] for p in pkgs.split(",")}
            found.setdefault(file.strip(), set()).update(names)
    return {p: set().union(*(found.get(v, set()) for v in variants[p])) for p in paths}


def pyside_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("PySide6 is not installed in this Python: run it with .venv/bin/python")
    return Path(next(iter(spec.submodule_search_locations)))


def qt_files(base: Path) -> list[Path]:
    files: list[Path] = []
    for pattern in QT_FILES:
        matched = sorted(base.glob(pattern))
        if not matched and pattern in QT_REQUIRED:
            raise SystemExit(f"{base / pattern} is missing: update QT_FILES in {__file__}")
        files += matched
    return files


def listed_packages() -> list[str]:
    """APT_PACKAGES of scripts/test, as scripts/test itself prints them."""
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test"), "--list-apt-packages"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in TOOL_DIRS:  # sbin is not on every PATH
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    return None


def uncovered(
    needs: Mapping[str, tuple[str, str | None]],
    owner_of: Mapping[str, set[str]],
    db: PackageDB,
    listed: Iterable[str],
) -> list[str]:
    """Problems, one a line: needs maps a thing (library, tool) to (who needs it, path)."""
    listed = list(listed)
    problems = [
        f"{p}: listed but not installed (is the name right? run scripts/test first)"
        for p in listed
        if not db.resolve(p)
    ]
    allowed = db.closure(listed) | db.closure(db.essential | {"apt"})
    for thing, (user, path) in sorted(needs.items()):
        if path is None:
            problems.append(f"{thing} (needed by {user}): not found on this machine")
            continue
        pkgs = owner_of.get(path, set())
        if not pkgs:
            problems.append(f"{thing} (needed by {user}): {path} belongs to no package")
        elif not pkgs & allowed:
            problems.append(
                f"{thing} (needed by {user}): from {', '.join(sorted(pkgs))}, which "
                "scripts/test does not install (add it to APT_PACKAGES or QT_APT_PACKAGES)"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", nargs="+", help="check these instead of scripts/test's")
    parser.add_argument(
        "--elf",
        nargs="+",
        default=[],
        type=Path,
        help="more programs or libraries whose ldd must be covered (e.g. a test server "
        "unpacked from .deb files; set LD_LIBRARY_PATH for the libraries it brings)",
    )
    args = parser.parse_args(argv)
    if not shutil.which("dpkg-query"):
        print("not a Debian/Ubuntu system: nothing to check", file=sys.stderr)
        return 0
    listed = args.packages or listed_packages()

    base = pyside_dir()
    needs: dict[str, tuple[str, str | None]] = {}
    for extra in args.elf:
        if not extra.is_file():
            raise SystemExit(f"--elf {extra}: no such file")
    files = qt_files(base) + list(args.elf)
    private = [Path(d).resolve() for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    for file in files:
        for soname, path in ldd(file).items():
            if path and Path(path).resolve().is_relative_to(base.parent):
                continue  # shipped in the wheels (PySide6, shiboken6)
            if path and any(Path(path).resolve().is_relative_to(d) for d in private):
                continue  # brought along by an unpacked program (LD_LIBRARY_PATH)
            if soname not in needs or needs[soname][1] is None:
                user = file.relative_to(base.parent) if file.is_relative_to(base) else file
                needs[soname] = (str(user), path)
    libraries = len(needs)
    for tool in TOOLS:
        needs[f"tool {tool}"] = ("the tests", find_tool(tool))
    for what, pattern in DATA_GLOBS.items():
        matched = sorted(Path("/").glob(pattern.lstrip("/")))
        needs[what] = ("the tests", str(matched[0]) if matched else None)

    owner_of = owners(path for _, path in needs.values() if path)
    problems = uncovered(needs, owner_of, installed_packages(), listed)
    for line in problems:
        print("check_apt_packages:", line, file=sys.stderr)
    if problems:
        return 1
    print(
        f"check_apt_packages: {libraries} system libraries of {len(files)} Qt files and programs, "
        f"{len(TOOLS)} tools and {len(DATA_GLOBS)} data files all come from the "
        f"{len(listed)} packages scripts/test installs or from the base system"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
