"""C names and types of the generated code: one place decides every spelling."""

from . import model


def ns_prefix(f):
    return "_".join(f.namespace.parts)


def prefix(decl):
    """`io.file` -> io_file: the prefix of everything generated for an enum or interface."""
    return "%s_%s" % (ns_prefix(decl.file), decl.name)


def macro(decl):
    return prefix(decl).upper()


def member(enum, m):
    return "%s_%s" % (macro(enum), m.name.upper())


def enum_valid(enum):
    return prefix(enum) + "_valid"


def enum_name(enum):
    return prefix(enum) + "_name"


def label(method):
    return "%s_%s_LABEL" % (macro(method.interface), method.name.upper())


def function(method, suffix=""):
    return "%s_%s%s" % (prefix(method.interface), method.name, suffix)


def server_struct(iface):
    return "struct %s_server" % prefix(iface)


def header_path(path):
    """The generated header of a .ipc file, as #include names it: "a/b.ipc" -> "a/b.ipc.h"."""
    return path + ".h"


def cap_type(t):
    return "HELIOS_CAP_" + t.kernel_type


def error_constant(er):
    """The C constant of an error that carries results (model.ErrorResults)."""
    if er.enum is None:
        return "HELIOS_ERR_" + er.member
    return "%s_%s" % (macro(er.enum), er.member.upper())


def scalar_type(t):
    if isinstance(t, model.IntType):
        return model.INT_TYPES[t.name][0]
    if isinstance(t, model.BoolType):
        return "bool"
    if isinstance(t, model.CaddrType):
        return "helios_caddr_t"
    return "enum " + prefix(t.enum)


def struct_words(t):
    """The word count of a struct of abi.h, a C constant expression."""
    return "(sizeof(struct %s) / sizeof(uint64_t))" % t.name


def declare(p, out=False):
    """A parameter's C declarations: passed in (the client's caller, a handler, a _reply
    function get it), or with `out` handed back through pointers (client and handler results)."""
    t, n, ptr, const = p.type, p.name, "*" if out else "", "" if out else "const "
    if isinstance(t, model.BufferType):
        if t.kind == "string":
            return ["%schar *%s" % (const, n)]
        return ["%svoid *%s" % (const, n), "size_t %s%s_len" % (ptr, n)]
    if isinstance(t, model.CapType):
        if t.count is None:
            return ["helios_caddr_t %s%s" % (ptr, n)]
        return ["%shelios_caddr_t *%s" % (const, n), "unsigned %s%s_count" % (ptr, n)]
    if isinstance(t, model.StructType):
        return ["%sstruct %s *%s" % (const, t.name, n)]
    return ["%s %s%s" % (scalar_type(t), ptr, n)]


def declare_in(p):
    return declare(p)


def declare_out(p):
    return declare(p, out=True)


def args_in(p):
    """The argument expressions of declare_in for a variable of the same names."""
    if isinstance(p.type, model.BufferType) and p.type.kind == "bytes":
        return [p.name, p.name + "_len"]
    if isinstance(p.type, model.CapType) and p.type.count is not None:
        return [p.name, p.name + "_count"]
    return [p.name]


def args_out(p):
    """The argument expressions of declare_out for locals declared by c_wire.local (a struct's
    local is a pointer already)."""
    if isinstance(p.type, model.StructType):
        return [p.name]
    if isinstance(p.type, model.BufferType):
        return [p.name] + (["&%s_len" % p.name] if p.type.kind == "bytes" else [])
    if isinstance(p.type, model.CapType) and p.type.count is not None:
        return [p.name, "&%s_count" % p.name]
    return ["&" + p.name]


def all_results(method):
    """What a call hands back: its results, then those of each error it raises with results."""
    return method.results + [p for er in method.error_results for p in er.results]


def handler_signature(method, name):
    """The type of a method's handler, with `name` in the declarator's place."""
    ret = "int" if method.kind == "call" else "void"
    params = ["void *ctx", "const struct ipcgen_request *req"]
    for p in method.params:
        params += declare_in(p)
    for p in all_results(method):
        params += declare_out(p)
    return "%s %s(%s)" % (ret, name, ", ".join(params))


def client_signature(method):
    params = ["helios_caddr_t ep"]
    for p in method.params:
        params += declare_in(p)
    for p in all_results(method):
        params += declare_out(p)
    return "int %s(%s)" % (function(method), ", ".join(params))


def reply_signature(method):
    params = ["helios_caddr_t reply", "int error"]
    for p in all_results(method):
        params += declare_in(p)
    return "int %s(%s)" % (function(method, "_reply"), ", ".join(params))


def put_results_signature(method):
    params = ["struct ipcgen_message *ipc_m", "int ipc_status"]
    for p in all_results(method):
        params += declare_in(p)
    return "static void %s(%s)" % (function(method, "_put_results"), ", ".join(params))


def raises(method):
    """The predicate of the method's declared errors, or NULL."""
    return function(method, "_raises") if method.errors else "NULL"
