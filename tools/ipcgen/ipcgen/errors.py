"""The one error ipcgen reports: a position in a .ipc file and a message."""


class IpcError(Exception):
    """`file:line:column: message`, the form every compiler error takes."""

    def __init__(self, pos, message):
        super().__init__(message)
        self.pos = pos
        self.message = message

    def __str__(self):
        return "%s: %s" % (self.pos, self.message)


class Pos:
    """A place in a source file (line and column from 1)."""

    __slots__ = ("file", "line", "column")

    def __init__(self, file, line, column):
        self.file, self.line, self.column = file, line, column

    def __str__(self):
        return "%s:%d:%d" % (self.file, self.line, self.column)
