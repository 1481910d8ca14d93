"""Lesson 01, the nerve tract: the code cells' helpers. The tract's regions (mm from the skull), the resting
tension (N), sliding relative to the bed (mm, + toward the head) and a nerve tied down at one site."""
from __future__ import annotations

import matplotlib

import neurodynamics as nd
from neurodynamics.evidence.reference import read_rows
from neurodynamics.interface import explorers, static_figures, style
from neurodynamics.interface.lessons.lesson_00 import LESSON_FONTS, explain_choice
from neurodynamics.model import anatomy

SLR = nd.Posture(hip_flexion=70)  # the lesson's straight-leg raise
HALF_SLR = nd.Posture(hip_flexion=50)  # the straight-leg raise of the MRI study of the conus
SLUMP = explorers.PRESETS["slump sitting"][0]
TETHER = 10  # tether strength on the model's scale: 1 is a free nerve, 100 the top of the scale
FIRM_TETHER = 50
PROBE_SITES = ("hip", "thigh", "knee", "ankle")
TETHER_SITES = ("root", "hip", "thigh", "knee", "ankle")
RAT_RETRACTION_ROWS = ("R031", "R032")  # Georgeu et al. 2005: the whole nerve, at once and after 45 min


def regions() -> None:
    """Print the seven regions of the tract, head to foot, with where each starts and ends (mm from the skull)
    and which of the model's eight sites lie in it."""
    for region, (start, end) in zip(anatomy.REGIONS, anatomy.REGION_BOUNDS_MM):
        sites = [style.SITE_LABELS[s] for s in nd.SITES if start <= anatomy.SITE_POSITIONS_MM[s] < end]
        print(f"{region.name:>22}: {start:5.0f} to {end:5.0f} mm from the skull"
              f"{'   sites: ' + ', '.join(sites) if sites else ''}")


def retraction_in_rats() -> None:
    """Print how much fresh rat sciatic nerves shortened when cut (% of length; Georgeu et al. 2005)."""
    rows = {row["id"]: row for row in read_rows("literature_mechanics.csv")}
    for key in RAT_RETRACTION_ROWS:
        row = rows[key]
        print(f"rat sciatic nerve, {row['condition'].replace('whole nerve: ', '')}: {float(row['value']):.1f} %")


def standing_tension() -> None:
    """Print the tension (N) in standing at three sites along the leg, far apart."""
    standing = nd.solve(nd.Posture())
    for site in ("hip", "knee", "foot"):
        print(f"tension when standing at the {style.SITE_LABELS[site]}: {standing.tension(site):.1f} N")


def sliding_in_slr() -> None:
    """Print the excursion (mm, + toward the head) at every site in the straight-leg raise to 70 degrees."""
    raised = nd.solve(SLR)
    for site in nd.SITES:
        slide = raised.excursion(site)
        way = "toward the head" if slide > 0.05 else "toward the feet" if slide < -0.05 else "hardly at all"
        print(f"{style.SITE_LABELS[site]:>10}: {slide:+5.1f} mm  ({way})")


def probe_values() -> dict[str, float]:
    """Sliding (mm, either way) at the leg's sites in the straight-leg raise to 70 degrees."""
    raised = nd.solve(SLR)
    return {site: abs(raised.excursion(site)) for site in PROBE_SITES}


def check_probe_site(choice: str) -> None:
    """Decision 1: where along the leg does the nerve slide farthest in the SLR to 70 degrees? The model answers."""
    explain_choice(choice, probe_values(), "mm of sliding",
                   "A moving joint draws the nerve toward itself, and the nerve slides farthest where it is held "
                   "loosely and a long stretch of nerve below can feed up toward the hip. Right behind the hip "
                   "the nerve is pulled from both sides, and near the anchored foot it hardly moves.")


