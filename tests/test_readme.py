"""The README: its commands, in a newcomer's order; its model section points to the evidence instead of typing the
model's numbers; its architecture tree matches the package's folders."""
import fnmatch
import re
import sys
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    return README.split(heading, 1)[1].split("\n## ", 1)[0]


def test_the_model_section_links_the_fit_and_its_validation_and_types_no_model_numbers():
    model = _section("## What the model is, and what it is not")
    assert "python3 tools/leave_one_study_out.py" in model and "inside the spread: K of N" in model
    assert "(notebooks/07_model_and_evidence.ipynb)" in model and "(docs/decisions.md)" in model
    holds = model.split("**Holds versus flossing.**", 1)[1].split("\n\n", 1)[0]
    assert not re.search(r"\d+(\.\d+)? (mm|N)\b", holds), "model figures belong in the lessons, computed"


def test_readme_has_the_two_commands_in_bash_blocks():
    blocks = README.split("```bash")[1:]
    commands = [block.split("```")[0].strip() for block in blocks]
    assert "python3 tasks.py lab" in commands and "python3 tasks.py test" in commands


def test_ci_runs_exactly_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython3 tasks.py test\n" in ci


# --- A newcomer's order -----------------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "neurodynamics"
#: A tree line that names an entry (not a description carried on to the next line): indented by two spaces a level,
#: a name (or a glob) ending in "/" for a folder, then its description.
TREE_ENTRY = re.compile(r"^(?P<indent>(?:  ){0,6})(?P<name>[\w.*/-]+)(?:\s|$)")
DESCRIPTION_COLUMN = 16  # lines indented this far or more carry on the description of the entry above


def _architecture_tree() -> list[str]:
    """Paths (relative to the repository, globs kept) of the entries in the README's architecture tree."""
    block = _section("## Architecture").split("```\n", 2)[1]
    paths, parents = [], []
    for line in block.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        match = TREE_ENTRY.match(line)
        if not line.strip() or indent >= DESCRIPTION_COLUMN:
            continue
        assert match, f"not a tree entry: {line!r}"
        depth = indent // 2
        assert depth <= len(parents), f"{line!r} is indented deeper than its folder"
        parents = parents[:depth]
        name = match["name"]
        paths.append("/".join(parents + [name.rstrip("/")]))
        if name.endswith("/"):
            parents.append(name.rstrip("/"))
    return paths


def _listed(path: Path, tree: list[str]) -> bool:
    """Whether the tree names ``path`` (or, for a folder, names it or something inside it), globs included."""
    relative = path.relative_to(ROOT).as_posix()
    return any(fnmatch.fnmatchcase(relative, entry) or (path.is_dir() and entry.startswith(f"{relative}/"))
               for entry in tree)


def test_the_two_commands_come_first_and_the_browser_aside_after_them():
    head = README.splitlines()[:40]
    assert "python3 tasks.py lab" in head and "python3 tasks.py test" in head, "the two commands in the first 40 lines"
    first_command = README.index("python3 tasks.py lab")
    for aside in ("apt-get", "snap install", "Chromium"):
        assert README.index(aside) > first_command, f"{aside!r} comes before the commands"
    assert 'python3 tasks.py test -m "not browser"' in README, "the fast tests without Chromium"


def test_sections_follow_a_newcomers_order():
    headings = ["## The two commands", "## Start here", "## The notebooks", "## Classrooms and workshops",
                "## What the model is, and what it is not", "## Using the model from Python", "## Architecture"]
    positions = [README.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions), "sections out of order"
    start = _section("## Start here")
    assert "00_start_here.ipynb" in start and (ROOT / "notebooks" / "00_start_here.ipynb").exists()
    assert "You will see" in start
    classroom = _section("## Classrooms and workshops")
    for command in ("python3 tasks.py workshop", "python3 tasks.py handouts", "python3 tasks.py execute"):
        assert command in classroom, command


def test_the_readme_tells_no_history_and_cites_only_files_in_the_repository():
    history = re.search(r"\bissues? \d+|\bpoint \d+\b|\bmodel v\d\b|DESIGN\.md", README, re.IGNORECASE)
    assert history is None, f"the README tells history ({history[0]!r}): it belongs in docs/decisions.md"
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if not target.startswith(("http://", "https://")):
            assert (ROOT / target).exists(), f"README links to {target}, which is not in the repository"
    for name in re.findall(r"[\w/.-]+\.md\b", README):
        assert list(ROOT.glob(name)) or list(ROOT.glob(f"**/{name}")), f"README cites {name}, not in the repository"


def test_the_architecture_tree_lists_every_module_and_nothing_else():
    tree = _architecture_tree()
    for entry in tree:
        assert list(ROOT.glob(entry)), f"the README's tree lists {entry}, which does not exist"
    sources = [path for path in PACKAGE.rglob("*") if "__pycache__" not in path.parts and not path.name.startswith(".")]
    for path in sources:
        if path.is_dir() or (path.suffix == ".py" and (path.name != "__init__.py" or path.parent == PACKAGE)):
            assert _listed(path, tree), f"the README's tree leaves out {path.relative_to(ROOT).as_posix()}"


def test_the_tree_check_catches_a_stale_entry_and_a_module_left_out(monkeypatch):
    tree = _architecture_tree()
    assert "neurodynamics/model/mechanics.py" in tree and "neurodynamics/interface/lessons/lesson_0*.py" in tree
    this_module, original = sys.modules[__name__], README
    stale = original.replace("\n    mechanics.py ", "\n    mechanic.py ")
    monkeypatch.setattr(this_module, "README", stale)
    with pytest.raises(AssertionError, match="lists neurodynamics/model/mechanic.py, which does not exist"):
        test_the_architecture_tree_lists_every_module_and_nothing_else()
    tethers = next(line for line in original.splitlines() if line.startswith("    tethers.py "))
    monkeypatch.setattr(this_module, "README", original.replace(f"\n{tethers}\n", "\n"))
    with pytest.raises(AssertionError, match="leaves out neurodynamics/model/tethers.py"):
        test_the_architecture_tree_lists_every_module_and_nothing_else()
