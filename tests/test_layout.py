"""The house: stage packages, imports that point one way (schemas <- stages <- run <- cli <- pledgeline),
no cycle.

The graph is read from the source with `ast`, imports inside functions included (a lazy import is still an
import). An import of `a.b.c` counts as an edge to `a.b.c` alone, as import-linter counts it: the parent
packages' `__init__` run first, but they only re-export their stage's entry point.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pledgeline", "pipeline", "schemas")
# The order of the layers: a module may import only from its own layer or from the layers before it.
LAYERS = (
    ("schemas",),
    ("pipeline.version", "pipeline.errors", "pipeline.config", "pipeline.rules", "pipeline.time_limit"),
    ("pipeline.acquire",),
    ("pipeline.parse",),
    ("pipeline.extract",),
    ("pipeline.link",),
    ("pipeline.validate",),
    ("pipeline.output",),
    ("pipeline.worker", "pipeline.evaluate"),
    ("pipeline.executors", "pipeline.explain"),
    ("pipeline.run",),
    ("pipeline", "pipeline.cli", "pipeline.__main__"),
    ("pledgeline",),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> Iterator[str]:
    """The package's own modules that a module imports (anywhere in it, functions included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from a.b import c` imports a.b.c where c is a module, else a.b
            names = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                for a in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                yield name


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imports(path, known)) - {name} for name, path in modules.items()}


def _layer(module: str) -> int:
    best = -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or (prefix != "pipeline" and module.startswith(prefix + ".")):
                best = number
    assert best >= 0, f"{module} belongs to no layer: add it to LAYERS in {__file__}"
    return best


def test_no_import_cycle_lazy_imports_included() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_imports_point_one_way() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in sorted(_graph().items())
        for target in sorted(targets)
        if _layer(target) > _layer(module) and not target.startswith(module + ".")
    ]
    assert not wrong, "imports against the stage order:\n" + "\n".join(wrong)


def test_the_top_level_holds_few_modules_and_the_stages_are_packages() -> None:
    top = sorted(p.name for p in (ROOT / "pipeline").glob("*.py"))
    assert len(top) <= 15, top
    for stage in ("acquire", "parse", "extract", "link", "output"):
        assert (ROOT / "pipeline" / stage / "__init__.py").is_file(), stage


def test_the_checker_sees_a_lazy_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from pipeline.run import run\n    return run\n", encoding="utf-8")
    assert set(_imports(source, {"pipeline", "pipeline.run"})) == {"pipeline.run"}
