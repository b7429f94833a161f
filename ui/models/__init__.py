"""Qt item models over the services' compact rows."""
