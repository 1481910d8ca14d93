"""The clinical layer of the lessons: the safety screen, precautions, the one symptom-response rule, progression by
irritability, the criteria for a positive neurodynamic test and the diagnostic accuracy of the SLR and the slump.

Every statement carries its source (a key of ``REFERENCES``); where the evidence is expert opinion, it says so.
Published numbers are proportions (sensitivity, specificity: 0 to 1) as the sources report them. No model number
is used here: this module holds what clinicians do, not what the model computes.
"""
from __future__ import annotations

from dataclasses import dataclass

from IPython.display import Markdown


@dataclass(frozen=True)
class Statement:
    """One clinical statement and its source (keys of ``REFERENCES``, joined by '; ')."""

    text: str
    source: str

    def markdown(self) -> str:
        return f"{self.text} *({self.source})*"


@dataclass(frozen=True)
class Accuracy:
    """Diagnostic accuracy of a test as a study reported it: sensitivity and specificity (0-1, 95 % CI if given)."""

    test: str
    target: str
    sensitivity: float
    specificity: float
    sensitivity_ci: tuple[float, float] | None
    specificity_ci: tuple[float, float] | None
    population: str
    source: str


#: The full references behind every statement of this module (key: author-year citation used in the text).
REFERENCES = {
    "Butler 2000": "Butler DS (2000) *The Sensitive Nervous System*. Adelaide: Noigroup Publications.",
    "Shacklock 2005": "Shacklock M (2005) *Clinical Neurodynamics: a new system of musculoskeletal treatment*. "
                      "Edinburgh: Elsevier Butterworth-Heinemann.",
    "Nee & Butler 2006": "Nee RJ, Butler D (2006) Management of peripheral neuropathic pain: integrating "
                         "neurobiology, neurodynamics, and clinical evidence. *Phys Ther Sport* 7(1):36-49. "
                         "doi:10.1016/j.ptsp.2005.10.002",
    "Nee et al. 2012": "Nee RJ, Jull GA, Vicenzino B, Coppieters MW (2012) The validity of upper-limb neurodynamic "
                       "tests for detecting peripheral neuropathic pain. *J Orthop Sports Phys Ther* 42(5):413-424. "
                       "doi:10.2519/jospt.2012.3988",
    "Cook et al. 2007": "Cook C, Hegedus E, Pietrobon R, Goode A (2007) A pragmatic neurological screen for patients "
                        "with suspected cord compressive myelopathy. *Phys Ther* 87(9):1233-1242.",
    "Cook et al. 2010": "Cook C, Brown C, Isaacs R, Roman M, Davis S, Richardson W (2010) Clustered clinical findings "
                        "for diagnosis of cervical spine myelopathy. *J Man Manip Ther* 18(4):175-180.",
    "Greenhalgh et al. 2018": "Greenhalgh S, Finucane L, Mercer C, Selfe J (2018) Assessment and management of cauda "
                              "equina syndrome. *Musculoskelet Sci Pract* 37:69-74. doi:10.1016/j.msksp.2018.06.002",
    "Finucane et al. 2020": "Finucane LM, Downie A, Mercer C, Greenhalgh SM, Boissonnault WG, Pool-Goudzwaard AL, "
                            "Beneciuk JM, Leech RL, Selfe J (2020) International framework for red flags for "
                            "potential serious spinal pathologies. *J Orthop Sports Phys Ther* 50(7):350-372. "
                            "doi:10.2519/jospt.2020.9971",
    "van der Windt et al. 2010": "van der Windt DAWM, Simons E, Riphagen II, Ammendolia C, Verhagen AP, Laslett M, "
                                 "Devillé W, Deyo RA, Bouter LM, de Vet HCW, Aertgeerts B (2010) Physical "
                                 "examination for lumbar radiculopathy due to disc herniation in patients with "
                                 "low-back pain. *Cochrane Database Syst Rev* (2):CD007431. "
                                 "doi:10.1002/14651858.CD007431.pub2",
    "Majlesi et al. 2008": "Majlesi J, Togay H, Ünalan H, Toprak S (2008) The sensitivity and specificity of the "
                           "Slump and the Straight Leg Raising tests in patients with lumbar disc herniation. "
                           "*J Clin Rheumatol* 14(2):87-91.",
    "Kuilart et al. 2005": "Kuilart KE, Woollam M, Barling E, Lucas N (2005) The active knee extension test and "
                           "Slump test in subjects with perceived hamstring tightness. *Int J Osteopath Med* "
                           "8:89-97.",
    "Coppieters & Butler 2008": "Coppieters MW, Butler DS (2008) Do 'sliders' slide and 'tensioners' tension? An "
                                "analysis of neurodynamic techniques and considerations regarding their "
                                "application. *Man Ther* 13:213-221. doi:10.1016/j.math.2006.12.008",
}

