"""tools/common.py: a free port, and the copy of notebooks/ that servers and handouts work in."""
import stat

from tools import common, handouts


def test_free_port_from_a_first_port(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert common.free_port(taken) != taken
    assert common.free_port() > 0


def test_copy_notebooks_keeps_links_as_links(tmp_path):
    source = tmp_path / "src"
    (source / "notebooks").mkdir(parents=True)
    (source / "notebooks" / "a.ipynb").write_text("{}")
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    (source / "notebooks" / "b.png").symlink_to(outside)
    copy = common.copy_notebooks(tmp_path / "dest", notebooks=source / "notebooks", figures=source / "figures")
    assert (copy / "b.png").is_symlink() and not handouts.inside(copy / "b.png", tmp_path / "dest")
    assert stat.S_ISREG((copy / "a.ipynb").stat().st_mode)
