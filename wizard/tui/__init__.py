"""The Textual TUI: `pwiz` with no arguments.

`app.py` holds the thin App (styles, global keys, command palette, signals);
each screen lives in `screens/`, reusable widgets in `widgets/`. Screens act
only through `wizard.service.Governance`, never on the store directly for
anything Governance offers.
"""
