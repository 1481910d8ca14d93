"""Static figures: pictures for the lessons, handouts and ``figures/``, made one way.

Every static figure is a matplotlib :class:`~matplotlib.figure.Figure` on its own Agg canvas (the Figure API, no
pyplot state, no backend switch), wrapped in a :class:`StaticFigure` that a notebook shows as a PNG picture with
alt text, whatever pyplot's backend. Colours are the Okabe-Ito palette; strain in % beyond the nerve's length in
neutral standing, distance in mm, time in s, sliding in mm.
"""
from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence

import matplotlib
import matplotlib.image
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..model import anatomy
from ..model.dynamics import TimeSeries
from ..model.mechanics import Model, default_model
from ..model.posture import Posture
from .flow_lines import FLOW_COLOUR, HALF_PCT, mark_flow_lines
from .live import png_bytes
from .style import OKABE_ITO, SITE_LABELS, STATIC_PT, TICK_PT, label_axes


class StaticFigure:
    """A figure that a notebook shows as a PNG picture with alt text, kept out of pyplot.

    Lesson figures are drawn on their own Agg canvas, whatever pyplot's backend, and displayed through
    ``_repr_mimebundle_``
    (PNG, its alt text, and plain text). ``figure`` is the matplotlib Figure (for further styling);
    ``axes`` and ``savefig`` pass through to it. ``alt`` is the alt text: the figure's title(s) unless given.
    """

    def __init__(self, figure: Figure, alt: str | None = None) -> None:
        self.figure = figure
        self._alt = alt

    @property
    def alt(self) -> str:
        """Alt text: as given, else the figure's title, else its panels' titles joined by "; "."""
        if self._alt:
            return self._alt
        titles = [self.figure.get_suptitle()] + [ax.get_title() for ax in self.figure.axes]
        return "; ".join(" ".join(title.split()) for title in titles if title.strip())

    @property
    def axes(self) -> list[Axes]:
        """The figure's axes."""
        return self.figure.axes

    def savefig(self, *args, **kwargs) -> None:
        """Save the figure (as ``matplotlib.figure.Figure.savefig``)."""
        self.figure.savefig(*args, **kwargs)

    def _repr_png_(self) -> bytes:
        return png_bytes(self.figure)

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        data = {"image/png": base64.b64encode(self._repr_png_()).decode("ascii"), "text/plain": repr(self)}
        return data, {"image/png": {"alt": self.alt}}

    def __repr__(self) -> str:
        title = self.figure.get_suptitle() or self.figure.axes[0].get_title()
        return f"<figure: {title}>"


def new_figure(figsize: tuple[float, float], dpi: float | None = None) -> Figure:
    """An empty figure on its own Agg canvas (``dpi`` None: matplotlib's ``figure.dpi`` setting)."""
    figure = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def mark_sites(ax: Axes) -> None:
    """Vertical guides and labels at the named sites along the tract."""
    for site, position in anatomy.SITE_POSITIONS_MM.items():
        ax.axvline(position, color="0.85", linewidth=1.0, zorder=0)
        ax.text(position, 1.01, SITE_LABELS[site], transform=ax.get_xaxis_transform(), rotation=45,
                ha="left", va="bottom", fontsize="small")


def strain_along_tract(postures: Sequence[Posture], labels: Sequence[str], model: Model | None = None,
                       title: str = "Strain along the sciatic tract") -> StaticFigure:
    """One line of strain (%) against distance from the skull (mm) per posture, with the blood-flow lines."""
    model = model or default_model()
    fig = new_figure((10, 5.5))
    ax = fig.subplots()
    for index, (posture, label) in enumerate(zip(postures, labels)):
        profile = model.solve(posture).profile()
        ax.plot(profile.arc_length_mm, profile.strain_pct, color=OKABE_ITO[index % len(OKABE_ITO)],
                linewidth=2.5, label=label)
    mark_flow_lines(ax)
    mark_sites(ax)
    label_axes(ax, "distance along the tract from the skull (mm)", "nerve strain (%)")
    ax.set_title(title, pad=38)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize="small", frameon=False)
    fig.tight_layout()
    return StaticFigure(fig)


