"""Build-time code of the clinic's website: build modes, clinic facts, checks.

Where things live:
- modes.py      which build mode is running (preview, production, test) and "today"
- problems.py   the Problem record every check returns, and how problems are printed
- facts.py      reads and checks the clinic facts in mkdocs.yml
- mkdocs_hooks.py  runs the checks during `mkdocs build`
"""
