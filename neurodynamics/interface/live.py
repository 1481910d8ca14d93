"""Live figures: a figure drawn by matplotlib's Agg that redraws only what moved (blitting), shown in the browser by
a small widget of our own (:class:`LivePicture`, an anywidget), and its PNG copy.

Build a figure once with :func:`make_live_figure`, mark its moving artists with :class:`InPlaceDrawing`, then on
every slider move change those artists (``set_data``, ``set_ydata``, ...) and call ``redraw()``: the cached
background is restored, only the moving artists are drawn, and only the pixels that changed go to the browser
(small PNGs of the rectangles that hold them, their other pixels transparent, in one message). :func:`png_bytes`
draws any figure as a picture (handouts, nbconvert, ``figures/``). Only documented APIs: matplotlib's Agg canvas
(``draw``, ``blit``, ``copy_from_bbox``, ``restore_region``, ``buffer_rgba``) and anywidget's (``_esm``, ``_css``,
``send``, ``on_msg``).
"""
from __future__ import annotations

import asyncio
import dataclasses
import io
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import anywidget
import matplotlib.image
import numpy as np
import traitlets
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .png import rgba_png

OPAQUE = 0xFF000000  # an RGBA pixel read as one little-endian 32-bit number is opaque from here up
#: A picture sent and not yet reported drawn by any view counts as lost after this long (s): the next move draws.
DRAWN_TIMEOUT_S = 0.5
#: How far (pixels) an artist clipped to a region may still draw outside it: Agg snaps the clip rectangle to pixel
#: centres, so an antialiased line along an axes' edge touches the row just outside it. Restoring that much more of
#: the background keeps those pixels from being drawn over twice (found by tests/test_live_pictures.py).
LEAK_PX = 1
#: Changed pixels less than this far apart (pixels) go in one rectangle of a diff picture: fewer, slightly bigger
#: pictures (each is decoded on its own in the browser).
GAP_PX = 16


class LivePicture(anywidget.AnyWidget):
    """The browser's view of a live figure: a ``<canvas class="nd-live">`` of ``width`` x ``height`` pixels,
    labelled ``alt``, that draws the PNG pictures its :class:`LiveCanvas` sends as soon as each is decoded."""

    _esm = Path(__file__).with_name("live_picture.js")
    _css = ".nd-live {max-width: 100%; width: auto; height: auto; display: block}"
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    #: Height (CSS px) kept free above the picture in the window: it is at most the window's height less this.
    reserve_px = traitlets.Int(0).tag(sync=True)


