"""The command line: ipcgen [--root DIR] --header OUT.h --source OUT.c --server-source OUT.c
FILE.ipc"""

import argparse
import sys

from .c_header import header
from .c_source import source
from .checker import check
from .errors import IpcError
from .loader import load


def compile_file(path, root="."):
    """(header, clients' source, servers' source) of a .ipc file; IpcError on the first error."""
    files, imports = load(path, root)
    check(files, imports)
    main = files[-1]
    return header(main, imports[main.path]), source(main, "clients"), source(main, "servers")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="ipcgen", description="C code from a .ipc interface file")
    ap.add_argument("file", help="the .ipc file, a path from --root (as imports name files)")
    ap.add_argument("--root", default=".", help="where file and import paths start")
    ap.add_argument("--header", help="write the C header here")
    ap.add_argument("--source", help="write the clients' C source here")
    ap.add_argument("--server-source", help="write the servers' C source here")
    args = ap.parse_args(argv)
    try:
        texts = compile_file(args.file, args.root)
    except IpcError as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print("%s: %s" % (args.file, e.strerror), file=sys.stderr)
        return 1
    for path, text in zip([args.header, args.source, args.server_source], texts):
        if path:
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
    return 0
