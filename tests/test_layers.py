"""The package's imports point one way: each module imports only the layers below it.

The graph is read from the source with :mod:`ast`, imports inside functions included (a
circle hidden inside a function breaks the day someone tidies the imports). ``python
tests/test_layers.py`` prints it; ``--check`` runs the tests below without pytest (``nox -s
lint`` does).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "sphinx_clinic"
SOURCE = Path(__file__).parent.parent / "ext" / PACKAGE


def module_name(path: Path) -> str:
    """``cards``, ``cli.new``; a package by its ``__init__`` (the top one is ``__init__``)."""
    parts = path.relative_to(SOURCE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int, bool, str]]:
    """(imported module, line, whether inside a function, the line's text) of one file."""
    is_package = path.name == "__init__.py"
    here = list(path.relative_to(SOURCE).with_suffix("").parts)
    here = here[:-1] if is_package else here
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom) and child.level:
                base = here if is_package else here[:-1]
                base = base[: len(base) - (child.level - 1)] if child.level > 1 else base
                target = ".".join([*base, child.module] if child.module else base)
                target = target or "__init__"
                # "from . import x": the module x, or the name x of the package.
                named = {_package_prefix(target) + a.name for a in child.names}
                if target in known_packages and named & known:
                    names = sorted(named & known)
                else:
                    names = [target]
                for imported in names:
                    if imported in known:
                        found.append((imported, child.lineno, inner, lines[child.lineno - 1]))
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                modules = (
                    [a.name for a in child.names]
                    if isinstance(child, ast.Import)
                    else [child.module or ""]
                )
                for module in modules:
                    if module == PACKAGE or module.startswith(PACKAGE + "."):
                        imported = module.removeprefix(PACKAGE).strip(".") or "__init__"
                        found.append((imported, child.lineno, inner, lines[child.lineno - 1]))
            visit(child, inner)

    visit(tree, False)
    return found


FILES = sorted(SOURCE.rglob("*.py"))
known = {module_name(p) for p in FILES}
known_packages = {module_name(p) for p in FILES if p.name == "__init__.py"}


def _package_prefix(target: str) -> str:
    return "" if target == "__init__" else f"{target}."


def graph() -> dict[str, dict[str, list[tuple[int, bool, str]]]]:
    """module -> imported module -> [(line, inside a function, text)]."""
    edges: dict[str, dict[str, list[tuple[int, bool, str]]]] = {}
    for path in FILES:
        source = module_name(path)
        edges.setdefault(source, {})
        for target, line, in_function, text in imports(path):
            if target != source:
                edges[source].setdefault(target, []).append((line, in_function, text))
    return edges


