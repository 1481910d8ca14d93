"""Live figures: a figure on its own ipympl canvas that redraws only what moved (blitting), and its PNG copy.

Build a figure once with :func:`make_live_figure`, mark its moving artists with :class:`InPlaceDrawing`, then on
every slider move change those artists (``set_data``, ``set_ydata``, ...) and call ``redraw()``: the cached
background is restored and only the moving artists are drawn and sent. :func:`png_bytes` draws any figure as a
picture (handouts, nbconvert, ``figures/``).
"""
from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure


def make_live_figure(figsize: tuple[float, float]) -> Figure:
    """A figure on its own ipympl canvas (a widget that updates in place), outside pyplot's figure list.

    Made the same way whatever backend pyplot uses (inline in a lesson, ipympl, or none in plain Python), so
    nothing is displayed automatically and the widgets that hold it decide where it appears.
    """
    backend = matplotlib.get_backend()
    from ipympl.backend_nbagg import Canvas, FigureManager  # importing ipympl switches pyplot to it ...

    if matplotlib.get_backend() != backend:
        matplotlib.use(backend)  # ... so switch back: static figures drawn later stay as the user chose
    figure = Figure(figsize=figsize)
    canvas = Canvas(figure)
    FigureManager(canvas, 0)  # gives the canvas its image channel (web socket) and toolbar
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    size_canvas(figure)
    return figure


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


class InPlaceDrawing:
    """Redraws only the moving artists of a live figure over a cached background (blitting)."""

    def __init__(self, figure: Figure, moving: Sequence) -> None:
        self.figure, self.moving = figure, list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        self._background = None
        figure.canvas.mpl_connect("draw_event", self._on_draw)

    def redraw(self, full: bool = False) -> None:
        """Show the new state: blit the moving artists on the cached background, or draw in full."""
        canvas = self.figure.canvas
        if not browser_connected(canvas):
            return
        if full or self._background is None:
            canvas.draw()
            return
        canvas.restore_region(self._background)
        for artist in self.moving:
            artist.axes.draw_artist(artist)
        canvas.blit(self.figure.bbox)

    def _on_draw(self, event) -> None:
        """After a full draw (first view, resize, axis change): cache the background, draw the moving artists."""
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self.moving:
            artist.axes.draw_artist(artist)
