"""Evaluation on benchmark pages kept outside the repository (paths are arguments).

``pages`` loads benchmark files and fixes the dev/holdout split, ``metric`` scores
extracted text, ``render`` turns HTML into text dumps with several real renderers.
"""
