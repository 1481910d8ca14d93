"""The interface layer: what a student sees. It imports the model and evidence layers; nothing imports it but the
notebooks, the tests and the benchmarks.

- ``style``: palette, site names, font sizes, colormaps, one axes-labelling helper;
- ``static_figures``: pictures (``StaticFigure``: PNG with alt text) made with matplotlib's Figure API, no pyplot;
- ``evidence_figures``: the evidence lesson's static figures;
- ``flow_lines``: the flat blood-flow lines (8 %, 15 %, the estimated part shaded) and the strain axis;
- ``live``: live figures drawn by Agg that redraw only what moved (blitting), shown by a small widget of our own;
- ``explorer_figures``: the explorers' live figures;
- ``body``: the stick figure and the nerve's path through it;
- ``compare``: pin and compare, the change in hamstring and nerve since a reference posture;
- ``tether``: the tether control's strengths and what a tether means, in words;
- ``sentences``: the one sentence under each explorer (aria-live);
- ``controls``: sliders, dropdowns, rows and figures sized to fit a laptop (1280 px, file browser open);
- ``dose_text``: dose tables (HTML for widgets, text for lessons);
- ``explorers``: sliders wired to live figures (``PostureExplorer``, ``HoldVsFloss``);
- ``player``: ``ExercisePlayer``, an exercise designed, animated and dosed;
- ``figure_files``: writes ``figures/`` (``python -m neurodynamics.interface.figure_files``).
"""
