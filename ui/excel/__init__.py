"""Excel export dialog, import wizard and the File menu actions that open them."""
