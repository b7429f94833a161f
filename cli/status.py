"""The command line's exit statuses, in one place for every command."""

EXIT_OK = 0
#: Input refused or database unusable (nothing written); for ``import``, also rows or parts of
#: rows left out for their problems (the rest went in).
EXIT_REFUSED = 1
EXIT_USAGE = 2
