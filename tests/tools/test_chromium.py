"""tools/chromium.py: which Chromium the browser tests use, when it is installed, and when none is needed."""
import pytest

from executables import make_executable
from tools import chromium

REAL_CANDIDATES = list(chromium.CANDIDATES)  # before any test replaces them


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """A machine with no browser anywhere: empty PATH search, no known locations, Debian, not root."""
    monkeypatch.setattr(chromium.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(chromium, "CANDIDATES", [str(tmp_path / "nowhere" / "chromium")])
    monkeypatch.setattr(chromium, "SNAP_CHROMIUM", str(tmp_path / "snap" / "bin" / "chromium"))
    debian = tmp_path / "debian_version"
    debian.write_text("12.0\n")
    monkeypatch.setattr(chromium, "DEBIAN_VERSION", debian)
    release = tmp_path / "os-release"
    release.write_text('PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n')
    monkeypatch.setattr(chromium, "OS_RELEASE", release)
    monkeypatch.setattr(chromium, "is_root", lambda: False)
    monkeypatch.setattr(chromium, "passwordless_sudo", lambda: False)
    monkeypatch.setattr(chromium, "run", lambda *a, **k: pytest.fail(f"ran a command: {a}"))
    return tmp_path


def test_nd_chromium_that_does_not_exist_is_a_clear_error(no_browser):
    missing = str(no_browser / "no" / "such" / "chromium")
    with pytest.raises(SystemExit) as error:
        chromium.plan({"ND_CHROMIUM": missing})
    assert "ND_CHROMIUM" in str(error.value) and missing in str(error.value)


def test_nd_chromium_that_is_not_executable_is_a_clear_error(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)  # even where apt-get would be allowed
    plain = no_browser / "chromium.txt"
    plain.write_text("not a program")
    plain.chmod(0o644)
    for value in (plain, no_browser):  # a file without the x bit, a folder
        with pytest.raises(SystemExit) as error:
            chromium.ensure_chromium({"ND_CHROMIUM": str(value)})
        assert "ND_CHROMIUM" in str(error.value) and str(value) in str(error.value)


def test_nd_chromium_that_works_is_used(no_browser):
    browser = make_executable(no_browser / "opt" / "chrome")
    assert chromium.plan({"ND_CHROMIUM": str(browser)}).path == str(browser)


def test_a_usable_chromium_means_no_apt_get(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    browser = make_executable(no_browser / "usr" / "bin" / "chromium")
    monkeypatch.setattr(chromium, "CANDIDATES", [str(browser)])
    decided = chromium.plan({})
    assert decided.path == str(browser) and decided.install is None
    assert chromium.ensure_chromium({}) == str(browser)


def test_a_browser_on_path_is_found(no_browser, monkeypatch):
    browser = make_executable(no_browser / "bin" / "google-chrome")
    monkeypatch.setattr(chromium.shutil, "which", lambda name: str(browser) if name == "google-chrome" else None)
    assert chromium.plan({}).path == str(browser)


def test_root_on_debian_without_a_browser_installs_chromium_with_apt_get(no_browser, monkeypatch):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    assert chromium.plan({}).install == ["apt-get", "install", "-y", "chromium"]
    ran = []
    installed = no_browser / "nowhere" / "chromium"
    monkeypatch.setattr(chromium, "run", lambda cmd, **kwargs: ran.append(cmd) or make_executable(installed))
    assert chromium.ensure_chromium({}) == str(installed)
    assert ran == [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]


def test_not_root_on_debian_explains(no_browser):
    decided = chromium.plan({})
    assert decided.install is None and "sudo apt-get install chromium" in decided.message
    with pytest.raises(SystemExit):
        chromium.ensure_chromium({})


@pytest.mark.parametrize("release", ["ID=ubuntu\nID_LIKE=debian\n", 'ID=linuxmint\nID_LIKE="ubuntu debian"\n'])
def test_ubuntu_never_apt_gets_the_snap_placeholder(no_browser, monkeypatch, release):
    monkeypatch.setattr(chromium, "is_root", lambda: True)
    (no_browser / "os-release").write_text(release)
    decided = chromium.plan({})
    assert decided.install is None
    assert "sudo snap install chromium" in decided.message and "ND_CHROMIUM=" in decided.message
    with pytest.raises(SystemExit) as error:
        chromium.ensure_chromium({})
    assert "snap" in str(error.value)


def test_ubuntu_finds_the_snap_chromium_among_the_places_it_looks(no_browser, monkeypatch):
    """The real list of places, moved under a fake root: a Chromium only at /snap/bin/chromium is found there."""
    (no_browser / "os-release").write_text("ID=ubuntu\n")
    fake_root = no_browser / "root"
    monkeypatch.setattr(chromium, "CANDIDATES", [str(fake_root / place.lstrip("/")) for place in REAL_CANDIDATES])
    snap = make_executable(fake_root / "snap" / "bin" / "chromium")
    assert chromium.plan({}).path == str(snap)


@pytest.mark.parametrize("args", [["-m", "not browser"], ["-mnot browser"], ["-m=not browser"],
                                  ["-q", "-m", "not browser and not slow", "tests/model"],
                                  ["-m", "browser", "-m", "not browser"], ["-m", "(slow or fast) and not browser"],
                                  ["-m", "not (browser or slow)"]])
def test_arguments_that_rule_out_every_browser_test_need_no_chromium(args):
    assert not chromium.selects_browser_tests(args)


@pytest.mark.parametrize("args", [[], ["tests/model", "-q"], ["-m", "browser"], ["-m", "not slow"],
                                  ["-m", "not browser or slow"], ["-m", "not browser", "-m", "browser"],
                                  ["-m", "not (browser and slow)"], ["-m", "browser(timeout=300)"],
                                  ["-m", "not browser-ish"], ["-m", "not browser and"], ["-k", "not browser"],
                                  ["--", "-m", "not browser"]])
def test_arguments_that_may_select_a_browser_test_need_chromium(args):
    assert chromium.selects_browser_tests(args)
