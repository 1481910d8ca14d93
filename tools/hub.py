"""A local JupyterHub for a whole class, on 127.0.0.1 only: what the README's "A whole class" advice says, run for
real by tests/browser/test_jupyterhub.py.

The hub is PyPI's `jupyterhub` (pinned in requirements-test.txt) with its proxy, the npm package
`configurable-http-proxy` (pinned here, installed with npm into .venv/hub-proxy/, git-ignored, kept across runs);
users log in with a shared password (SharedPasswordAuthenticator, the successor of the DummyAuthenticator's
password) and each gets a JupyterLab of their own (`jupyterhub-singleuser` of the Python running this module, so of
.venv, where `pip install -r requirements.txt && pip install --no-deps .` installed the lessons), started by the
local-process spawner that needs no system users (SimpleLocalProcessSpawner), in a home folder of its own holding
its own copy of notebooks/. The hub's database, cookie secret, proxy token, config and log live in a folder of the
caller's, never in the working tree. `stop_process(hub.process)` stops the hub, its proxy and every single-user
server with its kernels.

A developer module: standard library and psutil only; the package never imports it.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

from tools.servers import ROOT, Server, allow_root, copy_notebooks, free_port, http_status, server_env, start_server

CHP_VERSION = "5.3.0"  # npm's configurable-http-proxy; needs Node.js 20 or newer
NODE_MAJOR_MIN = 20
PROXY_PREFIX = ROOT / ".venv" / "hub-proxy"  # .venv/ is git-ignored
SPAWN_TIMEOUT_S = 180  # two single-user servers starting at once on a 2-core machine


class ToolMissing(RuntimeError):
    """Node.js or npm is missing or too old: the hub's proxy cannot run."""


def _installed_proxy_version(prefix: Path) -> str | None:
    package = prefix / "node_modules" / "configurable-http-proxy" / "package.json"
    try:
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def install_proxy(prefix: Path = PROXY_PREFIX) -> Path:
    """The configurable-http-proxy executable, installed with npm into `prefix` unless that version is there."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise ToolMissing("JupyterHub's proxy needs Node.js and npm (`apt-get install nodejs npm`): "
                          f"node {'found' if node else 'not found'}, npm {'found' if npm else 'not found'} on PATH")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    match = re.match(r"v(\d+)\.", version)
    if not match or int(match.group(1)) < NODE_MAJOR_MIN:
        raise ToolMissing(f"configurable-http-proxy {CHP_VERSION} needs Node.js {NODE_MAJOR_MIN} or newer; "
                          f"{node} is {version or 'of unknown version'}")
    executable = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if _installed_proxy_version(prefix) != CHP_VERSION or not executable.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                                 "--loglevel=error", f"configurable-http-proxy@{CHP_VERSION}"],
                                capture_output=True, text=True)
        if result.returncode != 0 or _installed_proxy_version(prefix) != CHP_VERSION:
            raise RuntimeError(f"npm install configurable-http-proxy@{CHP_VERSION} failed "
                               f"(exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return executable


# Each user's Jupyter and IPython folders, inside their home (the spawner sets these for each user).
USER_JUPYTER_DIRS = {"JUPYTER_CONFIG_DIR": ".jupyter", "JUPYTER_DATA_DIR": ".local/share/jupyter",
                     "JUPYTER_RUNTIME_DIR": ".local/share/jupyter/runtime", "IPYTHONDIR": ".ipython"}


def prepare_user(users_dir: Path, name: str) -> Path:
    """A student's home folder: their own copy of the lessons (what nbgitpuller would give them) and JupyterLab
    settings without the "get notified about Jupyter news?" toast over the notebook."""
    home = users_dir / name
    home.mkdir(parents=True)
    copy_notebooks(home)
    news = (home / USER_JUPYTER_DIRS["JUPYTER_CONFIG_DIR"] / "lab" / "user-settings" / "@jupyterlab"
            / "apputils-extension" / "notification.jupyterlab-settings")
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false"}), encoding="utf-8")
    return home


def write_config(hub_dir: Path, users_dir: Path, users: Sequence[str], password: str, port: int, proxy: Path) -> Path:
    """jupyterhub_config.py in `hub_dir`: everything the hub writes goes to `hub_dir`, users' files to users_dir."""
    singleuser = Path(sysconfig.get_path("scripts")) / "jupyterhub-singleuser"
    scripts_first = os.pathsep.join([str(singleuser.parent), os.environ.get("PATH", os.defpath)])
    environment = {"PATH": scripts_first, "LANG": os.environ.get("LANG", "C.UTF-8"),
                   "JUPYTER_PREFER_ENV_PATH": "1", "PYTHONDONTWRITEBYTECODE": "1"}  # and no MPLBACKEND
    values = dict(
        port=port, hub_port=free_port(), proxy_api_port=free_port(), proxy=str(proxy),
        proxy_token=secrets.token_hex(32), hub_dir=str(hub_dir), users_dir=str(users_dir), users=sorted(users),
        password=password, cmd=[str(singleuser)], args=allow_root(), environment=environment,
        user_dirs=USER_JUPYTER_DIRS, spawn_timeout=SPAWN_TIMEOUT_S)
    config = hub_dir / "jupyterhub_config.py"
    config.write_text(CONFIG_TEMPLATE.format(**{key: repr(value) for key, value in values.items()}),
                      encoding="utf-8")
    return config


