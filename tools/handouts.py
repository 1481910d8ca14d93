"""Self-contained HTML handouts of the lessons (`python3 tasks.py handouts`). Standard library only: nbconvert runs
in the venv's Python, as a command.

Each lesson is executed in a temporary copy of the repository's notebooks/ and figures/ and exported with the lab
template minus every script that would come from a CDN; local images are then embedded as data: URLs, but only files
inside that copy: an <img> whose src resolves (after `..`, symbolic links or an absolute path) outside it stays as
it is, with a warning. Maths ($...$, $$...$$) is drawn offline: converted to MathML at export (math_to_mathml, an
nbconvert preprocessor run in the venv), which the browser renders without MathJax.
"""
from __future__ import annotations

import base64
import mimetypes
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.common import NOTEBOOKS, ROOT, copy_notebooks, jupyter_env, run, venv_python

# The lab template with every script that would come from a CDN left out (require.js, MathJax, Mermaid, the
# widget manager): a handout opens offline and never reaches the internet. Maths becomes MathML (see below).
HANDOUT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{% block html_head_js %}{% endblock %}
{% block html_head_js_mathjax %}{% endblock %}
{% block html_head_js_mermaidjs %}{% endblock %}
{% block jupyter_widgets %}{% endblock %}
"""
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')  # nbconvert writes every attribute in double quotes
NBCONVERT_OPTIONS = ["--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.record_timing=False",
                     "--ExecutePreprocessor.store_widget_state=False"]


def inside(path: Path, root: Path) -> bool:
    """True when `path`, with `..` and symbolic links resolved, lies inside `root`."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False


def embed_local_images(html_file: Path, folder: Path, root: Path | None = None) -> list[str]:
    """Inline the local files that <img> tags of `html_file` show (paths relative to `folder`) as data: URLs.

    Only files inside `root` (default: `folder`'s parent, the copy of the repository) are embedded; any other src
    stays as it is and is named in a warning on stderr. Returns the srcs left out that way.

    nbconvert's own --embed-images does this too, but it re-parses every HTML fragment of a markdown cell on its own
    and so closes a <details> right after its <summary>: the hidden answers would show (jupyter/nbconvert#2020).
    """
    html_file, folder = Path(html_file), Path(folder)
    root = folder.parent if root is None else Path(root)
    outside: list[str] = []

    def inline(match):
        src = match.group(2)
        if urlsplit(src).scheme:
            return match.group(0)  # data:, http: and other URLs stay as they are
        path = Path(folder, unquote(src))  # an absolute src replaces `folder`
        if not inside(path, root):
            outside.append(src)
            print(f"warning: {html_file.name}: not embedding <img src=\"{src}\">: it is outside the repository",
                  file=sys.stderr, flush=True)
            return match.group(0)
        if not path.is_file():
            return match.group(0)  # missing files stay as they are
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"{match.group(1)}data:{mime};base64,{data}{match.group(3)}"

    html_file.write_text(IMG_SRC.sub(inline, html_file.read_text(encoding="utf-8")), encoding="utf-8")
    return outside


def export_handouts(lessons, output_dir, python=None, extra_args=()) -> int:
    """Execute `lessons` (notebooks in notebooks/) in a temporary copy and write one self-contained HTML file each
    (figures embedded, no external script or style) into `output_dir`. Return nbconvert's exit code."""
    python = venv_python() if python is None else python
    output_dir = Path(output_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="nd-handouts-") as tmp:
        copy = copy_notebooks(Path(tmp))
        template = Path(tmp) / "handout.html.j2"
        template.write_text(HANDOUT_TEMPLATE, encoding="utf-8")
        config = Path(tmp) / "handout_config.py"
        config.write_text(f"c.HTMLExporter.preprocessors = [{MATH_PREPROCESSOR!r}]\n", encoding="utf-8")
        env = jupyter_env()
        env.pop("MPLBACKEND", None)  # a non-inline backend would leave the figures out of the handouts
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))  # tools.handouts
        cmd = [python, "-m", "jupyter", "nbconvert", *NBCONVERT_OPTIONS, "--to", "html", "--execute", "--no-prompt",
               f"--template-file={template}", f"--config={config}", f"--output-dir={output_dir}"]
        code = run(cmd + list(extra_args) + [copy / Path(lesson).name for lesson in lessons],
                   check=False, cwd=copy, env=env)
        if code == 0:
            for lesson in lessons:
                embed_local_images(output_dir / (Path(lesson).stem + ".html"), copy, root=tmp)
        return code


def lessons(notebooks: Path = NOTEBOOKS) -> list[Path]:
    return sorted(Path(notebooks).glob("0*.ipynb"))


# ------------------------------------------------------------------------------------------- maths, offline
# Markdown maths ($...$ inline, $$...$$ displayed) becomes MathML at export (latex2mathml, pinned in
# requirements.txt), which the browser draws itself: no MathJax, no network. Code spans and fenced code stay as
# they are, and so does an escaped dollar (\$).
CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)")
MATH_PREPROCESSOR = "tools.handouts.math_to_mathml"  # as nbconvert imports it (the repository on PYTHONPATH)


def markdown_math_to_mathml(markdown: str) -> str:
    """`markdown` with every $...$ and $$...$$ outside code replaced by MathML (display="block" for $$)."""
    from latex2mathml.converter import convert  # in the venv only: this module stays standard library

    def block(match):
        return convert(match.group(1).strip(), display="block")

    def inline(match):
        return convert(match.group(1).strip())

    parts = CODE.split(markdown)  # odd items are code, kept as they are
    return "".join(part if index % 2 else INLINE_MATH.sub(inline, DISPLAY_MATH.sub(block, part))
                   for index, part in enumerate(parts))


def math_to_mathml(nb, resources):
    """nbconvert preprocessor (a plain function, run after execution): the maths of markdown cells and of
    text/markdown outputs as MathML."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = markdown_math_to_mathml(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = markdown_math_to_mathml(data["text/markdown"])
    return nb, resources