def tied_down(site: str = "thigh", strength: float = TETHER) -> None:
    """Print strain (%) and sliding (mm) at four sites in the SLR, for a free nerve and one tied down at `site`."""
    free, tied = nd.solve(SLR), nd.Model(entrapment={site: strength}).solve(SLR)
    for where in ("root", "hip", "knee", "ankle"):
        print(f"{style.SITE_LABELS[where]:>6}: strain {free.strain(where):4.1f} -> {tied.strain(where):4.1f} %    "
              f"sliding {free.excursion(where):+5.1f} -> {tied.excursion(where):+5.1f} mm   (free -> tied down)")


@matplotlib.rc_context(LESSON_FONTS)
def tether_figure(site: str = "thigh") -> static_figures.StaticFigure:
    """Strain (%) and sliding (mm) along the tract in the SLR: a free nerve, and tied down at `site` at two
    strengths; the tether is shaded."""
    fig = static_figures.new_figure((10, 6.2))
    fig.set_layout_engine("constrained")
    (top, bottom) = fig.subplots(2, 1, sharex=True)
    for strength, label, colour in ((1, "free nerve", 0), (TETHER, f"tied down, strength {TETHER}", 1),
                                    (FIRM_TETHER, f"tied down, strength {FIRM_TETHER}", 5)):
        line = nd.Model(entrapment={site: strength}).solve(SLR).profile()
        top.plot(line.arc_length_mm, line.strain_pct, color=style.OKABE_ITO[colour], linewidth=2.5, label=label)
        bottom.plot(line.arc_length_mm, line.excursion_mm, color=style.OKABE_ITO[colour], linewidth=2.5)
    centre = anatomy.SITE_POSITIONS_MM[site]
    for ax in (top, bottom):
        ax.axvspan(centre - 20, centre + 20, color="0.75", zorder=0)
    top.set(ylabel="strain (%)", ylim=(0, None))
    top.set_title(f"Tied down at the {style.SITE_LABELS[site]}: strain piles up on the hip side, sliding drops beyond")
    bottom.set(ylabel="excursion (mm)\n+ = toward head", xlabel="site along the tract (roots to forefoot)",
               xlim=(400, 1670))
    sites = list(anatomy.SITE_POSITIONS_MM)[1:]
    bottom.set_xticks([anatomy.SITE_POSITIONS_MM[s] for s in sites], [style.SITE_LABELS[s] for s in sites])
    top.legend(loc="upper right", fontsize=11)
    return static_figures.StaticFigure(fig)


def tether_values() -> dict[str, float]:
    """Extra strain at the hip (% points) in the SLR when a tether sits at each site, against a free nerve."""
    free = nd.solve(SLR).strain("hip")
    return {site: nd.Model(entrapment={site: TETHER}).solve(SLR).strain("hip") - free for site in TETHER_SITES}


def check_tether_site(choice: str) -> None:
    """Decision 2: a tether at which site raises the strain at the hip most in the SLR? The model answers."""
    explain_choice(choice, tether_values(), "% points more strain at the hip",
                   "Strain piles up between the moving joint and the tether: a tether stops the nerve beyond it "
                   "from feeding length toward the hip, so the stretch of nerve between the hip and the tether "
                   "takes more of it. A tether where the nerve barely slides in an SLR changes little.")


def conus_with_roots_tied() -> None:
    """Print the conus's sliding (mm) in a 50-degree SLR, free and with the roots tied down, and the share lost."""
    free = nd.solve(HALF_SLR).excursion("conus")
    tied = nd.Model(entrapment={"root": TETHER}).solve(HALF_SLR).excursion("conus")
    print(f"conus sliding: free {free:+.1f} mm, roots tied down {tied:+.1f} mm "
          f"({100 * (1 - tied / free):.0f} % less in the model; 67 % less in the patients)")


def strain_in_slump() -> None:
    """Print the strain (%) at every site in the slump position, largest first."""
    slumped = nd.solve(SLUMP)
    for site in sorted(nd.SITES, key=slumped.strain, reverse=True):
        print(f"{style.SITE_LABELS[site]:>10}: {slumped.strain(site):4.1f} % beyond its standing length")