CONFIG_TEMPLATE = '''\
# Written by tools/hub.py for one test run.
import os

c = get_config()  # noqa: F821
hub_dir, users_dir = {hub_dir}, {users_dir}

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///" + os.path.join(hub_dir, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(hub_dir, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(hub_dir, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.proxy_class = "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [{proxy}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.auth_token = {proxy_token}
c.ConfigurableHTTPProxy.pid_file = os.path.join(hub_dir, "jupyterhub-proxy.pid")

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password}
c.Authenticator.allowed_users = set({users})

c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: no system users; for testing only
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(users_dir, "{{username}}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = {cmd}
c.Spawner.args = {args}
c.Spawner.notebook_dir = os.path.join(users_dir, "{{username}}", "notebooks")
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {spawn_timeout}
c.Spawner.http_timeout = {spawn_timeout}
c.Spawner.environment = dict({environment})
for name, relative in {user_dirs}.items():  # each user's own, in their home
    c.Spawner.environment[name] = (lambda relative: lambda spawner: os.path.join(
        users_dir, spawner.user.name, relative))(relative)
'''


@dataclass
class Hub:
    server: Server      # the hub's public URL (the proxy's port) and the hub process
    users_dir: Path     # users_dir/<name>/notebooks: each user's lessons
    password: str

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def process(self) -> subprocess.Popen:
        return self.server.process

    def log_tail(self, chars: int = 6000) -> str:
        return self.server.log_tail(chars)

    def singleuser_servers(self) -> dict[str, psutil.Process]:
        """The running single-user servers, by user name (their JUPYTERHUB_USER)."""
        servers = {}
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if any("jupyterhub-singleuser" in part for part in child.cmdline()):
                    servers[child.environ()["JUPYTERHUB_USER"]] = child
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied, KeyError):
                pass
        return servers


def start_hub(hub_dir: Path, users_dir: Path, users: Sequence[str], proxy: Path,
              set_up_home: Callable[[Path, str], None] | None = None) -> Hub:
    """Start JupyterHub (and its proxy) for `users`, each with a home of their own in `users_dir`; ready when
    /hub/api answers through the proxy. `set_up_home(home, name)`, if given, adds to each home before the hub starts
    (for example nbgrader's configuration). Stop it with tools.servers.stop_process(hub.process)."""
    for name in users:
        home = prepare_user(users_dir, name)
        if set_up_home is not None:
            set_up_home(home, name)
    password = secrets.token_urlsafe(12)
    port = free_port()
    config = write_config(hub_dir, users_dir, users, password, port, proxy)
    cmd = [sys.executable, "-m", "jupyterhub", "-f", config]
    server = start_server(cmd, port, "", hub_dir, server_env(hub_dir), hub_dir / "jupyterhub.log",
                          ready=lambda s: http_status(f"{s.url}/hub/api") == 200)
    return Hub(server, users_dir, password)


def write_nbgrader_config(home: Path, course_id: str, exchange: Path, course_root: Path | None = None,
                          student_id: str | None = None) -> Path:
    """A user's nbgrader_config.py in their Jupyter config folder: the course id and the exchange folder shared by
    the lecturer and the students; for the lecturer, the course folder (inside their notebook folder, or the
    formgrader refuses it); for a student, the name their submissions carry and their notebook folder, where fetched
    assignments go (nbgrader's default is the server's working directory, the home here). (On a hub where each user
    is a system user of their own, nbgrader takes the name from the system; the local-process spawner of these tests
    runs every user as one system user, so each student's name is set here.)"""
    lines = ["c = get_config()  # noqa: F821", f"c.CourseDirectory.course_id = {course_id!r}",
             f"c.Exchange.root = {str(exchange)!r}"]
    if course_root is not None:
        lines.append(f"c.CourseDirectory.root = {str(course_root)!r}")
    if student_id is not None:
        lines.append(f"c.CourseDirectory.student_id = {student_id!r}")
        lines.append(f"c.Exchange.assignment_dir = {str(home / 'notebooks')!r}")
    config = home / USER_JUPYTER_DIRS["JUPYTER_CONFIG_DIR"] / "nbgrader_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config