def cycles(edges: dict[str, dict[str, list[tuple[int, bool, str]]]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, {}):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def report() -> str:
    edges = graph()
    out = []
    for source in sorted(edges):
        targets = ", ".join(
            t + ("*" if any(inside for _, inside, _ in uses) else "")
            for t, uses in sorted(edges[source].items())
        )
        out.append(f"{source} -> {targets}")
    late = sorted(
        {
            f"{s}:{line}: {text.strip()}"
            for s, targets in edges.items()
            for uses in targets.values()
            for line, inside, text in uses
            if inside
        }
    )
    out.append(f"imports inside functions (*): {len(late)}")
    out += [f"  {entry}" for entry in late]
    found = cycles(edges)
    out.append(f"circles: {len(found)}")
    out += [f"  {len(c)} modules: {', '.join(c)}" for c in found]
    return "\n".join(out)


#: Bottom to top. A module imports modules of lower layers, and of its own layer except
#: in "features", whose modules never import each other (shared code moves down).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "core",
        frozenset(
            {
                "version",
                "warnings_",
                "generators",
                "text",
                "freedates",
                "pages",
                "frontmatter",
                "translations",
                "vocabulary",
                "practice",
                "records",
                "facets",
                "siteindex",
                "credentials",
                "dates",
                "i18n",
                "urls",
                "config",
            }
        ),
    ),
    ("domain", frozenset({"checks", "domain"})),
    (
        "reading",
        frozenset(
            {
                "encoding",
                "meta",
                "rawhtml",
                "directive_files",
                "ablog_compat",
                "titles",
                "collector",
            }
        ),
    ),
    # previews: link-preview paths (structured data uses them) and the head's og: tags.
    # generated_pages: pages with no source file, from page sources features register.
    ("resolving", frozenset({"templating", "views", "renderers", "previews", "generated_pages"})),
    (
        "features",
        frozenset(
            {
                "articles",
                "cards",
                "directory",
                "profiles",
                "profile_facts",
                "listings",
                "language_switcher",
                "specialties",
                "navigation",
                "structured_data",
            }
        ),
    ),
    ("writing", frozenset({"feeds", "sitemap", "photos", "page_assets", "release"})),
    ("extension", frozenset({"__init__"})),
    # The importer (``sphinx-clinic import``) writes pages; it is a part of the command line.
    ("command line", frozenset({"importer", "cli", "__main__"})),
)
#: The command line reads pages and conf.py, and writes them, with the pure core alone.
CLI_MAY_IMPORT = LAYERS[0][1] | LAYERS[-1][1]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for position, (_name, members) in enumerate(LAYERS):
        if top in members:
            return position
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py")


def test_every_module_has_a_layer() -> None:
    for module in graph():
        layer_of(module)


def test_no_circle_at_any_depth() -> None:
    found = cycles(graph())
    assert not found, "circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_imports_point_down() -> None:
    wrong = []
    for source, targets in graph().items():
        for target, uses in targets.items():
            lower = layer_of(target) < layer_of(source)
            beside = layer_of(target) == layer_of(source) and LAYERS[layer_of(source)][0] not in (
                "features"
            )
            in_cli = source.split(".")[0] in LAYERS[-1][1]
            if in_cli and target.split(".")[0] not in CLI_MAY_IMPORT:
                wrong.append(f"{source}:{uses[0][0]} imports {target}: the CLI uses the core only")
            elif not (lower or beside):
                wrong.append(
                    f"{source}:{uses[0][0]} ({LAYERS[layer_of(source)][0]}) imports {target} "
                    f"({LAYERS[layer_of(target)][0]})"
                )
    assert not wrong, "\n".join(wrong)


def test_an_import_inside_a_function_says_why() -> None:
    """Only a heavy dependency is imported late, on purpose, with a comment saying why
    on its line; never to dodge a circle."""
    silent = []
    for path in FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    is_import = isinstance(inner, (ast.Import, ast.ImportFrom))
                    if is_import and "#" not in lines[inner.lineno - 1]:
                        silent.append(f"{module_name(path)}:{inner.lineno}")
    assert not silent, "imports inside functions without a comment why: " + ", ".join(silent)


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        sys.stdout.write(report() + "\n")
        return 0
    failed = 0
    for name, test in sorted(globals().items()):
        if name.startswith("test_") and callable(test):
            try:
                test()
            except AssertionError as error:
                failed += 1
                sys.stderr.write(f"{name} failed:\n{error}\n")
    sys.stdout.write(f"layers: {'broken' if failed else 'imports point one way'}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def test_the_architecture_page_and_the_readme_name_the_layers_as_they_are() -> None:
    root = Path(__file__).parent.parent
    page = (root / "docs" / "guide" / "architecture.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("`"):
            rows[cells[0]] = {m.strip("/") for m in cells[1].strip("`").split("`, `")}
    assert rows == {name: set(members) for name, members in LAYERS}
    for _name, members in LAYERS:
        for module in members - {"__main__"}:
            is_package = module in known_packages and module != "__init__"
            shown = f"`{module}/`" if is_package else f"`{module}.py`"
            assert shown in readme, f"the README's layout table does not name {shown}"
