"""What a connected browser receives: PNG pictures that decode exactly, and diffs that rebuild the full picture."""
import io

import numpy as np
import pytest
from PIL import Image

from neurodynamics.interface import explorers, live
from neurodynamics.interface.png import PngWriter


def test_png_writer_pictures_decode_to_the_same_pixels():
    rng = np.random.default_rng(7)
    writer = PngWriter()
    for height, width in ((37, 53), (37, 53), (20, 91)):  # the same size twice (buffer kept), then a new size
        pixels = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
        pixels[: height // 2] = 0  # a transparent block, as in a diff picture
        writer.pixels(height, width)[...] = pixels.view(np.uint32).squeeze(2)
        decoded = Image.open(io.BytesIO(writer.png()))
        assert decoded.mode == "RGBA" and decoded.size == (width, height)
        assert np.array_equal(np.asarray(decoded), pixels)


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png))).view(np.uint32).squeeze(2)


def _render(canvas) -> np.ndarray:
    return np.asarray(canvas.get_renderer().buffer_rgba()).view(np.uint32).squeeze(2).copy()


def _connect(canvas) -> list[bytes]:
    """Make ``canvas`` send its pictures as if a browser view were open; returns the pictures, as sent."""
    canvas.syncing_data_url = False
    pictures: list[bytes] = []
    canvas.send = lambda content, buffers=None: pictures.extend(bytes(b) for b in (buffers or []))
    canvas.handle_event({"type": "refresh"})  # as a view does when it opens: it asks for a whole picture ...
    canvas.handle_event({"type": "draw"})  # ... and for the draw
    return pictures


def _rebuilt_equals_full_redraw(canvas, pictures: list[bytes], steps) -> int:
    """Apply each step; lay the pictures it sent over what the browser shows (transparent pixels keep the old one)
    and check that equals a full redraw of the same state. Returns how many pictures were diffs."""
    shown, diffs = _pixels(pictures[-1]), 0
    for step in steps:
        sent = len(pictures)
        step()
        for png in pictures[sent:]:
            picture = _pixels(png)
            diffs += int((picture == 0).any())
            shown = np.where(picture != 0, picture, shown)
        canvas.draw()  # a full redraw of the same state, for comparison
        assert np.array_equal(shown, _render(canvas))
    return diffs


@pytest.fixture
def connected():
    """A posture explorer whose canvas sends its pictures as if a browser view were open; the pictures, as sent."""
    explorer = explorers.PostureExplorer()
    return explorer, _connect(explorer.plot.figure.canvas)


def test_diff_pictures_rebuild_exactly_what_a_full_redraw_draws(connected):
    """The browser lays each diff over what it shows (transparent pixels keep the old one). After moves that redraw
    some regions and not others (hip moves the hamstring bar, the ankle does not), with a pin and a tether, and 30
    random moves, the rebuilt picture equals a full redraw of the same state, pixel for pixel."""
    explorer, pictures = connected
    canvas = explorer.plot.figure.canvas
    rng = np.random.default_rng(3)
    joints = list(explorer.sliders)
    random_moves = [(joints[i], int(rng.integers(explorer.sliders[joints[i]].min, explorer.sliders[joints[i]].max)))
                    for i in rng.integers(0, len(joints), size=30)]
    steps = [lambda: setattr(explorer.sliders["hip_flexion"], "value", 60),
             lambda: setattr(explorer.sliders["ankle_dorsiflexion"], "value", 20),
             lambda: explorer.pin(True),
             lambda: setattr(explorer.sliders["neck_flexion"], "value", 40),
             lambda: setattr(explorer.tether_site, "value", "thigh"),
             lambda: setattr(explorer.sliders["knee_flexion"], "value", 30),
             lambda: setattr(explorer.sliders["ankle_dorsiflexion"], "value", -10),
             lambda: setattr(explorer.tether_site, "value", explorers.NO_TETHER),
             lambda: live.png_bytes(explorer.plot.figure),  # a static copy (handouts) in between
             lambda: setattr(explorer.sliders["hip_flexion"], "value", 61),
             *(lambda joint=joint, value=value: setattr(explorer.sliders[joint], "value", value)
               for joint, value in random_moves)]
    diffs = _rebuilt_equals_full_redraw(canvas, pictures, steps)
    assert diffs >= 25, "most changes went out as diffs, not whole pictures"


def test_a_move_that_leaves_the_hamstring_alone_does_not_redraw_its_bar(connected):
    explorer, _ = connected
    hamstring_bar = explorer.plot.bars[0]
    explorer.sliders["ankle_dorsiflexion"].value = 15
    assert not hamstring_bar.stale
    drawn = []
    original = hamstring_bar.draw
    hamstring_bar.draw = lambda renderer: (drawn.append(1), original(renderer))
    explorer.sliders["ankle_dorsiflexion"].value = 20
    assert drawn == [], "the ankle does not move the hamstring: its bar stays as it was"
    explorer.sliders["hip_flexion"].value = 40
    assert drawn == [1]


def test_hold_versus_floss_redraws_its_curves_in_place_and_rebuilds_exactly():
    """A change of repetitions or tempo redraws only curves and titles while they fit the axes (diff pictures); a
    change that needs new limits, another site or another floss redraws in full; the browser's picture always
    equals a full redraw."""
    widget = explorers.HoldVsFloss()
    canvas = widget.figure.canvas
    pictures = _connect(canvas)

    def set_to(control, value):
        return lambda: setattr(control, "value", value)

    steps = [set_to(widget.reps, widget.reps.value + 1), set_to(widget.period, widget.period.value + 0.5),
             set_to(widget.reps, widget.reps.value), set_to(widget.period, widget.period.value),
             set_to(widget.hold_seconds, widget.hold_seconds.value + 5), set_to(widget.site, "knee"),
             set_to(widget.floss, "seated tensioner"), set_to(widget.knee_range, (20, 90)),
             set_to(widget.reps, widget.reps.max), set_to(widget.reps, widget.reps.min),
             set_to(widget.hold_angle, widget.hold_angle.max), lambda: live.png_bytes(widget.figure),
             set_to(widget.reps, widget.reps.min + 1)]
    diffs = _rebuilt_equals_full_redraw(canvas, pictures, steps)
    assert diffs >= 4, "repetitions and tempo changes go out as diffs"
    for (key, column), line in widget.plot.lines.items():  # the kept limits still hold every curve
        (x0, x1), (y0, y1) = line.axes.get_xlim(), line.axes.get_ylim()
        x, y = line.get_data()
        assert x0 <= x.min() and x.max() <= x1 and y0 <= y.min() and y.max() <= y1, (key, column)
