"""nbgrader (a test tool here, and on a lecturer's hub) installs JupyterLab extensions, its own and Notebook 7's,
that raise console errors in a Voila page. The project's Voila config leaves out exactly the extensions those two
distributions install, so the Voila pages stay free of errors (tests/browser) while JupyterLab keeps them."""
import json
import os
import sys
from importlib.metadata import distribution

from course import ROOT

sys.path.insert(0, str(ROOT))  # tools/ is a folder of the repository, not an installed package
from tools.common import jupyter_env  # noqa: E402

VOILA_CONFIG = ROOT / "tools" / "jupyter_config" / "voila.json"


def labextensions_of(name):
    """Names of the JupyterLab extensions a distribution installs (their package.json under labextensions/)."""
    found = set()
    for file in distribution(name).files or []:
        parts = file.parts
        if "labextensions" in parts and parts[-1] == "package.json" and len(parts) - parts.index("labextensions") <= 4:
            found.add(json.loads(file.locate().read_text(encoding="utf-8"))["name"])
    return found


def test_voila_config_denies_the_extensions_of_nbgrader_and_notebook():
    denied = set(json.loads(VOILA_CONFIG.read_text(encoding="utf-8"))["VoilaConfiguration"]["extension_denylist"])
    installed = labextensions_of("nbgrader") | labextensions_of("notebook")
    assert installed, "nbgrader and notebook install JupyterLab extensions"
    assert denied == installed, f"denied {sorted(denied)}; installed by nbgrader and notebook {sorted(installed)}"


def test_jupyter_tools_read_the_project_config_folder():
    assert str(VOILA_CONFIG.parent) in jupyter_env({})["JUPYTER_CONFIG_PATH"].split(os.pathsep)
