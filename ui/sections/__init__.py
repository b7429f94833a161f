"""The window's sections: a searchable, filterable list with a detail pane each."""
