"""Exchange generations: the axis of the design.

Each generation's model, routing and rules sit together in a package of their own here
(`exchange40_55` for Exchange 4.0–5.5); everything outside `generations/` (loading, schema,
address syntax, findings, suppressions, baseline, fixes, reports) is shared by all of them.
"""
