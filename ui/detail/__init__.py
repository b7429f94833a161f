"""The detail pane: what is known about the selected record, as HTML."""
