"""What a connected browser receives: PNG pictures that decode exactly, and diffs that rebuild the full picture."""
import ast
import importlib
import inspect
import io
import re
import textwrap
from pathlib import Path

import matplotlib.text
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

import neurodynamics as nd
from neurodynamics.interface import explorers, live
from neurodynamics.interface.png import rgba_png
from neurodynamics.model.design import SETUPS


def test_png_pictures_decode_to_the_same_pixels_and_pixels_not_kept_are_transparent():
    rng = np.random.default_rng(7)
    for height, width in ((37, 53), (20, 91)):
        pixels = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
        pixels[: height // 2] = 0  # a transparent block, as in a diff picture
        whole = pixels.view(np.uint32).squeeze(2)
        decoded = Image.open(io.BytesIO(rgba_png(whole)))
        assert decoded.mode == "RGBA" and decoded.size == (width, height)
        assert np.array_equal(np.asarray(decoded), pixels)
        keep = rng.random((height, width)) < 0.5
        part = np.s_[3:, 5:]  # a part of a bigger picture, as a diff's rectangle is
        kept = _pixels(rgba_png(whole[part], keep[part]))
        assert np.array_equal(kept, np.where(keep[part], whole[part], 0))


def test_changed_rectangles_cover_every_changed_pixel_and_leave_far_apart_changes_apart():
    changed = np.zeros((100, 200), dtype=bool)
    changed[10:20, 5:8] = changed[12, 20] = True  # near each other: one rectangle
    changed[70:90, 150:190] = True  # far away: another
    rectangles = live.changed_rectangles(changed, gap_px=16)
    assert rectangles == [(5, 10, 21, 20), (150, 70, 190, 90)]
    covered = np.zeros_like(changed)
    for x0, y0, x1, y1 in rectangles:
        covered[y0:y1, x0:x1] = True
    assert not (changed & ~covered).any()
    assert live.changed_rectangles(np.zeros((4, 4), dtype=bool)) == []


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png))).view(np.uint32).squeeze(2)


def _render(canvas) -> np.ndarray:
    return np.asarray(canvas.get_renderer().buffer_rgba()).view(np.uint32).squeeze(2).copy()


def _connect(canvas) -> list[tuple[dict, bytes]]:
    """Open a view of ``canvas`` as a browser does; returns the (message, PNG) pictures it gets (a live list)."""
    return live.open_view(canvas)


def _rebuilt_equals_full_redraw(canvas, pictures, steps) -> int:
    """Apply each step; lay the pictures it sent over what the browser shows and check that equals a full redraw
    of the same state. Returns how many pictures were diffs."""
    shown, diffs = live.shown_after(pictures), 0
    for step in steps:
        sent = len(pictures)
        step()
        diffs += sum(not message["full"] for message, _ in pictures[sent:])
        shown = live.shown_after(pictures[sent:], shown)
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


def _explorer_step(explorer, rng):
    """One random move of any kind a student makes on a posture explorer, as a function of the explorer (so that
    the same move can be made on two explorers)."""
    kind = rng.choice(["slider", "slider", "slider", "arrow", "arrow", "preset", "pin", "tether", "quantity",
                       "view", "band", "copy"])
    joint = rng.choice(list(explorer.sliders))
    low, high = explorer.sliders[joint].min, explorer.sliders[joint].max
    value, step = int(rng.integers(low, high + 1)), int(rng.choice([-1, 1]))
    preset = str(rng.choice(list(explorers.PRESETS)))
    site = str(rng.choice([explorers.NO_TETHER, *nd.SITES]))
    strength = explorers.STRENGTHS[int(rng.integers(len(explorers.STRENGTHS)))][1]

    def slider(e):  # as the browser sends it, or as a lesson's code sets it
        (e.sliders[joint].set_state if value % 2 else lambda state: setattr(e.sliders[joint], "value",
                                                                            state["value"]))({"value": value})

    def arrow(e):  # an arrow key: one step from where the slider is
        e.sliders[joint].set_state({"value": min(high, max(low, e.sliders[joint].value + step))})

    def tether(e):
        e.tether_strength.value = strength
        e.tether_site.value = site

    return {"slider": slider, "arrow": arrow, "preset": lambda e: e.apply_preset(preset),
            "pin": lambda e: e.pin(not e.pin_button.value), "tether": tether,
            "quantity": lambda e: setattr(e.quantity, "value", "tension" if e.quantity.value == "strain"
                                          else "strain"),
            "view": lambda e: setattr(e.view, "value", explorers.VIEWS[explorers.VIEWS.index(e.view.value) - 1]),
            "band": lambda e: setattr(e.band_box, "value", not e.band_box.value),
            "copy": lambda e: live.png_bytes(e.figure)}[kind], kind


