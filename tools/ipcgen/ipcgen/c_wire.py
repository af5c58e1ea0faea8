"""The C statements that put a value into a message and get it back out, one type at a time
(docs/ipc.md, "Wire format"). Used for parameters and results, by client and server alike."""

from . import limits, model
from .c_names import cap_type, enum_valid, scalar_type, struct_words


def put(p, m="ipc_m"):
    """A statement appending parameter p (a variable named as in c_names.declare_in) to m."""
    t, n = p.type, p.name
    if isinstance(t, model.BufferType):
        if t.kind == "string":
            return "ipcgen_put_string(%s, %s, %d);" % (m, n, t.size)
        return "ipcgen_put_bytes(%s, %s, %s_len, %d);" % (m, n, n, t.size)
    if isinstance(t, model.CapType):
        if t.count is None:
            return "ipcgen_put_cap(%s, %s);" % (m, n)
        return "ipcgen_put_caps(%s, %s, %s_count, %d);" % (m, n, n, t.count)
    if isinstance(t, model.StructType):
        return "ipcgen_put_words(%s, %s, %s);" % (m, n, struct_words(t))
    return "ipcgen_put(%s, %s);" % (m, word(t, n))


def word(t, expr):
    """The message word of a scalar: signed values sign-extended, as C converts them."""
    signed = isinstance(t, model.NamedType) or (
        isinstance(t, model.IntType) and model.INT_TYPES[t.name][2])
    return "(uint64_t)(int64_t)(%s)" % expr if signed else "(uint64_t)(%s)" % expr


def get_scalar(t, m="ipc_m"):
    """An expression reading the next word as scalar type t (a range error fails m)."""
    if isinstance(t, model.BoolType):
        return "ipcgen_get_uint(%s, 1) != 0" % m
    if isinstance(t, model.NamedType):
        return "(%s)ipcgen_get_enum(%s, %s)" % (scalar_type(t), m, enum_valid(t.enum))
    if isinstance(t, model.CaddrType):
        return "(helios_caddr_t)ipcgen_get_uint(%s, UINT32_MAX)" % m
    c, bits, signed = model.INT_TYPES[t.name]
    if signed:
        return "(%s)ipcgen_get_int(%s, INT%d_MIN, INT%d_MAX)" % (c, m, bits, bits)
    return "(%s)ipcgen_get_uint(%s, UINT%d_MAX)" % (c, m, bits)


def get(p, m="ipc_m"):
    """(the variable a read of p fills, the expression reading it): p's own name, its length
    (bytes) or its count (arrays); None for a string or a struct, read in place (a struct
    through its pointer, which may be NULL: the words are checked and dropped)."""
    t, n = p.type, p.name
    if isinstance(t, model.StructType):
        return None, "ipcgen_get_words(%s, %s, %s)" % (m, n, struct_words(t))
    if isinstance(t, model.BufferType):
        if t.kind == "string":
            return None, "ipcgen_get_string(%s, %s, %d)" % (m, n, t.size)
        return n + "_len", "ipcgen_get_bytes(%s, %s, %d)" % (m, n, t.size)
    if isinstance(t, model.CapType):
        if t.count is None:
            return n, "ipcgen_get_cap(%s, %s)" % (m, cap_type(t))
        return n + "_count", "ipcgen_get_caps(%s, %s, %d, %s)" % (m, n, t.count, cap_type(t))
    return n, get_scalar(t, m)


def local(p, m="ipc_m", value=True):
    """Declarations of locals named as c_names.args_in/args_out expects; with `value`, filled
    from m, else zeroed (results a handler fills)."""
    t, n = p.type, p.name
    storage = []  # the array behind a string, bytes or a capability array
    if isinstance(t, model.StructType):
        storage = ["struct %s ipc_struct_%s = { 0 };" % (t.name, n),
                   "struct %s *%s = &ipc_struct_%s;" % (t.name, n, n)]
        return storage + (["%s;" % get(p, m)[1]] if value else [])
    if isinstance(t, model.BufferType):
        storage = ["%s %s[%d] = { 0 };" % ("char" if t.kind == "string" else "uint8_t", n,
                                           t.size + (t.kind == "string"))]
        target_type, zero = "size_t", "0"
    elif isinstance(t, model.CapType):
        if t.count is not None:
            storage = ["helios_caddr_t %s[%d] = { 0 };" % (n, t.count)]
        target_type, zero = ("helios_caddr_t", "HELIOS_CADDR_UNDEF") if t.count is None else (
            "unsigned", "0")
    else:
        target_type, zero = scalar_type(t), "(%s)0" % scalar_type(t)
    target, expr = get(p, m)
    if target is None:
        return storage + (["%s;" % expr] if value else [])
    return storage + ["%s %s = %s;" % (target_type, target, expr if value else zero)]


def get_out(p, m="ipc_m"):
    """Statements storing the next value of m through result pointer(s) of c_names.declare_out.
    A scalar's pointer may be NULL: the value is still read and checked."""
    target, expr = get(p, m)
    if target is None:
        return ["%s;" % expr]
    if limits.is_scalar(p.type):
        return ["if (%s)" % target, "\t*%s = %s;" % (target, expr), "else",
                "\t(void)%s;" % expr]
    return ["*%s = %s;" % (target, expr)]



def receive_slots(results):
    """The receive slots of a call's result capabilities: each single one's *pointer, each
    array's elements (its caller hands in count slots)."""
    slots = []
    for p in results:
        if isinstance(p.type, model.CapType):
            if p.type.count is None:
                slots.append("*" + p.name)
            else:
                slots += ["%s[%d]" % (p.name, i) for i in range(p.type.count)]
    return slots


def reg_check(t, expr):
    """A C condition true when register word `expr` is no valid value of scalar type t (for
    the inline register-only clients), or None when every word is valid."""
    if isinstance(t, model.BoolType):
        return "%s > 1" % expr
    if isinstance(t, model.NamedType):
        return "!%s((int64_t)%s)" % (enum_valid(t.enum), expr)
    if isinstance(t, model.CaddrType):
        return "%s > UINT32_MAX" % expr
    _, bits, signed = model.INT_TYPES[t.name]
    if bits == 64:
        return None
    if signed:
        return "(int64_t)%s < INT%d_MIN || (int64_t)%s > INT%d_MAX" % (expr, bits, expr, bits)
    return "%s > UINT%d_MAX" % (expr, bits)
