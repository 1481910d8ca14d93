"""tools/handouts.py: a handout embeds the images inside the repository and no other."""
from tools import handouts


def html_with(*srcs):
    return "".join(f'<p><img alt="x" src="{src}"></p>\n' for src in srcs)


def test_handouts_embed_only_images_inside_the_repository(tmp_path, capsys):
    repo = tmp_path / "copy"
    notebooks = repo / "notebooks"
    (repo / "figures").mkdir(parents=True)
    notebooks.mkdir()
    (repo / "figures" / "inside.png").write_bytes(b"\x89PNG inside")
    (notebooks / "local.png").write_bytes(b"\x89PNG local")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    (notebooks / "link.png").symlink_to(secret)
    page = notebooks / "lesson.html"
    srcs = ["../figures/inside.png", "local.png", "../../secret.png", str(secret), "link.png",
            "https://example.org/x.png", "data:image/png;base64,AAAA", "missing.png"]
    page.write_text(html_with(*srcs))

    outside = handouts.embed_local_images(page, notebooks, root=repo)

    html = page.read_text()
    assert outside == ["../../secret.png", str(secret), "link.png"]
    for src in outside + ["https://example.org/x.png", "data:image/png;base64,AAAA", "missing.png"]:
        assert f'src="{src}"' in html
    assert 'src="../figures/inside.png"' not in html and 'src="local.png"' not in html
    assert html.count("data:image/png;base64,") == 3  # two embedded, one that was a data: URL already
    import base64
    assert base64.b64encode(b"\x89PNG secret").decode() not in html
    warnings = capsys.readouterr().err
    for src in outside:
        assert f'<img src="{src}">' in warnings
