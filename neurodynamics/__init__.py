"""Sciatic nerve neurodynamics: a calibrated model of the nerve tract from the cervical cord to the foot.

A posture (joint angles in degrees) in, the whole tract's strain (%), excursion (mm) and tension (N) out; an
exercise program through time, with its dose.

The docstrings' examples run as tests; like numpy's, they assume ``import numpy as np``.

Examples
--------
>>> import neurodynamics as nd
>>> s = nd.solve(nd.Posture(hip_flexion=70))   # a straight-leg raise to 70 degrees
>>> s.strain("hip") > 0, s.excursion("thigh") > 0, s.tension("knee") > 0
(True, True, True)
>>> nd.SITES
('cervical_cord', 'conus', 'root', 'hip', 'thigh', 'knee', 'ankle', 'foot')

Three layers, imports pointing one way: ``neurodynamics.model`` (the physics), ``neurodynamics.evidence`` (the
published data and the model against it) and ``neurodynamics.interface`` (figures, explorers, the player).
"""
from .model import dose, dynamics, exercises
from .model.anatomy import SITES
from .model.dynamics import TimeSeries, simulate
from .model.hamstring import hamstring_stretch
from .model.mechanics import ConvergenceError, Model, Solution, solve
from .model.posture import Posture

__all__ = ["SITES", "Posture", "Model", "Solution", "solve", "hamstring_stretch", "ConvergenceError",
           "exercises", "dynamics", "dose", "simulate", "TimeSeries"]
