"""The kernel's message limits (helios/include/helios/abi.h) and what each type takes of them."""

from . import model

MAX_PARAMS = 64        # HELIOS_MSG_MAX_PARAMS: words in a message
REG_PARAMS = 4         # HELIOS_MSG_REG_PARAMS: words that travel in registers
MAX_CAPS = 4           # HELIOS_MSG_MAX_CAPS
MAX_BUFFER = (MAX_PARAMS - 1) * 8  # a string or bytes alone: a length word and 63 words
ERROR_BASE = 256       # error enum values start here: 0-255 belong to enum helios_error
METHOD_MAX = 0xFFFF    # the method number is the label's low 16 bits
C_INT_MIN, C_INT_MAX = -(1 << 31), (1 << 31) - 1  # C enum constants are ints
# Explicit labels: the kernel's, HELIOS_METHOD(type, n) = type << 8 | n with type >= 1. Above
# every status (a reply's label), below every generated label (id << 16 | n, id != 0).
LABEL_MIN, LABEL_MAX = 0x100, 0xFFFF

# enum helios_error but HELIOS_OK, in order from 1: what `raises NAME(...)` may name (C
# spelling HELIOS_ERR_NAME). //helios/ipc:conformance_test checks the list against abi.h.
HELIOS_ERRORS = [
    "NOMEM", "INVALID_CADDR", "INVALID_CSLOT", "ACCESS", "INVALID_PARAM", "WOULD_BLOCK",
    "MISSING_TABLES", "INVALID_SYSCALL", "INVALID_TYPE", "INVALID_METHOD", "MAPPED",
    "NOT_MAPPED", "CSPACE_FULL", "IN_USE", "DELETED", "TIMED_OUT",
]


def words(t):
    """The most words a value of type t takes (a struct of abi.h: none here, its size is the C
    compiler's to check)."""
    if isinstance(t, model.StructType):
        return 0
    if isinstance(t, model.BufferType):
        return 1 + (t.size + 7) // 8
    if isinstance(t, model.CapType):
        return 0 if t.count is None else 1  # an array sends its length
    return 1


def caps(t):
    """The most capabilities a value of type t takes."""
    if isinstance(t, model.CapType):
        return 1 if t.count is None else t.count
    return 0


def is_scalar(t):
    """One word, checked on its own: integers, bools, enums, capability addresses."""
    return isinstance(t, (model.IntType, model.BoolType, model.NamedType, model.CaddrType))


def register_only(params):
    """Whether a parameter list always fits the registers: at most four scalars."""
    return len(params) <= REG_PARAMS and all(is_scalar(p.type) for p in params)
