"""The interface layer: what a student sees. It imports the model and evidence layers; nothing imports it but the
notebooks, the tests and the benchmarks.

- ``style``: palette, site names, font sizes, colormaps, one axes-labelling helper;
- ``static_figures``: pictures (``StaticFigure``: PNG with alt text) made with matplotlib's Figure API, no pyplot;
- ``evidence_figures``: the evidence lesson's static figures;
- ``live``: live figures on an ipympl canvas that redraw only what moved (blitting);
- ``explorer_figures``: the explorers' live figures;
- ``body``: the stick figure and the nerve's path through it;
- ``dose_text``: dose tables (HTML for widgets, text for lessons);
- ``explorers``: sliders wired to live figures (``PostureExplorer``, ``HoldVsFloss``);
- ``player``: ``ExercisePlayer``, an exercise designed, animated and dosed;
- ``figure_files``: writes ``figures/`` (``python -m neurodynamics.interface.figure_files``).
"""
