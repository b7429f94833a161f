"""Qt user interface: windows, dialogs, item models and charts over the ``tracker`` services."""
