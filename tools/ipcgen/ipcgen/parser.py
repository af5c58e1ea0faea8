"""Recursive descent over the tokens, following the grammar in docs/ipc.md."""

from . import model
from .errors import IpcError
from .lexer import tokenize


class Parser:
    def __init__(self, text, filename):
        self.tokens = tokenize(text, filename)
        self.i = 0
        self.filename = filename

    # ---- Token helpers ----------------------------------------------------------------

    def peek(self):
        return self.tokens[self.i]

    def next(self):
        tok = self.tokens[self.i]
        if tok.kind != "end":
            self.i += 1
        return tok

    def at(self, kind, text=None):
        tok = self.peek()
        return tok.kind == kind and (text is None or tok.text == text)

    def accept(self, kind, text=None):
        if self.at(kind, text):
            return self.next()
        return None

    def expect(self, kind, what=None):
        tok = self.peek()
        if tok.kind != kind:
            raise IpcError(tok.pos, "expected %s, found %s" % (
                what or "'%s'" % kind, tok.describe()))
        return self.next()

    def expect_keyword(self, word):
        tok = self.peek()
        if not (tok.kind == "keyword" and tok.text == word):
            raise IpcError(tok.pos, "expected '%s', found %s" % (word, tok.describe()))
        return self.next()

    def ident(self):
        return self.expect("ident", "a name")

    def qname(self):
        first = self.ident()
        parts = [first.text]
        while self.accept("."):
            parts.append(self.ident().text)
        return model.QName(parts, first.pos)

    def integer(self, what="an integer"):
        return self.expect("int", what)

    # ---- Grammar ----------------------------------------------------------------------

    def file(self):
        self.expect_keyword("namespace")
        namespace = self.qname()
        self.expect(";")
        imports = []
        while self.at("keyword", "import"):
            self.next()
            tok = self.expect("string", "a file name in quotes")
            imports.append((tok.value, tok.pos))
            self.expect(";")
        decls = []
        while not self.at("end"):
            tok = self.peek()
            if self.at("keyword", "enum"):
                decls.append(self.enum())
            elif self.at("keyword", "interface"):
                decls.append(self.interface())
            elif self.at("keyword", "import"):
                raise IpcError(tok.pos, "imports must come before declarations")
            else:
                raise IpcError(tok.pos, "expected 'enum' or 'interface', found %s"
                               % tok.describe())
        return model.File(self.filename, namespace, imports, decls)

    def enum(self):
        pos = self.expect_keyword("enum").pos
        name = self.ident()
        self.expect(":")
        base = self.ident()
        if base.text not in model.INT_TYPES:
            raise IpcError(base.pos, "enum base type must be an integer type (u8-u64, "
                           "i8-i64), not '%s'" % base.text)
        self.expect("{")
        members = [self.member()]
        while self.accept(","):
            if self.at("}"):
                break
            members.append(self.member())
        self.expect("}")
        self.expect(";")
        return model.Enum(name.text, model.IntType(base.text, base.pos), members, pos)

    def member(self):
        name = self.ident()
        value = None
        if self.accept("="):
            negative = self.accept("-")
            value = self.integer().value
            value = -value if negative else value
        return model.Member(name.text, value, name.pos)

    def interface(self):
        pos = self.expect_keyword("interface").pos
        name = self.ident()
        base = self.qname() if self.accept(":") else None
        raises = self.qname() if self.accept("keyword", "raises") else None
        self.expect("{")
        methods = []
        while not self.accept("}"):
            methods.append(self.method())
        self.expect(";")
        return model.Interface(name.text, base, raises, methods, pos)

    def method(self):
        tok = self.peek()
        if not (tok.kind == "keyword" and tok.text in ("call", "event")):
            raise IpcError(tok.pos, "expected 'call', 'event' or '}', found %s"
                           % tok.describe())
        self.next()
        name = self.ident()
        params = self.params()
        results = []
        raises = []
        if tok.text == "call":
            if self.accept("->"):
                results = self.params()
            if self.accept("keyword", "raises"):
                raises.append(self.raised())
                while self.accept(","):
                    raises.append(self.raised())
        elif self.at("->") or self.at("keyword", "raises"):
            raise IpcError(self.peek().pos, "an event has no reply: no results, no errors")
        label = None
        if self.accept("="):
            value = self.integer("a label")
            label = model.Label(value.value, value.pos)
        self.expect(";")
        return model.Method(tok.text, name.text, params, results, raises, label, name.pos)

    def raised(self):
        """An error enum, or an error with the results its reply carries: NAME(results)."""
        name = self.qname()
        return model.Raised(name, self.params() if self.at("(") else None)

    def params(self):
        self.expect("(")
        params = []
        if not self.accept(")"):
            params.append(self.param())
            while self.accept(","):
                params.append(self.param())
            self.expect(")")
        return params

    def param(self):
        name = self.ident()
        self.expect(":")
        return model.Param(name.text, self.type(), name.pos)

    def type(self):
        tok = self.peek()
        if tok.kind != "ident":
            raise IpcError(tok.pos, "expected a type, found %s" % tok.describe())
        if tok.text in model.INT_TYPES:
            self.next()
            return model.IntType(tok.text, tok.pos)
        if tok.text == "bool":
            self.next()
            return model.BoolType(tok.pos)
        if tok.text in ("string", "bytes"):
            self.next()
            self.expect("<")
            size = self.integer("a length")
            self.expect(">")
            return model.BufferType(tok.text, size.value, size.pos)
        if tok.text == "caddr":
            self.next()
            target = None
            if self.accept("<"):
                target = self.qname()
                self.expect(">")
            return model.CaddrType(target, tok.pos)
        if tok.text == "struct":
            self.next()
            return model.StructType(self.ident().text, tok.pos)
        if tok.text == "cap":
            self.next()
            self.expect("<")
            target = self.qname()
            self.expect(">")
            count = None
            if self.accept("["):
                count = self.integer("an array length")
                self.expect("]")
            return model.CapType(target, count and count.value, count.pos if count else tok.pos)
        return model.NamedType(self.qname(), tok.pos)


def parse(text, filename):
    """The model.File of a .ipc file's text; IpcError on a syntax error."""
    return Parser(text, filename).file()
