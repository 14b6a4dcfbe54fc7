"""The generator of the clinic's website: a MkDocs plugin, Markdown components,
checks and the publishing step. It holds no clinic content: the site's facts
and pages live in mkdocs.yml and docs/.

Where things live:
- plugin.py     the MkDocs plugin (`plugins: - clinic`): checks and publishing in every build
- config.py     reads the site's config through MkDocs, and the line of each key
- facts.py      the clinic facts: one schema, the sample values, their check
- formats.py    how each fact is worded for people (one Jinja twin in overrides/partials/clinic.html)
- checks.py     the rules pages must pass, one function each (schema.py: the front matter)
- components/   the Markdown components staff write (`/// name` blocks)
- publish.py    headers, policy, redirects and robots.txt (also a command)
- modes.py      which build mode is running (preview, production, test) and "today"
- problems.py   the Problem record every check returns
- reviewers.py, scaffold.py   the commands that edit pages for staff
"""
