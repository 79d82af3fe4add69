"""Named checkpoints between the pipeline's stages, where fault tests stop the process.

``checkpoint(name)`` does nothing unless the environment variable ``O2C_FAULT`` names that
checkpoint: then the process ends at once (exit status 75), as a power cut would, without
cleanup. The crash tests run ``o2c`` in a subprocess with it set, then check that a new run
finishes the work without loss and without posting twice.
"""

from __future__ import annotations

import os

CHECKPOINTS = ("archived", "parsed", "posted", "acked", "queued", "sent")


def checkpoint(name: str) -> None:
    if os.environ.get("O2C_FAULT") == name:
        os._exit(75)
