#!/usr/bin/env python3
"""ipcgen: C clients and servers from .ipc interface files (README.md, docs/ipc.md)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ipcgen.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