#: The one symptom-response rule every lesson, quiz and the guide use (expert opinion: no trial has tested one).
SYMPTOM_RULE = (
    Statement("**Acceptable:** a mild, familiar pull or tingle that eases within seconds of stopping.",
              "Butler 2000; Shacklock 2005"),
    Statement("**Reduce the dose next time** (smaller range, fewer repetitions, a slider) if symptoms linger after "
              "the set, spread, or are worse the next day.", "Butler 2000; Shacklock 2005"),
    Statement("**Stop and reassess** sensation, strength and reflexes if numbness or weakness appears or grows "
              "(signs of lost conduction).", "Nee & Butler 2006"),
    Statement("**Stop and refer urgently** if any screen sign appears.", "Finucane et al. 2020; Cook et al. 2007"),
)

#: Screen for the cervical cord / upper motor neuron before any exercise that flexes the neck or slumps the spine.
CORD_SCREEN = (
    Statement("Lhermitte's sign: an electric shock down the spine or limbs on bending the neck", "Cook et al. 2007"),
    Statement("a change in gait: unsteady, wide-based", "Cook et al. 2007; Cook et al. 2010"),
    Statement("clumsy hands: dropping things, fumbling buttons", "Cook et al. 2007"),
    Statement("brisk reflexes, a Hoffmann sign", "Cook et al. 2007; Cook et al. 2010"),
    Statement("ankle clonus, or an upgoing big toe (Babinski sign)", "Cook et al. 2007; Cook et al. 2010"),
)
CORD_SCREEN_NOTE = Statement(
    "Single tests miss many cases: use the history and a cluster; three of five findings (gait change, Hoffmann, "
    "inverted supinator, Babinski, age over 45) made cord compression much more likely.",
    "Cook et al. 2007; Cook et al. 2010")

#: Screen for cauda equina syndrome: emergency referral, no exercise.
CAUDA_EQUINA_SCREEN = (
    Statement("new bladder or bowel problems", "Greenhalgh et al. 2018"),
    Statement("numbness in the saddle area", "Greenhalgh et al. 2018"),
    Statement("new sexual dysfunction", "Greenhalgh et al. 2018"),
    Statement("sciatica in both legs, or leg weakness that is getting worse",
              "Greenhalgh et al. 2018; Finucane et al. 2020"),
)

#: Do not start neurodynamic exercise (refer, or treat something else first).
CONTRAINDICATIONS = (
    Statement("any screen sign, or another red flag (cancer history, unexplained weight loss, fever, major trauma)",
              "Finucane et al. 2020"),
    Statement("numbness or weakness that is getting worse", "Nee & Butler 2006"),
)
#: Go gently: a slider, a small range, few repetitions, check the response next day (expert opinion).
PRECAUTIONS = (
    Statement("an irritable nerve: symptoms come easily, are strong and settle slowly", "Butler 2000; Shacklock 2005"),
    Statement("recent surgery or injury along the nerve, or lost sensation (a diabetic neuropathy)",
              "Butler 2000; Shacklock 2005"),
    Statement("neck problems, in chin-tuck exercises", "Butler 2000; Cook et al. 2007"),
)

#: Progression from slider to tensioner by irritability (expert opinion; the mechanics of sliders and tensioners
#: were measured in the upper limb of cadavers).
PROGRESSION = (
    Statement("Start an irritable nerve on a **small slider**, away from the range that provokes symptoms.",
              "Butler 2000; Coppieters & Butler 2008"),
    Statement("Progress **one step at a time**, only if the last step left no lingering symptoms: a larger slider, a "
              "slider nearer end range, a small **tensioner**, a larger one.", "Butler 2000; Shacklock 2005"),
    Statement("No trial has compared progressions: expert opinion built on cadaver mechanics.",
              "Coppieters & Butler 2008"),
)

#: What makes a neurodynamic test (SLR, slump) positive.
POSITIVE_TEST = (
    Statement("it reproduces the patient's symptoms, at least in part", "Nee et al. 2012"),
    Statement("**structural differentiation** changes them: a distant movement that loads or unloads the nerve, not "
              "the local muscle (foot or neck in an SLR, neck in the slump)", "Nee et al. 2012; Shacklock 2005"),
    Statement("it differs from the other side: healthy people feel both tests too", "Shacklock 2005; Kuilart et al. 2005"),
)