def _full_redraw(figure) -> np.ndarray:
    """The figure drawn whole, now, as a full redraw draws it."""
    figure.canvas.draw()
    return _render(figure.canvas)


@pytest.mark.parametrize("presenter", [False, True], ids=["lesson", "presenter"])
def test_after_500_random_moves_of_every_kind_the_picture_equals_a_full_redraw(presenter):
    """Slider moves (from the browser and from code), arrow steps, presets, pins, tethers, quantity, view, the
    plausible range, static copies: after each, what the browser shows (the pictures laid one over the other)
    equals a full redraw of the same state, drawn on a twin explorer that was only ever drawn whole."""
    rng = np.random.default_rng(24 + presenter)
    shown_explorer, twin = explorers.PostureExplorer(presenter=presenter), explorers.PostureExplorer(
        presenter=presenter)
    pictures = _connect(shown_explorer.figure.canvas)
    shown, kinds, diffs = live.shown_after(pictures), set(), 0
    for number in range(500):
        move, kind = _explorer_step(shown_explorer, rng)
        kinds.add(kind)
        sent = len(pictures)
        move(shown_explorer)
        move(twin)
        diffs += sum(not message["full"] for message, _ in pictures[sent:])
        shown = live.shown_after(pictures[sent:], shown)
        expected = _full_redraw(twin.figure)
        differ = int(np.count_nonzero(shown != expected))
        assert differ == 0, f"move {number} ({kind}): {differ} pixels differ from a full redraw"
    assert kinds == {"slider", "arrow", "preset", "pin", "tether", "quantity", "view", "band", "copy"}
    assert diffs >= 400, "moves went out as diffs, not whole pictures"


@pytest.mark.parametrize("presenter", [False, True], ids=["lesson", "presenter"])
def test_player_frames_and_design_changes_equal_a_full_redraw(presenter):
    """The exercise player: random frames (time slider, play ticks), design changes, site and exercise changes;
    both of its pictures equal full redraws of a twin player's."""
    from neurodynamics.interface import player as pl

    rng = np.random.default_rng(5 + presenter)
    shown_player, twin = pl.ExercisePlayer(presenter=presenter), pl.ExercisePlayer(presenter=presenter)
    views = [(_connect(figure.canvas), twin_figure) for figure, twin_figure in
             ((shown_player.figure, twin.figure), (shown_player.trace.figure, twin.trace.figure))]
    shown = [live.shown_after(pictures) for pictures, _ in views]
    for number in range(150):
        kind = rng.choice(["time", "time", "time", "play", "play", "reps", "tempo", "site", "setup"])
        t = float(rng.uniform(0, shown_player.playback.time.max))
        reps, tempo = int(rng.integers(1, 12)), float(rng.choice([2.0, 3.0, 4.5]))
        site, setup = str(rng.choice(nd.SITES)), str(rng.choice(SETUPS))
        move = {"time": lambda p: p.show_time(t),
                "play": lambda p: setattr(p.playback.play, "value", p.playback.play.value + 1),
                "reps": lambda p: p.set_design(reps=reps), "tempo": lambda p: p.set_design(tempo_s=tempo),
                "site": lambda p: setattr(p.site, "value", site),
                "setup": lambda p: setattr(p.design_controls.setup, "value", setup)}
        sent = [len(pictures) for pictures, _ in views]
        move[kind](shown_player)
        move[kind](twin)
        for index, ((pictures, twin_figure), before) in enumerate(zip(views, sent)):
            shown[index] = live.shown_after(pictures[before:], shown[index])
            differ = int(np.count_nonzero(shown[index] != _full_redraw(twin_figure)))
            assert differ == 0, f"step {number} ({kind}), picture {index}: {differ} pixels differ"


