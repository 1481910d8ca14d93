"""Start and stop JupyterLab and Voila on 127.0.0.1 and launch the system Chromium: shared by the browser tests
(tests/browser/conftest.py) and the browser benchmarks (benchmarks/browser_latency.py, benchmarks/class_load.py).

Servers listen on a free port of 127.0.0.1 only, serve a folder the caller chose (normally a temporary copy of
notebooks/, see `copy_notebooks`), and keep Jupyter's config, data and runtime folders in a `home` folder of the
caller's (`server_env`). `stop_process` stops a server with every process it started (kernels included).
Chromium is the system one (ND_CHROMIUM, else /usr/bin/chromium): never a downloaded browser.

A developer module: psutil and Playwright besides the standard library; its standard-library part (ports, copies of
notebooks/, waiting) is tools/common.py, which tasks.py uses too. The package never imports it.
"""
from __future__ import annotations

import contextlib
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from tools.bootstrap import write_lab_overrides
from tools.chromium import GENERAL_HELP, find_chromium
from tools.common import (NOTEBOOKS, ROOT, VOILA_TEMPLATE, allow_root, copy_notebooks, free_port,  # noqa: F401
                          http_status, jupyter_env, port_open, wait_until)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VOILA_CULL_ARGS = ["--MappingKernelManager.cull_idle_timeout=20", "--MappingKernelManager.cull_interval=5"]
STARTUP_TIMEOUT_S = 90


def chromium_path() -> str:
    """The system Chromium the tests and benchmarks drive: ND_CHROMIUM (tasks.py test sets it; a wrong one is a
    clear error), else the one tools/chromium.py finds (/usr/bin/chromium, /snap/bin/chromium, Chrome, ...)."""
    path = find_chromium()
    if path is None:
        raise SystemExit(GENERAL_HELP)
    return path


@dataclass
class Server:
    url: str            # http://127.0.0.1:<port>
    port: int
    token: str
    process: subprocess.Popen
    log: Path           # the server's stdout and stderr

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def kernel_running(self, kernel_id: str) -> bool:
        """Ask GET /api/kernels/<id> (Voila serves no list of kernels, but this): 404 once the kernel is gone."""
        status = http_status(f"{self.url}/api/kernels/{kernel_id}?token={self.token}")
        assert status in (200, 404), f"GET /api/kernels/{kernel_id}: HTTP {status}\n{self.log_tail()}"
        return status == 200

    def kernel_processes(self) -> list[psutil.Process]:
        """The kernels this server runs now (its child processes started by ipykernel_launcher)."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        kernels = []
        for child in children:
            try:
                if any("ipykernel_launcher" in part for part in child.cmdline()):
                    kernels.append(child)
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                pass
        return kernels


def start_server(cmd: Sequence[object], port: int, token: str, cwd: Path, env: dict[str, str], log: Path,
                 ready: Callable[[Server], bool]) -> Server:
    """Start a server process and wait (at most STARTUP_TIMEOUT_S) until ready(server) is true."""
    with open(log, "wb") as out:
        process = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", port, token, process, Path(log))

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"{cmd[2]} exited with {process.returncode}:\n{server.log_tail()}")
        return ready(server)

    try:
        wait_until(up, STARTUP_TIMEOUT_S, f"{cmd[2]} on port {port}")
    except BaseException:
        stop_process(process)
        raise
    return server


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server and everything it started (kernels run in their own sessions, so find them first)."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.terminate()  # Jupyter servers shut their kernels down on SIGTERM
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        child.kill()


def server_env(home: Path) -> dict[str, str]:
    """Environment for a Jupyter server: the venv's kernel, the inline backend, Jupyter's own files in `home`."""
    env = jupyter_env()  # the venv's kernels first; the project's offline Voila template on JUPYTER_PATH
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("MPLBACKEND", None)  # tests/conftest.py sets Agg; kernels must keep their inline default
    for name in ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"]:
        env[name] = str(home / name.lower())
    return env


def start_jupyterlab(root_dir: Path, home: Path, token: str) -> Server:
    """JupyterLab serving `root_dir`, with its settings and workspaces in `home`; ready when /api/status answers."""
    port = free_port()
    settings = home / "lab-settings"
    # No "get notified about Jupyter news?" toast over the notebook: the venv's own JupyterLab settings overrides, as
    # `tasks.py lab` makes sure of them (a no-op when they are there already).
    write_lab_overrides(Path(sys.prefix))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
           "--ServerApp.open_browser=False", f"--LabApp.user_settings_dir={settings}",
           f"--LabApp.workspaces_dir={home / 'lab-workspaces'}"] + allow_root()
    return start_server(cmd, port, token, root_dir, server_env(home), home / "lab.log",
                        ready=lambda s: http_status(f"{s.url}/api/status?token={token}") == 200)


def start_voila(root_dir: Path, home: Path, extra_args: Sequence[str] = VOILA_CULL_ARGS) -> Server:
    """Voila in tree mode, started in `root_dir`: any notebook renders at /voila/render/<name>.ipynb.

    By default idle kernels are culled fast (closed pages would leave kernels running otherwise). The template is
    the project's offline one (tools/jupyter/voila/templates/nd-offline: no CDN links), as `tasks.py workshop`
    uses. Ready when the port accepts connections: a GET of a page would start a kernel.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--template={VOILA_TEMPLATE}", *extra_args]
    return start_server(cmd, port, "", root_dir, server_env(home), home / "voila.log",
                        ready=lambda s: port_open(port))


def launch_chromium(playwright, extra_args: Sequence[str] = ()):
    """The system Chromium, headless (launch() gives every run a fresh temporary profile of its own)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args])


@contextlib.contextmanager
def voila_and_lab(root_dir: Path, home: Path) -> Iterator[tuple[Server, Server]]:
    """Voila and JupyterLab (a random token) serving `root_dir`, their Jupyter files in folders of `home`; both
    stopped at the end (the browser benchmarks)."""
    lab_home, voila_home = home / "lab-home", home / "voila-home"
    lab_home.mkdir()
    voila_home.mkdir()
    servers = []
    try:
        servers.append(start_voila(root_dir, voila_home))
        servers.append(start_jupyterlab(root_dir, lab_home, token=secrets.token_hex(16)))
        yield servers[0], servers[1]
    finally:
        for server in servers:
            stop_process(server.process)
