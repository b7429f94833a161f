"""Capturing a news release: the review dialog, its ways in (menu, paste, drop) and saving."""
