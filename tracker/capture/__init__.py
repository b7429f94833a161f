"""Reading news releases: the figures a study, deal or drill-results release states, with sources."""