# -- public APIs only --------------------------------------------------------------------------------------------

PACKAGE = Path(nd.__file__).resolve().parent
#: Underscore names that other libraries document for their users: IPython's display protocol, anywidget's
#: front-end module and style sheet.
DOCUMENTED = {"_repr_mimebundle_", "_repr_png_", "_repr_html_", "_ipython_display_", "_esm", "_css"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}


def _own_names(trees) -> set[str]:
    """Every underscore name the package itself defines: functions, classes, assigned names and attributes,
    keyword arguments of its own calls."""
    names = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return {name for name in names if _private(name)}


def _source(cls) -> str:
    """The source of ``cls``, or "" for a class written in C (its names are checked by ``hasattr`` alone)."""
    try:
        return inspect.getsource(cls)
    except (TypeError, OSError):
        return ""


def _external_bases(cls) -> list[type]:
    return [base for base in cls.__mro__[1:] if not base.__module__.startswith("neurodynamics")
            and base is not object]


def _private_uses(path: str, tree: ast.AST, own: set[str]) -> list[str]:
    """Imports of other libraries' underscore names, and uses (``obj._y``, ``getattr(obj, "_y")``) of underscore
    names that ``own`` (the package's own names) does not hold."""
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and not node.module.startswith("neurodynamics"):
            problems += [f"{path}:{node.lineno} imports {node.module}.{alias.name}" for alias in node.names
                         if _private(alias.name)]
        if isinstance(node, ast.Import):
            problems += [f"{path}:{node.lineno} imports {alias.name}" for alias in node.names
                         if any(_private(part) for part in alias.name.split("."))]
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
            problems.append(f"{path}:{node.lineno} uses .{node.attr}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and _private(node.args[1].value) and node.args[1].value not in own):
            problems.append(f"{path}:{node.lineno} {node.func.id}(..., {node.args[1].value!r})")
    return problems


def _overrides(cls: type) -> list[str]:
    """Underscore names that ``cls`` defines or sets on ``self`` and that a base class from another library
    already has (its internals, overridden or used)."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    defined = {node.name for node in body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    defined |= {target.id for node in body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)}
    defined |= {node.attr for item in body for node in ast.walk(item)
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"}
    return [f"{cls.__module__}.{cls.__name__}.{name} overrides or uses {base.__module__}.{base.__name__}'s {name}"
            for name in sorted(defined - DOCUMENTED) if _private(name)
            for base in _external_bases(cls)
            if hasattr(base, name) or re.search(rf"\b{re.escape(name)}\b", _source(base))]


def test_no_private_name_of_another_library_is_imported_read_or_overridden():
    """Only documented APIs of other libraries: no ``from x import _y``, no ``obj._y`` (or ``getattr(obj, "_y")``)
    for a name the package does not define itself, and no class of the package that defines or sets a name its
    base classes from another library already have (an override of their internals)."""
    trees = _trees()
    own = _own_names(trees) | DOCUMENTED
    problems = [problem for path, tree in trees.items()
                for problem in _private_uses(str(path.relative_to(PACKAGE.parent)), tree, own)]
    for path in trees:
        module = importlib.import_module(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
                                         .removesuffix(".__init__"))
        problems += [problem for cls in vars(module).values()
                     if isinstance(cls, type) and cls.__module__ == module.__name__ and _external_bases(cls)
                     for problem in _overrides(cls)]
    assert not problems, "private names of other libraries:\n" + "\n".join(problems)


class _OldLiveCanvas(FigureCanvasAgg):
    """What the live canvas once did to ipympl's canvas, here to matplotlib's: set one of its internals."""

    def draw(self) -> None:
        self._is_idle_drawing = True
        super().draw()


def test_the_private_name_scan_catches_what_the_old_live_canvas_and_pacing_did():
    """The scan above can fail: reading ipywidgets' lock as the pacing once did, and a canvas that sets its base
    class's internals, are both caught."""
    old_pacing = ast.parse('def from_browser(change):\n'
                           '    return change["name"] in getattr(change["owner"], "_property_lock", {})\n')
    assert _private_uses("pacing.py", old_pacing, _own_names(_trees()) | DOCUMENTED) == [
        "pacing.py:2 getattr(..., '_property_lock')"]
    assert any("_is_idle_drawing" in problem for problem in _overrides(_OldLiveCanvas))


def _drawn_texts(figure) -> list[matplotlib.text.Text]:
    """The texts a full draw of ``figure`` shows: every visible, non-empty text, tick labels only for the ticks
    inside their axis's limits (the others exist but are not drawn)."""
    ticks, shown = set(), []
    for ax in figure.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((tick.label1, tick.label2))
                if min(limits) - 1e-9 <= tick.get_loc() <= max(limits) + 1e-9:
                    shown += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    shown += [text for text in figure.findobj(matplotlib.text.Text) if text not in ticks and text.get_visible()]
    return [text for text in shown if text.get_text().strip()]


def _texts_overlapping(figure) -> list[tuple[str, str]]:
    """Pairs of drawn texts of ``figure`` whose boxes overlap by more than half a pixel each way (every text is
    horizontal or upright, so its box is its extent)."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in _drawn_texts(figure)]
    return [(a, b) for index, (a, box_a) in enumerate(boxes) for b, box_b in boxes[index + 1:]
            if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0.5
            and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0.5]


def test_every_text_of_the_explorer_is_horizontal_or_upright():
    """So that the overlap test below measures each text's true extent."""
    explorer = explorers.PostureExplorer()
    assert {text.get_rotation() % 90 for text in _drawn_texts(explorer.figure)} == {0.0}


@pytest.mark.parametrize("presenter", [False, True], ids=["lesson", "presenter"])
def test_no_text_overlaps_other_text_at_any_value(presenter):
    """Every preset, the joints at both ends of their ranges, pinned at one end and moved to the other (the largest
    changes, negative too), each tether, strain and tension, the plausible range: no text touches another (the bar
    values once ran into the site names: "+9.5at the neck cord")."""
    explorer = explorers.PostureExplorer(presenter=presenter)
    low = nd.Posture(**{joint: explorer.sliders[joint].min for joint in explorer.sliders})
    high = nd.Posture(**{joint: explorer.sliders[joint].max for joint in explorer.sliders})
    states = [(name, lambda name=name: explorer.apply_preset(name)) for name in explorers.PRESETS]
    states += [("lowest", lambda: explorer.set_posture(low)), ("highest", lambda: explorer.set_posture(high)),
               ("pinned high, moved low", lambda: (explorer.set_posture(high), explorer.pin(),
                                                   explorer.set_posture(low))),
               ("pinned low, moved high", lambda: (explorer.pin(False), explorer.set_posture(low), explorer.pin(),
                                                   explorer.set_posture(high)))]
    states += [(f"tether {site}", lambda site=site: setattr(explorer.tether_site, "value", site))
               for site in nd.SITES]
    states += [("tension", lambda: setattr(explorer.quantity, "value", "tension")),
               ("range shaded", lambda: (setattr(explorer.quantity, "value", "strain"),
                                         setattr(explorer.band_box, "value", True)))]
    for name, state in states:
        state()
        assert not _texts_overlapping(explorer.figure), (name, _texts_overlapping(explorer.figure))
        assert explorer.plot.bar_labels[1].get_window_extent().x1 <= explorer.figure.bbox.x1, (name, "cut")


def test_the_blood_flow_lines_over_the_cord_and_roots_say_they_come_from_animal_peripheral_nerve():
    explorer = explorers.PostureExplorer()
    for quantity in ("strain", "tension", "strain"):
        explorer.quantity.value = quantity
        texts = [text for text in explorer.plot.tract_ax.texts if text.get_visible()]
        lines = [text for text in texts if text.get_text().startswith("blood flow")]
        source = [text for text in texts if "animal peripheral nerve" in text.get_text()]
        if quantity == "strain":
            assert len(lines) == 2 and len(source) == 1, [text.get_text() for text in texts]
            assert source[0].get_position()[1] > max(line.get_position()[1] for line in lines), "above the lines"
        else:
            assert not lines and not source, "no flow lines on the tension axis"
