"""Live figures: a figure on its own ipympl canvas that redraws only what moved (blitting), and its PNG copy.

Build a figure once with :func:`make_live_figure`, mark its moving artists with :class:`InPlaceDrawing`, then on
every slider move change those artists (``set_data``, ``set_ydata``, ...) and call ``redraw()``: the cached
background is restored and only the moving artists are drawn and sent. :func:`png_bytes` draws any figure as a
picture (handouts, nbconvert, ``figures/``).
"""
from __future__ import annotations

import dataclasses
import functools
import io
import math
from collections.abc import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .png import PngWriter

OPAQUE = 0xFF000000  # an RGBA pixel read as one little-endian 32-bit number is opaque from here up


def make_live_figure(figsize: tuple[float, float]) -> Figure:
    """A figure on its own ipympl canvas (a widget that updates in place), outside pyplot's figure list.

    Made the same way whatever backend pyplot uses (inline in a lesson, ipympl, or none in plain Python), so
    nothing is displayed automatically and the widgets that hold it decide where it appears.
    """
    figure = Figure(figsize=figsize)
    canvas = live_canvas_class()(figure)
    _ipympl().FigureManager(canvas, 0)  # gives the canvas its image channel (web socket) and toolbar
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    size_canvas(figure)
    return figure


@functools.cache
def _ipympl():
    """ipympl's backend module. Importing it switches pyplot to ipympl, so the backend the user chose is put back:
    static figures drawn later stay as the user chose."""
    backend = matplotlib.get_backend()
    from ipympl import backend_nbagg

    if matplotlib.get_backend() != backend:
        matplotlib.use(backend)
    return backend_nbagg


@functools.cache
def live_canvas_class() -> type:
    """ipympl's canvas widget, sending each new picture as a PNG written by :class:`png.PngWriter` (about fifteen
    times faster than Pillow's, which ipympl uses); made on first use."""

    class LiveCanvas(_ipympl().Canvas):
        def __init__(self, figure: Figure, *args, **kwargs) -> None:
            super().__init__(figure, *args, **kwargs)
            self._writer = PngWriter()
            self._changed = np.zeros((0, 0), dtype=bool)  # which pixels changed since the last picture

        def get_diff_image(self) -> bytes | None:
            """The next picture as PNG bytes, or None if nothing was drawn since the last: only what changed since
            the last picture (the rest transparent), or the whole picture after a resize or a full request, or when
            the figure itself has transparent pixels. The same rule as matplotlib's web canvas, with the buffers
            kept between pictures (see :mod:`.png`)."""
            if not self._png_is_old:
                return None
            pixels = np.asarray(self.get_renderer().buffer_rgba())
            buffer = pixels.view(np.uint32).squeeze(2)  # one number per pixel: compare pixels in one call
            opaque = bool((pixels.view("<u4").squeeze(2) >= OPAQUE).all())  # alpha is the high byte of each pixel
            picture = self._writer.pixels(*buffer.shape)
            if self._force_full or buffer.shape != self._last_buff.shape or not opaque:
                self.set_image_mode("full")
                np.copyto(picture, buffer)
                self._last_buff, self._changed = buffer.copy(), np.empty(buffer.shape, dtype=bool)
            else:
                self.set_image_mode("diff")
                np.not_equal(buffer, self._last_buff, out=self._changed)
                np.multiply(buffer, self._changed, out=picture)  # unchanged pixels: 0, transparent
                np.copyto(self._last_buff, buffer)
            self._force_full = self._png_is_old = False
            return self._writer.png()

    return LiveCanvas


def size_canvas(figure: Figure) -> None:
    """Give the figure's ipympl canvas its size now (CSS pixels), before any browser view exists.

    ipympl sets the size only when the canvas itself is displayed or a view says it is ready; the explorers display
    a box that holds the canvas, so without this the first frame would be 0 x 0 until a kernel round trip. The
    figure manager's ``resize`` is the path ipympl itself takes when a view opens (it sets the canvas's ``_size``
    and tells any open view). Call it again after changing the figure's size in inches.
    """
    width, height = (float(value) for value in figure.bbox.size)
    figure.canvas.manager.resize(width, height)


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
    """Whether a browser view of this ipympl canvas has opened (true for any other canvas).

    Until it opens, nothing should be drawn: ipympl 0.10 would keep that image in a form the browser cannot
    read (no ``data:`` prefix) and the view would stay blank. The view asks for a full draw when it opens.
    """
    return not getattr(canvas, "syncing_data_url", False)


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
        """``extent`` (display pixels, origin bottom left) as the whole pixels that cover it, origin top left (how
        Agg's ``restore_region`` counts), inside the figure."""
        width, height = self.figure.bbox.width, self.figure.bbox.height
        x0, y0, x1, y1 = extent.extents
        return (max(0, math.floor(x0)), max(0, math.floor(height - y1)),
                min(math.ceil(width), math.ceil(x1)), min(math.ceil(height), math.ceil(height - y0)))

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
