"""What a .ipc file says, as the parser reads it; the checker resolves names in place."""

INT_TYPES = {
    # name: (C type, bits, signed)
    "u8": ("uint8_t", 8, False),
    "u16": ("uint16_t", 16, False),
    "u32": ("uint32_t", 32, False),
    "u64": ("uint64_t", 64, False),
    "i8": ("int8_t", 8, True),
    "i16": ("int16_t", 16, True),
    "i32": ("int32_t", 32, True),
    "i64": ("int64_t", 64, True),
}


def int_range(name):
    """The smallest and largest value of an integer type."""
    _, bits, signed = INT_TYPES[name]
    if signed:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


class Node:
    def __repr__(self):
        fields = ", ".join("%s=%r" % (k, v) for k, v in vars(self).items() if k != "pos")
        return "%s(%s)" % (type(self).__name__, fields)


class File(Node):
    def __init__(self, path, namespace, imports, decls):
        self.path = path
        self.namespace = namespace  # QName
        self.imports = imports      # [(path string, Pos)]
        self.decls = decls          # [Enum | Interface], in source order


class QName(Node):
    """A dotted name: `a.b.c`."""

    def __init__(self, parts, pos):
        self.parts, self.pos = parts, pos

    def __str__(self):
        return ".".join(self.parts)


class Enum(Node):
    def __init__(self, name, base, members, pos):
        self.name, self.base, self.members, self.pos = name, base, members, pos
        self.file = None  # set by the checker: the File it belongs to


class Member(Node):
    def __init__(self, name, value, pos):
        self.name, self.value, self.pos = name, value, pos  # value None: previous + 1


class Interface(Node):
    def __init__(self, name, base, raises, methods, pos):
        self.name, self.base, self.raises, self.methods, self.pos = (
            name, base, raises, methods, pos)
        self.file = None  # set by the checker; base and raises resolved to objects too
        self.id = None


class Method(Node):
    def __init__(self, kind, name, params, results, raises, label, pos):
        self.kind = kind  # "call" or "event"
        self.name, self.params, self.results, self.raises, self.pos = (
            name, params, results, raises, pos)
        self.label = label     # an explicit label (Label), or None: the interface's id << 16 | n
        self.number = None     # set by the checker: 1, 2, ... in declaration order
        self.interface = None  # the interface declaring it
        self.errors = []       # resolved error enums (the interface's, then the method's)
        self.error_results = []  # resolved: ErrorResults of the errors that carry results


class Raised(Node):
    """One name after `raises`: an error enum, or with `results` one error whose reply carries
    them (a member of enum helios_error, or enum.MEMBER of an error enum)."""

    def __init__(self, name, results):
        self.name, self.results, self.pos = name, results, name.pos


class ErrorResults(Node):
    """An error that carries results, resolved from a Raised with results: `member` of the
    error enum `enum`, or of enum helios_error when enum is None; an error reply with that
    status carries `results` (docs/ipc.md)."""

    def __init__(self, enum, member, results, pos):
        self.enum, self.member, self.results, self.pos = enum, member, results, pos


class Label(Node):
    def __init__(self, value, pos):
        self.value, self.pos = value, pos


class Param(Node):
    def __init__(self, name, type, pos):
        self.name, self.type, self.pos = name, type, pos


# Types. The checker resolves a NamedType to its Enum and a CapType's target.
class IntType(Node):
    def __init__(self, name, pos):
        self.name, self.pos = name, pos


class BoolType(Node):
    def __init__(self, pos):
        self.pos = pos


class NamedType(Node):
    """A name to resolve: an enum (or, wrongly, an interface)."""

    def __init__(self, name, pos):
        self.name, self.pos = name, pos
        self.enum = None  # the checker's resolution


class CapType(Node):
    """cap<target>[count]: target names a kernel object type or an interface; count None for a
    single capability, else the array's largest length."""

    def __init__(self, target, count, pos):
        self.target, self.count, self.pos = target, count, pos
        self.kernel_type = None  # checker: enum helios_cap_type name, e.g. "PAGE"
        self.interface = None    # checker: the Interface (its capability is an endpoint)


class CaddrType(Node):
    """caddr or caddr<target>: a capability address in the caller's cspace, sent as a word (the
    kernel looks it up; nothing is transferred). target, a kernel object type or an interface,
    says what the slot should hold (documentation: only the kernel can look)."""

    def __init__(self, target, pos):
        self.target, self.pos = target, pos
        self.kernel_type = None  # checker: as CapType's, when there is a target


class StructType(Node):
    """struct NAME: a struct of <helios/abi.h> made of 64-bit words, sent as those words in
    order (its size is the C compiler's to know)."""

    def __init__(self, name, pos):
        self.name, self.pos = name, pos


class BufferType(Node):
    """string<n> or bytes<n>: at most n bytes."""

    def __init__(self, kind, size, pos):
        self.kind, self.size, self.pos = kind, size, pos
