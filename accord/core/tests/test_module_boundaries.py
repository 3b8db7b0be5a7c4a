"""A module uses another module's services and selectors only, never its templates
(DESIGN.md). Python imports are held by import-linter (`lint-imports`, contracts in
pyproject.toml); templates are not imports, so this test reads them: every template a
module's templates extend or include, every template its Python code names and every tag
library its templates load is its own, the kernel's (`core/...`) or a project-wide one
(accord/templates)."""

import re
from pathlib import Path

from django.apps import apps

TEMPLATE_TAG = re.compile(r"""\{%\s*(?:extends|include)\s+["']([a-z_]+/[^"']+)["']""")
TEMPLATE_IN_CODE = re.compile(r"""["']([a-z_]+/[\w./-]+\.(?:html|txt|xml))["']""")
LOAD_TAG = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")

# Crossings allowed (none: the shared form partials live in the kernel, core/_*.html).
KNOWN: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    """Installed apps under accord/, except the kernel."""
    return {
        config.label: Path(config.path)
        for config in apps.get_app_configs()
        if config.name.startswith("accord.") and config.label != "core"
    }


def _tag_libraries(path: Path) -> set[str]:
    folder = path / "templatetags"
    if not folder.is_dir():
        return set()
    return {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}


def _uses(path: Path) -> set[str]:
    """The templates (by name) and tag libraries (as `load:<name>`) a module's own files
    use, tests aside."""
    used: set[str] = set()
    for file in path.rglob("*"):
        if "tests" in file.relative_to(path).parts or file.suffix not in {".html", ".py"}:
            continue
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".py":
            used |= set(TEMPLATE_IN_CODE.findall(text))
        else:
            used |= set(TEMPLATE_TAG.findall(text))
            used |= {f"load:{lib}" for loaded in LOAD_TAG.findall(text) for lib in loaded.split()}
    return used


def test_no_module_uses_another_modules_templates():
    modules = _modules()
    assert {"accounts", "law", "expertise", "trafficking", "standards"} <= set(modules)
    libraries = {label: _tag_libraries(path) for label, path in modules.items()}
    assert "trafficking_nav" in libraries["trafficking"]
    crossings = set()
    for label, path in modules.items():
        others = set(modules) - {label}
        foreign_libraries = set().union(*(libraries[o] for o in others))
        for used in _uses(path):
            if used.startswith("load:"):
                if used[5:] in foreign_libraries:
                    crossings.add((label, used))
            elif used.split("/")[0] in others:
                crossings.add((label, used))
    assert crossings - KNOWN == set()
    assert KNOWN - crossings == set(), "a crossing is gone: remove it from KNOWN"
