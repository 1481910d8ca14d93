"""The model layer: the sciatic tract as one cable, headless and fast (numpy and scipy only).

Posture (angles, deg) -> anatomy (regions, sites, nerve bed, mm) -> tension law (N) -> mechanics (static
equilibrium: strain %, excursion mm, tension N) -> exercises (programs through time, s) -> dynamics
(viscoelasticity, blood flow, hamstring) -> dose (what a program does to the nerve). Every number lives in
``parameters`` with its unit and source. Nothing here imports the evidence or interface layers.
"""
