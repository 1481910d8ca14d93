"""The evidence layer: the published measurements shipped with the package and the model held against them.

``reference`` reads the data files, ``validation`` compares the model with every calibration row, ``sensitivity``
changes one parameter at a time, ``tables`` writes the Markdown tables of the evidence lesson. It imports the
model layer, never the interface.
"""
