"""When a partnership's review is overdue, for the wizard's screens.

The rule is the store's (store.schedule, which the CLI's `due` and the
reports use too); the screens may import only the store's errors, so they
reach it here. Only dates: the home screen asks this before anything heavy
is imported.
"""

from store.schedule import days_overdue as days_overdue
from store.schedule import is_overdue as is_overdue
from store.schedule import overdue_count as overdue_count
