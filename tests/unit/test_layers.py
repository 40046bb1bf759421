"""The import graph: layers only import downwards, and nothing imports in a circle.

Every import counts, also those inside functions (a hidden cycle is still a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "mailmover"

# Who may not import whom (prefix rules on module names).
FORBIDDEN = {
    "mailmover.engine": (
        "mailmover.gui",
        "mailmover.cli",
        "mailmover.batch",
        "mailmover.doctor",
        "mailmover.bundle",
        "mailmover.profile",
        "mailmover.selftest",
        "mailmover.demo",
        "mailmover.contacts",
        "PySide6",
    ),
    "mailmover.store": ("mailmover.engine.", "mailmover.gui", "mailmover.cli", "PySide6"),
    "mailmover.paths": ("mailmover.engine", "mailmover.gui", "mailmover.store"),
    "mailmover.secrets": ("mailmover.engine", "mailmover.gui", "mailmover.store"),
    "mailmover.contacts": ("mailmover.gui", "mailmover.engine.transfer", "PySide6"),
    "mailmover.batch": ("mailmover.gui", "PySide6"),
}
# The store records what the engine decides, in the engine's words: codes and errors.
ALLOWED = {
    ("mailmover.store", "mailmover.engine.errors"),
    ("mailmover.store", "mailmover.engine"),  # the package, for `from … import errors`
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:` (imports for the type checker
    only: the engine's face names its modules there and loads them on first use)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test) in _TYPE_CHECKING:
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {i for i in _imports(path, name) if i in modules or i.startswith("PySide6")}
    return graph


def test_no_layer_imports_upwards() -> None:
    bad = []
    for module, deps in _graph().items():
        for layer, forbidden in FORBIDDEN.items():
            if module != layer and not module.startswith(layer + "."):
                continue
            for dep in deps:
                if (layer, dep) in ALLOWED:
                    continue
                if any(dep == f.rstrip(".") or dep.startswith(f) for f in forbidden):
                    bad.append(f"{module} -> {dep}")
    assert bad == []


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan) of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            # A package and its own submodules importing each other is how packages work.
            real = {c for c in component if not any(o.startswith(c + ".") for o in component)}
            if len(real) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return cycles


def test_no_import_cycles() -> None:
    graph = _graph()
    internal = {m: {d for d in deps if d in graph} for m, deps in graph.items()}
    assert find_cycles(internal) == []


def test_the_checkers_can_fail() -> None:
    assert find_cycles({"a.x": {"a.y"}, "a.y": {"a.x"}}) == [["a.x", "a.y"]]
    hidden = ast.parse("def f():\n    from mailmover.cli import main\n")
    assert any(isinstance(n, ast.ImportFrom) for n in ast.walk(hidden))
    path = ROOT / "engine" / "transfer.py"
    assert "mailmover.cli" not in _imports(path, "mailmover.engine.transfer")


BOUNDARY = "mailmover.engine.imap"
FRONT_ENDS = (
    "mailmover.gui",
    "mailmover.commands",
    "mailmover.batch",
    "mailmover.cli",
    "mailmover.doctor",
    "mailmover.selftest",
    "mailmover.demo",
    "mailmover.bundle",
    "mailmover.profile",
)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in ROOT.rglob("*.py")}


def _speaks_imap(path: Path) -> list[str]:
    """Imports of the IMAP libraries and uses of a connection's client, in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [
                a.name for a in node.names if a.name.split(".")[0] in ("imaplib", "imapclient")
            ]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
            "imaplib",
            "imapclient",
        ):
            found.append(str(node.module))
        elif isinstance(node, ast.Attribute) and node.attr in ("client", "_imap"):
            found.append(f".{node.attr} (line {node.lineno})")
    return found


def test_only_the_boundary_speaks_imap() -> None:
    bad = {
        name: found
        for name, path in _modules().items()
        if not (name == BOUNDARY or name.startswith(BOUNDARY + "."))
        and (found := _speaks_imap(path))
    }
    assert bad == {}


def test_front_ends_use_only_the_engine_face() -> None:
    bad = []
    for name, path in _modules().items():
        if not any(name == f or name.startswith(f + ".") for f in FRONT_ENDS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "mailmover.engine."
            ):
                bad.append(f"{name}: from {node.module} import …")
            elif isinstance(node, ast.Import):
                bad += [f"{name}: import {a.name}" for a in node.names
                        if a.name.startswith("mailmover.engine.")]
    assert bad == []


def test_the_face_offers_what_it_lists() -> None:
    import mailmover.engine as engine

    missing = [n for n in engine.__all__ if getattr(engine, n, None) is None]
    assert missing == []
    with __import__("pytest").raises(AttributeError):
        engine.no_such_name  # noqa: B018


def test_the_imap_checker_can_fail(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("import imaplib\nfrom imapclient import IMAPClient\nx = conn.client.noop()\n")
    assert len(_speaks_imap(leaky)) == 3
