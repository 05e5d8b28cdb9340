"""Qt item models over the station's data: column constants, custom roles, no I/O in data()."""
