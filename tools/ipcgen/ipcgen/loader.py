"""Reads a .ipc file and, recursively, every file it imports (paths from the root)."""

import os

from .errors import IpcError
from .parser import parse


def read(path, root, pos=None):
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        if pos is None:
            raise
        raise IpcError(pos, "cannot read '%s': %s" % (path, e.strerror))


def load(path, root="."):
    """Every model.File reached from `path`, imports before the files that import them (the
    main file last), and the direct imports of each: {path: [File]}."""
    files = {}     # path -> File, once parsed
    ordered = []
    imports = {}
    stack = []     # paths being loaded: an import of one of them is a cycle

    def visit(p, pos):
        if p in stack:
            cycle = " -> ".join(stack[stack.index(p):] + [p])
            raise IpcError(pos, "import cycle: %s" % cycle)
        if p in files:
            return files[p]
        stack.append(p)
        f = parse(read(p, root, pos), p)
        imports[p] = [visit(ip, ipos) for ip, ipos in f.imports]
        stack.pop()
        files[p] = f
        ordered.append(f)
        return f

    visit(path, None)
    return ordered, imports
