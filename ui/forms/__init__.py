"""Record forms: fields, pickers, and the dialogs that add and edit each kind of record."""
