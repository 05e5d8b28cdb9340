"""`cax`, the station command line: set-up and administration before (and beside) the GUI."""