def dose_bars(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
              title: str = "Sliding and strain along the tract") -> StaticFigure:
    """Two bar charts, a bar per program at each site: total sliding (mm, top) and peak strain (%, bottom), with
    the line where blood flow halves in animal nerves (8 %)."""
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    x = np.arange(len(sites))
    width = 0.8 / max(len(series), 1)
    with matplotlib.rc_context({"font.size": STATIC_PT}):
        fig = new_figure((10, 6), dpi=100)
        top, bottom = fig.subplots(2, 1, sharex=True)
        for index, label in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            colour = OKABE_ITO[index % len(OKABE_ITO)]
            top.bar(x + offset, [summaries[label][s]["sliding_distance_mm"] for s in sites], width, color=colour,
                    label=label)
            bottom.bar(x + offset, [summaries[label][s]["peak_strain_pct"] for s in sites], width, color=colour)
        bottom.axhline(HALF_PCT, color=FLOW_COLOUR, linestyle="--", linewidth=1.5,
                       label=f"{HALF_PCT:g} % strain: blood flow halves (rat nerve)")
        label_axes(top, ylabel="total sliding (mm)", title=title, tick_size=STATIC_PT)
        label_axes(bottom, "site along the tract (head to foot)", "peak strain (%)", tick_size=STATIC_PT)
        low, high = bottom.get_ylim()
        bottom.set_ylim(min(0.0, low), max(10.0, high))
        bottom.set_xticks(x, [SITE_LABELS[s] for s in sites])
        top.legend(loc="upper left", fontsize=11, frameon=False, ncol=min(len(series), 3))
        bottom.legend(loc="upper left", fontsize=11, frameon=False)
        fig.tight_layout()
    return StaticFigure(fig)


def strain_over_time(series: Mapping[str, TimeSeries], sites: Sequence[str], seconds: float = 8.0,
                     title: str = "Strain at several sites through time") -> StaticFigure:
    """A panel per program: strain (%) against time (s) at ``sites``, for the first ``seconds``, with the
    blood-flow lines (8 % and 15 %, the estimated part of the flow curve shaded); slack sites stay on the chart
    (the axis reaches their slack point)."""
    with matplotlib.rc_context({"font.size": STATIC_PT}):
        fig = new_figure((10, 4.6), dpi=100)
        axes = fig.subplots(1, len(series), sharey=True, squeeze=False)
        for ax, (label, ts) in zip(axes[0], series.items()):
            shown = ts.t <= seconds + 1e-9
            for index, site in enumerate(sites):
                ax.plot(ts.t[shown], ts.strain(site)[shown], color=OKABE_ITO[index % len(OKABE_ITO)],
                        linewidth=2.2, label=SITE_LABELS[site])
            ax.set_title(label, fontsize="medium")
            label_axes(ax, "time (s)", tick_size=STATIC_PT)
            ax.set_xlim(0, seconds)
        low, high = axes[0, 0].get_ylim()  # the lines of every panel, before the flow lines widen the axis
        for ax in axes[0]:
            mark_flow_lines(ax, short=True, fontsize=TICK_PT)
        axes[0, 0].set_ylabel("strain (%)")
        axes[0, -1].legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=11)
        axes[0, 0].set_ylim(low - 0.5, max(high, HALF_PCT) + 1.0)
        fig.suptitle(title)
        fig.tight_layout()
    return StaticFigure(fig)


def stacked_png(figures: Sequence[Figure]) -> bytes:
    """The figures drawn one above the other as one PNG (white where widths differ)."""
    images = [matplotlib.image.imread(io.BytesIO(png_bytes(figure)), format="png") for figure in figures]
    images = [image if image.shape[2] == 4 else np.dstack([image, np.ones(image.shape[:2])]) for image in images]
    width = max(image.shape[1] for image in images)
    padded = [np.pad(image, ((0, 0), (0, width - image.shape[1]), (0, 0)), constant_values=1.0) for image in images]
    with io.BytesIO() as buffer:
        matplotlib.image.imsave(buffer, np.vstack(padded), format="png", metadata={"Software": None})
        return buffer.getvalue()
