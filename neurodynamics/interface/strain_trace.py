"""Strain (%) against time (s) at one site through a whole program, with a cursor that moves in place."""
from __future__ import annotations

import matplotlib

from ..model.dynamics import TimeSeries
from .flow_lines import HALF_PCT, mark_flow_lines
from .live import InPlaceDrawing, make_live_figure
from .style import LIVE_WIDTH_IN, OKABE_ITO, PRESENTER_PT, PRESENTER_SCALE, SITE_LABELS, TRACE_PT


class StrainTrace:
    """Strain (%) against time (s) at one site on its own live canvas, with a cursor that blits in place."""

    def __init__(self, presenter: bool = False) -> None:
        scale = PRESENTER_SCALE if presenter else 1.0
        self.font_size = PRESENTER_PT if presenter else TRACE_PT
        with matplotlib.rc_context({"font.size": self.font_size}):
            self.figure = make_live_figure((LIVE_WIDTH_IN * scale, 2.4 * scale))
            self.ax = self.figure.add_subplot()
            self.ax.tick_params(labelsize=self.font_size)  # ticks made later keep this size
            (self.line,) = self.ax.plot([], [], color=OKABE_ITO[0], linewidth=2)
            mark_flow_lines(self.ax, short=True, fontsize=self.font_size)
            self.cursor = self.ax.axvline(0.0, color="0.35", linewidth=1)
            (self.marker,) = self.ax.plot([], [], "o", color=OKABE_ITO[5], markersize=9, zorder=3)
            self.ax.set_xlabel("time (s)")
            self.ax.set_ylabel("strain (%)")
            self.ax.set_title("Strain at the hip through the program", fontsize=self.font_size)
            self.figure.tight_layout()
        self.drawing = InPlaceDrawing(self.figure, [self.cursor, self.marker])

    def set_series(self, series: TimeSeries, site: str) -> None:
        """Show ``series`` at ``site`` (a full redraw: the line and the axis limits change)."""
        strain = series.strain(site)
        self.line.set_data(series.t, strain)
        self.ax.set_xlim(0.0, max(float(series.t[-1]), 1.0))
        low, high = min(float(strain.min()), 0.0), max(float(strain.max()), HALF_PCT)
        self.ax.set_ylim(low - 0.5, high + 0.08 * (high - low) + 0.5)
        above = series.summary()["sites"][site]["time_above_8pct_s"]
        where = "below the blood-flow line throughout" if above == 0 else f"{above:.1f} s above the blood-flow line"
        self.ax.set_title(f"Strain at the {SITE_LABELS[site]}: peak {strain.max():.1f} %, {where}",
                          fontsize=self.font_size)
        self.drawing.redraw(full=True)

    def move_cursor(self, t_s: float, strain_pct: float) -> None:
        """Put the cursor at time ``t_s`` (s) and the marker at ``strain_pct`` (%), redrawing only those."""
        self.cursor.set_xdata([t_s, t_s])
        self.marker.set_data([t_s], [strain_pct])
        self.drawing.redraw()