class LiveCanvas(FigureCanvasAgg):
    """An Agg canvas whose pictures go to the browser through ``self.picture`` (a :class:`LivePicture`).

    After a full ``draw()`` or a ``blit()`` the pixels that changed since the last picture go out as PNGs of the
    rectangles that hold them (the rest of each transparent), or the whole picture after a view asks for it, a
    resize, or when the figure itself has transparent pixels. Nothing is drawn or sent before a view has asked for
    a picture. A view reports each picture it has drawn; until it does (or ``DRAWN_TIMEOUT_S`` passes)
    :attr:`in_flight` is true, and the callbacks given to :meth:`when_drawn` run once it has been drawn.
    """

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)
        width, height = self.get_width_height()
        self.picture = LivePicture(width=width, height=height)
        self.picture.on_msg(lambda widget, content, buffers: self.receive(content))
        self.viewed = False  # a view has asked for a picture
        self._shown = np.zeros((0, 0), dtype=np.uint32)  # what the views show
        self._changed = np.zeros((0, 0), dtype=bool)
        self._whole_next = True
        self._number = 0  # pictures sent
        self._drawn = 0  # the newest picture a view reported drawn
        self._sent_at = 0.0
        self._when_drawn: list[Callable[[], None]] = []

    # -- matplotlib's canvas API --
    def draw(self) -> None:
        super().draw()
        self.send_picture()

    def blit(self, bbox=None) -> None:
        self.send_picture()

    # -- the browser --
    @property
    def in_flight(self) -> bool:
        """Whether the newest picture sent is still on its way to the screen (not yet reported drawn)."""
        return self._drawn < self._number and time.monotonic() - self._sent_at < DRAWN_TIMEOUT_S

    def when_drawn(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the picture in flight is drawn (at once if none is), or once it counts as lost
        (``DRAWN_TIMEOUT_S`` after it was sent, when an event loop runs, as in a kernel)."""
        if not self.in_flight:
            callback()
            return
        self._when_drawn.append(callback)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # plain Python: no loop runs; the next report or move catches up
            return
        loop.call_later(max(0.0, self._sent_at + DRAWN_TIMEOUT_S - time.monotonic()) + 0.001, self._run_when_drawn)

    def _run_when_drawn(self) -> None:
        if not self.in_flight:
            callbacks, self._when_drawn = self._when_drawn, []
            for callback in callbacks:
                callback()

    def receive(self, content: dict) -> None:
        """A message from a view: "refresh" (a new view wants the whole picture) or "drawn" (picture ``number``
        is on the screen)."""
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "refresh":
            self.viewed, self._whole_next = True, True
            self.draw()
        elif kind == "drawn":
            number = content.get("number")
            if isinstance(number, int) and number > self._drawn:
                self._drawn = number
            self._run_when_drawn()

    def send_picture(self) -> None:
        """Send what changed in the Agg buffer since the last picture (nothing if nothing changed or no view): one
        message with a PNG for each rectangle of changed pixels (:func:`changed_rectangles`), the rest of each
        transparent, or one PNG of the whole picture."""
        if not self.viewed:
            return
        pixels = np.asarray(self.get_renderer().buffer_rgba())
        buffer = pixels.view(np.uint32).squeeze(2)  # one number per pixel: compare pixels in one call
        height, width = buffer.shape
        if (self.picture.width, self.picture.height) != (width, height):
            self.picture.width, self.picture.height = width, height
        full = self._whole_next or buffer.shape != self._shown.shape or not bool((buffer >= OPAQUE).all())
        if full:
            self._shown, self._changed = buffer.copy(), np.empty(buffer.shape, dtype=bool)
            places, pictures = [[0, 0]], [rgba_png(buffer)]
        else:
            np.not_equal(buffer, self._shown, out=self._changed)
            rectangles = changed_rectangles(self._changed)
            if not rectangles:
                return
            places, pictures = [], []
            for x0, y0, x1, y1 in rectangles:
                part = np.s_[y0:y1, x0:x1]
                places.append([x0, y0])
                pictures.append(rgba_png(buffer[part], self._changed[part]))  # unchanged pixels: transparent
                np.copyto(self._shown[part], buffer[part])
        self._whole_next = False
        self._number += 1
        self._sent_at = time.monotonic()
        self.picture.send({"type": "picture", "full": full, "number": self._number, "at": places}, pictures)


def _runs(flags: np.ndarray, gap_px: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of true ``flags``, runs less than ``gap_px`` apart joined."""
    where = np.flatnonzero(flags)
    if where.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(where) > gap_px)
    return list(zip(where[np.r_[0, breaks + 1]].tolist(), (where[np.r_[breaks, where.size - 1]] + 1).tolist()))


def changed_rectangles(changed: np.ndarray, gap_px: int = GAP_PX) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, y0, x1, y1; pixels, origin top left, ends excluded) that together cover every true pixel of
    ``changed`` and little else: the columns with changes split where ``gap_px`` or more columns in a row have
    none, each such band's rows split the same way, each piece cut to its changed columns. A moving line in one
    panel and a bar in another become two small pictures instead of one as big as the figure."""
    rectangles = []
    for x0, x1 in _runs(changed.any(axis=0), gap_px):
        band = changed[:, x0:x1]
        for y0, y1 in _runs(band.any(axis=1), gap_px):
            columns = np.flatnonzero(band[y0:y1].any(axis=0))
            rectangles.append((x0 + int(columns[0]), y0, x0 + int(columns[-1]) + 1, y1))
    return rectangles


def open_view(canvas: LiveCanvas, drawn: bool = True) -> list[tuple[dict, list[bytes]]]:
    """Open a view of ``canvas`` as a browser does, without a browser (tests, benchmarks): it asks for the whole
    picture, and every picture message the canvas sends is recorded (message, its PNGs' bytes, laid at
    ``message["at"]``) in the list returned and, if ``drawn``, reported drawn at once (as a browser that keeps up
    does)."""
    sent: list[tuple[dict, list[bytes]]] = []

    def send(content: dict, buffers=None) -> None:
        sent.append((content, [bytes(buffer) for buffer in buffers]))
        if drawn:
            canvas.receive({"type": "drawn", "number": content["number"]})

    canvas.picture.send = send
    canvas.receive({"type": "refresh"})
    return sent


def shown_after(pictures: Sequence[tuple[dict, Sequence[bytes]]], shown: np.ndarray | None = None) -> np.ndarray:
    """What a view shows (one uint32 per pixel, as Agg's buffer read by :func:`open_view`'s reader) after laying
    ``pictures`` (as :func:`open_view` records them) over ``shown``, as live_picture.js does: a whole picture
    replaces it, each rectangle of a diff is laid at its place, its transparent pixels keeping the old ones."""
    for message, pngs in pictures:
        if message["full"] or shown is None:
            if not message["full"]:
                raise ValueError("a view's first picture is a whole one; got a diff")
            shown = _decoded(pngs[0])
            continue
        shown = shown.copy()
        for (x, y), png in zip(message["at"], pngs, strict=True):
            piece = _decoded(png)
            part = np.s_[y:y + piece.shape[0], x:x + piece.shape[1]]
            shown[part] = np.where(piece != 0, piece, shown[part])
    return shown


def _decoded(png: bytes) -> np.ndarray:
    """An RGBA PNG's pixels, one uint32 each (matplotlib reads a PNG as floats k / 255: exact back to bytes)."""
    rgba = np.round(matplotlib.image.imread(io.BytesIO(png), format="png") * 255).astype(np.uint8)
    return np.ascontiguousarray(rgba).view(np.uint32).squeeze(2)


