"""Layering: the domain and the command line stay free of Textual and TinyDB, and no module
imports itself through others.

The import rules proper are import-linter contracts in ``pyproject.toml`` (``lint-imports``
in CI); these tests check what actually loads, in a fresh interpreter because this test
process may already have imported them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


@pytest.mark.parametrize(
    "statement",
    [
        "import jiebei_coach.domain",
        "from jiebei_coach.domain import score, build_plan, loan_schedule",
        "import jiebei_coach.cli",
    ],
)
def test_no_ui_or_storage_imports(statement: str) -> None:
    loaded = _modules_after(statement)
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "tinydb"}}


def test_command_line_commands_load_no_textual() -> None:
    loaded = _modules_after("import jiebei_coach.cli.commands, jiebei_coach.cli.views")
    assert not {m for m in loaded if m.split(".")[0] == "textual"}


def test_the_domain_and_the_use_cases_load_no_words_and_no_textual() -> None:
    loaded = _modules_after(
        "import jiebei_coach.usecases.sessions, jiebei_coach.usecases.files,"
        " jiebei_coach.domain.planner"
    )
    assert "jiebei_coach.i18n" not in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def test_words_for_people_load_no_textual() -> None:
    loaded = _modules_after(
        "import jiebei_coach.presentation.report, jiebei_coach.presentation.messages,"
        " jiebei_coach.presentation.exports, jiebei_coach.presentation.profile_draft"
    )
    assert not {m for m in loaded if m.split(".")[0] == "textual"}


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in imports.get(module, ()):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return found


def test_no_module_imports_itself_through_others() -> None:
    """Every import counts: inside functions, under TYPE_CHECKING, a package's own
    ``__init__`` and its children alike."""
    import grimp

    graph = grimp.build_graph("jiebei_coach")
    imports = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _cycles(imports) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_domain_reads_no_clock() -> None:
    """The domain takes ``today`` as an argument; it never asks the system for the date."""
    import inspect

    import jiebei_coach.domain as domain

    for name in dir(domain):
        module = inspect.getmodule(getattr(domain, name))
        if module is None or not module.__name__.startswith("jiebei_coach"):
            continue
        source = inspect.getsource(module)
        for forbidden in ("date.today(", "datetime.now(", "time.time(", "datetime.today("):
            assert forbidden not in source, f"{module.__name__} reads the clock: {forbidden}"
