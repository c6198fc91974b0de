"""Questionnaires as data: the schema, the safe condition language, the loader.

No UI and no storage here: a definition is parsed and validated, then handed
to the engine (wizard.engine) which walks it.
"""
