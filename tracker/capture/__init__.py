"""Reading news releases: the figures a study, deal or drill release states, with sources."""