def make_live_figure(figsize: tuple[float, float]) -> Figure:
    """A figure on its own :class:`LiveCanvas` (its picture widget: ``figure.canvas.picture``), outside pyplot's
    figure list: made the same way whatever backend pyplot uses (inline, or none in plain Python), so nothing is
    displayed automatically and the widgets that hold it decide where it appears. It has its size at once."""
    figure = Figure(figsize=figsize)
    LiveCanvas(figure)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure drawn as PNG bytes, animated artists included (for static copies: handouts, nbconvert)."""
    animated = [artist for artist in figure.findobj() if artist.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        with io.BytesIO() as buffer:
            figure.savefig(buffer, format="png", dpi=figure.dpi, metadata={"Software": None})
            return buffer.getvalue()
    finally:
        for artist in animated:
            artist.set_animated(True)


def browser_connected(canvas) -> bool:
    """Whether a browser view of this live canvas has asked for a picture (true for any other canvas): until then
    nothing needs drawing; the view's first request draws in full."""
    return getattr(canvas, "viewed", True)


@dataclasses.dataclass(frozen=True)
class Region:
    """Moving artists that never draw outside one part of the figure, and that part: ``extent()`` gives it in
    display pixels (origin bottom left) once the figure is laid out (an axes' ``bbox``, for example)."""

    artists: tuple[Artist, ...]
    extent: Callable[[], Bbox]


class InPlaceDrawing:
    """Redraws only the moving artists of a live figure over a cached background (blitting).

    The moving artists come as ``moving`` (the whole figure is one region) or as ``regions`` (parts of the figure
    that do not overlap, each with the moving artists inside it): a redraw then restores and redraws only the
    regions where an artist changed (matplotlib marks a changed artist ``stale``).
    """

    def __init__(self, figure: Figure, moving: Sequence[Artist] = (), regions: Sequence[Region] = ()) -> None:
        if bool(moving) == bool(regions):
            raise ValueError("give the moving artists either as moving or as regions")
        self.figure = figure
        self.regions = list(regions) or [Region(tuple(moving), lambda: figure.bbox)]
        self.moving = [artist for region in self.regions for artist in region.artists]
        for artist in self.moving:
            artist.set_animated(True)
        self._background = None
        figure.canvas.mpl_connect("draw_event", self._on_draw)

    @property
    def full_pending(self) -> bool:
        """Whether the next redraw will be full (no background cached yet, or :meth:`invalidate` called)."""
        return self._background is None

    def invalidate(self) -> None:
        """Something in the background changed (limits, labels, layout): the next redraw is full."""
        self._background = None

    def redraw(self, full: bool = False) -> None:
        """Show the new state: blit the changed regions' artists on the cached background, or draw in full."""
        canvas = self.figure.canvas
        if not browser_connected(canvas):
            return
        if full or self.full_pending:
            canvas.draw()
            return
        changed = [region for region in self.regions if any(artist.stale for artist in region.artists)]
        if not changed:
            return
        for region in changed:
            canvas.restore_region(self._background, bbox=self._pixels(region.extent()), xy=(0, 0))
        for region in changed:
            for artist in region.artists:
                artist.axes.draw_artist(artist)
        canvas.blit(self.figure.bbox)

    def _pixels(self, extent: Bbox) -> tuple[int, int, int, int]:
        """``extent`` (display pixels, origin bottom left) as the whole pixels that cover it and ``LEAK_PX`` more
        on each side, origin top left (how Agg's ``restore_region`` counts), inside the figure."""
        width, height = self.figure.bbox.width, self.figure.bbox.height
        x0, y0, x1, y1 = extent.extents
        return (max(0, math.floor(x0) - LEAK_PX), max(0, math.floor(height - y1) - LEAK_PX),
                min(math.ceil(width), math.ceil(x1) + LEAK_PX), min(math.ceil(height), math.ceil(height - y0) + LEAK_PX))

    def _on_draw(self, event) -> None:
        """After a full draw (first view, resize, axis change): cache the background, draw the moving artists.
        A static copy (:func:`png_bytes`, the moving artists drawn with the rest) is not what the browser shows:
        the cached background is dropped instead, so that the next redraw is full."""
        if not all(artist.get_animated() for artist in self.moving):
            self.invalidate()
            return
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self.moving:
            artist.axes.draw_artist(artist)
