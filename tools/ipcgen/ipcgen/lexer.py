"""Tokens of the interface language: identifiers, integers, strings, punctuation."""

import re

from .errors import IpcError, Pos

KEYWORDS = {"namespace", "import", "enum", "interface", "call", "event", "raises"}

# Longest first: "->" before "-".
PUNCTUATION = ["->", ";", ":", ",", ".", "=", "{", "}", "(", ")", "<", ">", "[", "]", "-"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT = re.compile(r"0[xX][0-9A-Fa-f]+|[0-9]+")


class Token:
    """kind: 'ident', 'keyword', 'int', 'string', a punctuation string, or 'end'."""

    __slots__ = ("kind", "text", "value", "pos")

    def __init__(self, kind, text, value, pos):
        self.kind, self.text, self.value, self.pos = kind, text, value, pos

    def describe(self):
        if self.kind == "end":
            return "end of file"
        if self.kind == "string":
            return "string %s" % self.text
        return "'%s'" % self.text


def tokenize(text, filename):
    """The tokens of `text`, ending with an 'end' token. Comments: // to the end of the line."""
    tokens = []
    i, line, line_start = 0, 1, 0
    while True:
        while i < len(text):
            if text[i] == "\n":
                line, line_start = line + 1, i + 1
                i += 1
            elif text[i] in " \t\r":
                i += 1
            elif text.startswith("//", i):
                while i < len(text) and text[i] != "\n":
                    i += 1
            else:
                break
        pos = Pos(filename, line, i - line_start + 1)
        if i >= len(text):
            tokens.append(Token("end", "", None, pos))
            return tokens
        m = _IDENT.match(text, i)
        if m:
            word = m.group()
            tokens.append(Token("keyword" if word in KEYWORDS else "ident", word, None, pos))
            i = m.end()
            continue
        m = _INT.match(text, i)
        if m:
            if _IDENT.match(text, m.end()):
                raise IpcError(pos, "malformed number '%s%s'" % (
                    m.group(), _IDENT.match(text, m.end()).group()))
            tokens.append(Token("int", m.group(), int(m.group(), 0), pos))
            i = m.end()
            continue
        if text[i] == '"':
            end = text.find('"', i + 1)
            newline = text.find("\n", i + 1)
            if end < 0 or (0 <= newline < end):
                raise IpcError(pos, "unterminated string")
            tokens.append(Token("string", text[i:end + 1], text[i + 1:end], pos))
            i = end + 1
            continue
        for p in PUNCTUATION:
            if text.startswith(p, i):
                tokens.append(Token(p, p, None, pos))
                i += len(p)
                break
        else:
            raise IpcError(pos, "unexpected character '%s'" % text[i])
