"""presscorpus: scraped news pages in, a versioned Hugging Face dataset out.

Reading order for a newcomer: ``doc.py`` (the record), ``stage.py`` (the contract every
stage follows), ``stages/`` (one module per stage, in pipeline order), ``build.py``
(wires them together), ``package.py`` (writes a release).
"""

__version__ = "0.1.0"
