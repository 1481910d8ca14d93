"""Sciatic nerve neurodynamics: a calibrated model of the nerve tract from the cervical cord to the foot.

    import neurodynamics as nd
    s = nd.solve(nd.Posture(hip_flexion=70))
    s.strain("hip"), s.excursion("thigh"), s.tension("knee")
"""
from . import exercises
from .anatomy import SITES
from .dynamics import TimeSeries, simulate
from .hamstring import hamstring_stretch
from .mechanics import ConvergenceError, Model, Solution, solve
from .posture import Posture

__all__ = ["SITES", "Posture", "Model", "Solution", "solve", "hamstring_stretch", "ConvergenceError",
           "exercises", "simulate", "TimeSeries"]
