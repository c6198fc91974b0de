"""Keys every dialog shows in its footer.

A modal screen hides the app's own bindings from its footer (Textual stops
the binding chain at the modal), although Ctrl+Q still quits: these make
quitting and help visible, and reachable, from inside a dialog too.
"""

from textual.binding import Binding

DIALOG_BINDINGS = [
    Binding(
        "ctrl+q", "app.quit", "Quit", key_display="^q", id="dialog.quit", tooltip="Save anything pending and leave pwiz"
    ),
    Binding("f1", "app.help", "Help", id="dialog.help", tooltip="Keys, screens and how answers are saved"),
]
