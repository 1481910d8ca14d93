"""Static figures: pictures for the lessons, handouts and ``figures/``, made one way.

Every static figure is a matplotlib :class:`~matplotlib.figure.Figure` on its own Agg canvas (the Figure API, no
pyplot state, no backend switch), wrapped in a :class:`StaticFigure` that a notebook shows as a PNG picture with
alt text, whatever pyplot's backend. Colours are the Okabe-Ito palette; strain and stretch in %, distance in mm,
time in s, sliding in mm.
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
from ..model import parameters as P
from ..model.dynamics import TimeSeries
from ..model.mechanics import Model, default_model
from ..model.posture import Posture
from ..model.strain import strain_pct
from .live import png_bytes
from .style import OKABE_ITO, SITE_LABELS, STATIC_PT, label_axes

#: Stretch beyond the resting length (percent) at which intraneural blood flow halves and stops, with sources.
FLOW_BANDS = (
    (P.HALF_FLOW_STRETCH.value,
     f"+{P.HALF_FLOW_STRETCH.value:g} % beyond resting length: blood flow about halves (rat, Clark et al. 1992, R11)"),
    (P.NO_FLOW_STRETCH.value, f"+{P.NO_FLOW_STRETCH.value:g} %: blood flow nearly stops (rat and rabbit, R12-R13)"),
)


class StaticFigure:
    """A figure that a notebook shows as a PNG picture with alt text, kept out of pyplot.

    Pyplot figures stop appearing inline once an explorer has been built (importing ipympl switches pyplot's
    backend), so lesson figures are drawn on their own Agg canvas and displayed through ``_repr_mimebundle_``
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


def mark_flow_bands(ax: Axes, model: Model, short: bool = False) -> None:
    """Lines where blood flow halves and stops: a fixed stretch beyond each region's resting strain.

    The animal studies stretched nerves from their length in the body, so the thresholds sit above the
    resting strain of each region, which is why the lines step at region boundaries.
    """
    arc = model.solve(Posture()).profile().arc_length_mm
    short_labels = ("blood flow halves", "blood flow stops")
    for (stretch, label), linestyle, short_label in zip(FLOW_BANDS, ("--", ":"), short_labels):
        threshold = strain_pct(stretch, model.resting_strain_pct() / 100.0)
        ax.plot(arc, threshold, color=OKABE_ITO[5], linestyle=linestyle, linewidth=1.5,
                label=short_label if short else label)


def strain_along_tract(postures: Sequence[Posture], labels: Sequence[str], model: Model | None = None,
                       title: str = "Strain along the sciatic tract") -> StaticFigure:
    """One line of strain (%) against distance from the skull (mm) per posture."""
    model = model or default_model()
    fig = new_figure((10, 5.5))
    ax = fig.subplots()
    for index, (posture, label) in enumerate(zip(postures, labels)):
        profile = model.solve(posture).profile()
        ax.plot(profile.arc_length_mm, profile.strain_pct, color=OKABE_ITO[index % len(OKABE_ITO)],
                linewidth=2.5, label=label)
    mark_flow_bands(ax, model)
    mark_sites(ax)
    label_axes(ax, "distance along the tract from the skull (mm)", "nerve strain (%)")
    ax.set_title(title, pad=38)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize="small", frameon=False)
    fig.tight_layout()
    return StaticFigure(fig)


def dose_bars(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
              title: str = "Sliding and stretch along the tract") -> StaticFigure:
    """Two bar charts, a bar per program at each site: total sliding (mm, top) and peak stretch beyond the
    resting length (%, bottom), with the line where blood flow halves in animal nerves (8 %)."""
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    x = np.arange(len(sites))
    width = 0.8 / max(len(series), 1)
    half_flow = P.HALF_FLOW_STRETCH.value
    with matplotlib.rc_context({"font.size": STATIC_PT}):
        fig = new_figure((10, 6), dpi=100)
        top, bottom = fig.subplots(2, 1, sharex=True)
        for index, label in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            colour = OKABE_ITO[index % len(OKABE_ITO)]
            top.bar(x + offset, [summaries[label][s]["sliding_distance_mm"] for s in sites], width, color=colour,
                    label=label)
            bottom.bar(x + offset, [summaries[label][s]["peak_stretch_pct"] for s in sites], width, color=colour)
        bottom.axhline(half_flow, color=OKABE_ITO[5], linestyle="--", linewidth=1.5,
                       label=f"+{half_flow:g} %: blood flow halves (rat nerve, R11)")
        label_axes(top, ylabel="total sliding (mm)", title=title, tick_size=STATIC_PT)
        label_axes(bottom, "site along the tract (head to foot)", "peak stretch beyond\nresting length (%)",
                   tick_size=STATIC_PT)
        bottom.set_ylim(0, max(10.0, bottom.get_ylim()[1]))
        bottom.set_xticks(x, [SITE_LABELS[s] for s in sites])
        top.legend(loc="upper left", fontsize=11, frameon=False, ncol=min(len(series), 3))
        bottom.legend(loc="upper left", fontsize=11, frameon=False)
        fig.tight_layout()
    return StaticFigure(fig)


def stretch_over_time(series: Mapping[str, TimeSeries], sites: Sequence[str], seconds: float = 8.0,
                      title: str = "Stretch at several sites through time",
                      ylim_pct: tuple[float, float] = (-4.0, 9.5)) -> StaticFigure:
    """A panel per program: stretch beyond the resting length (%) against time (s) at ``sites``, for the
    first ``seconds``, with the line where blood flow halves in animal nerves (8 %). Stretch below ``ylim_pct``
    (a nerve much looser than when standing, or slack) runs off the bottom of the axes."""
    half_flow = P.HALF_FLOW_STRETCH.value
    with matplotlib.rc_context({"font.size": STATIC_PT}):
        fig = new_figure((10, 4.6), dpi=100)
        axes = fig.subplots(1, len(series), sharey=True, squeeze=False)
        for ax, (label, ts) in zip(axes[0], series.items()):
            shown = ts.t <= seconds + 1e-9
            for index, site in enumerate(sites):
                ax.plot(ts.t[shown], ts.stretch(site)[shown], color=OKABE_ITO[index % len(OKABE_ITO)],
                        linewidth=2.2, label=SITE_LABELS[site])
            ax.axhline(half_flow, color=OKABE_ITO[5], linestyle="--", linewidth=1.5)
            ax.set_title(label, fontsize="medium")
            label_axes(ax, "time (s)", tick_size=STATIC_PT)
            ax.set_xlim(0, seconds)
        axes[0, 0].set_ylabel("stretch beyond resting length (%)")
        axes[0, 0].text(0.02, half_flow, "  blood flow halves (rat, R11)", va="bottom",
                        color=OKABE_ITO[5], fontsize=11, transform=axes[0, 0].get_yaxis_transform())
        axes[0, -1].legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=11)
        axes[0, 0].set_ylim(*ylim_pct)
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
