"""Settings every test run needs, whoever starts pytest: Qt draws offscreen unless told otherwise."""

import os

# Without a display Qt aborts the whole process; `make test` sets this too.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
