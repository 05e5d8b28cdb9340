"""Frozen entry point of the `cax` station command line (PyInstaller runs this file as __main__)."""

import sys

from desktop.cli.main import main

sys.exit(main())