#: Diagnostic accuracy of the SLR and the slump for lumbar disc herniation with radiculopathy, best sources verified.
ACCURACY = (
    Accuracy("SLR", "disc herniation", 0.92, 0.28, (0.87, 0.95), (0.18, 0.40),
             "surgical populations, pooled", "van der Windt et al. 2010"),
    Accuracy("crossed SLR", "disc herniation", 0.28, 0.90, (0.22, 0.35), (0.85, 0.94),
             "surgical populations, pooled", "van der Windt et al. 2010"),
    Accuracy("slump", "disc herniation on MRI", 0.84, 0.83, None, None, "75 patients", "Majlesi et al. 2008"),
    Accuracy("SLR", "disc herniation on MRI", 0.52, 0.89, None, None, "the same 75", "Majlesi et al. 2008"),
)
ACCURACY_NOTE = Statement(
    "Thin evidence: few slump studies, almost none in primary care (where tests were more specific, less "
    "sensitive); reference standards differ (surgery, imaging); reports of the slump study disagree on "
    "which specificity (0.83 or 0.89) belongs to which test.", "van der Windt et al. 2010; Majlesi et al. 2008")


def _bullets(statements: tuple[Statement, ...]) -> str:
    return "\n".join(f"- {s.markdown()}" for s in statements)


def sources_of(statements: tuple[Statement, ...]) -> str:
    """The sources of a block of statements, each once, in order of first use."""
    seen: list[str] = []
    for statement in statements:
        seen += [key for key in statement.source.split("; ") if key not in seen]
    return "; ".join(seen)


def _block(title: str, statements: tuple[Statement, ...]) -> str:
    """A titled list whose sources are given once, after the title."""
    items = "; ".join(s.text for s in statements)
    return f"**{title}** *({sources_of(statements)})*: {items}."


def symptom_rule_markdown() -> str:
    """The one symptom-response rule as Markdown bullets, each with its source."""
    return ("**The symptom rule** (the same in every lesson; expert opinion, untested in trials):\n"
            + _bullets(SYMPTOM_RULE))


def safety_screen_markdown() -> str:
    """The screen before any neurodynamic exercise (cord / upper motor neuron, cauda equina), contraindications
    and precautions, as Markdown; each block names its sources."""
    return "\n".join([
        "- " + _block("Cord and upper motor neuron", CORD_SCREEN) + f" {CORD_SCREEN_NOTE.text}",
        "- " + _block("Cauda equina (same-day emergency referral)", CAUDA_EQUINA_SCREEN),
        "- " + _block("Do not start", CONTRAINDICATIONS),
        "- " + _block("Go gently (expert opinion)", PRECAUTIONS)])


def progression_markdown() -> str:
    """Progression from slider to tensioner by irritability, as Markdown bullets with sources."""
    return _bullets(PROGRESSION)


def positive_test_markdown() -> str:
    """The three criteria of a positive neurodynamic test, as Markdown bullets with sources."""
    return "A neurodynamic test is **positive** when:\n" + _bullets(POSITIVE_TEST)


def _ci(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f" ({interval[0]:.2f}-{interval[1]:.2f})"


def accuracy_markdown() -> str:
    """The diagnostic accuracy table of the SLR and the slump for disc herniation (published values with their
    sources), and where the evidence is thin."""
    rows = ["| test | sensitivity | specificity | in whom |", "|---|---|---|---|"]
    rows += [f"| {a.test} | {a.sensitivity:.2f}{_ci(a.sensitivity_ci)} | {a.specificity:.2f}{_ci(a.specificity_ci)} "
             f"| {a.population} ({a.source}) |" for a in ACCURACY]
    return "\n".join(rows) + f"\n\n{ACCURACY_NOTE.markdown()}"


def show(markdown: str) -> Markdown:
    """Markdown a notebook displays (the text of the functions above)."""
    return Markdown(markdown)


def show_safety_screen() -> Markdown:
    """Display the safety screen before any neurodynamic exercise."""
    return show(safety_screen_markdown())


def show_symptom_rule() -> Markdown:
    """Display the one symptom-response rule."""
    return show(symptom_rule_markdown())


def show_progression() -> Markdown:
    """Display progression from slider to tensioner by irritability."""
    return show(progression_markdown())


def show_test_criteria_and_accuracy() -> Markdown:
    """Display the criteria of a positive neurodynamic test and the accuracy of the SLR and the slump."""
    return show(positive_test_markdown() + "\n\nAccuracy for a lumbar disc herniation:\n\n" + accuracy_markdown())


def references_markdown(keys: tuple[str, ...] | None = None) -> str:
    """Full references (all, or those of ``keys``) as Markdown bullets, in alphabetical order."""
    chosen = sorted(REFERENCES if keys is None else keys)
    return "\n".join(f"- {REFERENCES[key]}" for key in chosen)
