"""Frozen entry point of the `cax-desk` GUI (PyInstaller runs this file as __main__)."""

import sys

from desktop.app import main

sys.exit(main())
