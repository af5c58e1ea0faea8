"""Resolves names and checks every rule of docs/ipc.md that the grammar cannot express."""

from . import limits, model
from .errors import IpcError
from .fnv import fnv1a32

# Names of enum helios_cap_type a cap<> may name (the capability's kernel object type).
KERNEL_TYPES = [
    "memory", "device_memory", "cspace", "vspace", "task", "endpoint", "notification",
    "reply", "asid_control", "asid_pool", "pdpt", "pd", "pt", "page", "io_control", "io_port",
    "irq_control", "irq_handler", "console",
]

C_KEYWORDS = set("""auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static struct
switch typedef union unsigned void volatile while bool true false _Bool _Complex _Imaginary
_Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert _Thread_local""".split())

# Names the generated functions use for their own parameters.
RESERVED_PARAMS = {"ep", "ctx", "req", "reply", "error"}
# Method names whose functions would clash with the generated ones of the interface.
RESERVED_METHODS = {"dispatch", "serve", "server"}
RESERVED_METHOD_SUFFIXES = ("_reply", "_fn", "_handle", "_raises", "_put_results")


def qualified(decl):
    return "%s.%s" % (decl.file.namespace, decl.name)


class Scope:
    """The declarations a file can name: its own, unqualified or qualified, and those of its
    direct imports, qualified (or unqualified when they share the file's namespace)."""

    def __init__(self, f, imported):
        self.ns = str(f.namespace)
        self.names = {}
        for g in [f] + imported:
            for d in g.decls:
                self.names["%s.%s" % (g.namespace, d.name)] = d

    def find(self, qname):
        text = str(qname)
        return self.names.get(text) or self.names.get("%s.%s" % (self.ns, text))

    def enum(self, qname, what):
        d = self.find(qname)
        if d is None:
            raise IpcError(qname.pos, "unknown %s '%s'" % (what, qname))
        if not isinstance(d, model.Enum):
            raise IpcError(qname.pos, "'%s' is an interface, not an enum" % qname)
        return d

    def interface(self, qname):
        d = self.find(qname)
        if d is None:
            raise IpcError(qname.pos, "unknown interface '%s'" % qname)
        if not isinstance(d, model.Interface):
            raise IpcError(qname.pos, "'%s' is an enum, not an interface" % qname)
        return d


def check_file_names(f):
    seen = {}
    for d in f.decls:
        d.file = f
        if d.name in seen:
            raise IpcError(d.pos, "'%s' is already declared at %s" % (d.name, seen[d.name]))
        seen[d.name] = d.pos


def check_enum(e):
    lo, hi = model.int_range(e.base.name)
    names, values = {}, {}
    value = -1
    for m in e.members:
        value = value + 1 if m.value is None else m.value
        m.value = value
        key = m.name.upper()  # the C constant is upper case
        if key in names:
            raise IpcError(m.pos, "duplicate enum member '%s'" % m.name)
        if not lo <= value <= hi:
            raise IpcError(m.pos, "value %d of '%s' does not fit %s" % (value, m.name, e.base.name))
        if not limits.C_INT_MIN <= value <= limits.C_INT_MAX:
            raise IpcError(m.pos, "value %d of '%s' is outside the range of a C int"
                           % (value, m.name))
        if value in values:
            raise IpcError(m.pos, "'%s' has the value %d of '%s'" % (m.name, value, values[value]))
        names[key], values[value] = m.pos, m.name


def check_error_enum(e, pos):
    for m in e.members:
        if m.value < limits.ERROR_BASE:
            raise IpcError(pos, "error enum '%s': '%s' = %d is below %d (0-255 are enum "
                           "helios_error's)" % (e.name, m.name, m.value, limits.ERROR_BASE))
    return e


def kernel_type(target, scope, what):
    """The enum helios_cap_type name of cap<target> or caddr<target>: a kernel object type, or
    an interface (whose capability is an endpoint)."""
    name = str(target)
    if name in KERNEL_TYPES:
        return name.upper()
    if not isinstance(scope.find(target), model.Interface):
        raise IpcError(target.pos, "%s<%s>: not a kernel object type or an interface"
                       % (what, name))
    return "ENDPOINT"


def check_type(t, scope):
    if isinstance(t, model.NamedType):
        d = scope.find(t.name)
        if d is None:
            raise IpcError(t.pos, "unknown type '%s'" % t.name)
        if isinstance(d, model.Interface):
            raise IpcError(t.pos, "'%s' is an interface: pass one as cap<%s>" % (t.name, t.name))
        t.enum = d
    elif isinstance(t, model.CaddrType):
        if t.target is not None:
            t.kernel_type = kernel_type(t.target, scope, "caddr")
    elif isinstance(t, model.CapType):
        t.kernel_type = kernel_type(t.target, scope, "cap")
        if t.kernel_type == "ENDPOINT" and str(t.target) not in KERNEL_TYPES:
            t.interface = scope.find(t.target)
        if t.count is not None and not 1 <= t.count <= limits.MAX_CAPS:
            raise IpcError(t.pos, "capability array length %d is not 1-%d"
                           % (t.count, limits.MAX_CAPS))
    elif isinstance(t, model.BufferType):
        if not 1 <= t.size <= limits.MAX_BUFFER:
            raise IpcError(t.pos, "%s length %d is not 1-%d" % (t.kind, t.size, limits.MAX_BUFFER))


def check_params(method, params, what, c_names):
    for p in params:
        if p.name in RESERVED_PARAMS or p.name in C_KEYWORDS or p.name.startswith("ipc_"):
            raise IpcError(p.pos, "'%s' is reserved: choose another name" % p.name)
        derived = []
        if isinstance(p.type, model.BufferType) and p.type.kind == "bytes":
            derived = [(p.name + "_len", "the length of '%s'" % p.name)]
        if isinstance(p.type, model.CapType) and p.type.count is not None:
            derived = [(p.name + "_count", "the count of '%s'" % p.name)]
        for name, meaning in [(p.name, None)] + derived:
            if name in c_names:
                other = c_names[name]
                raise IpcError(p.pos, "duplicate parameter '%s'" % name if other is None and
                               meaning is None else "'%s' is both %s and %s" % (
                                   name, meaning or "a parameter", other or "a parameter"))
            c_names[name] = meaning
    words = sum(limits.words(p.type) for p in params)
    caps = sum(limits.caps(p.type) for p in params)
    if words > limits.MAX_PARAMS:
        raise IpcError(method.pos, "'%s': %s take up to %d words, more than the %d of a "
                       "message" % (method.name, what, words, limits.MAX_PARAMS))
    if caps > limits.MAX_CAPS:
        raise IpcError(method.pos, "'%s': %s carry up to %d capabilities, more than the %d of "
                       "a message" % (method.name, what, caps, limits.MAX_CAPS))


def clashes(name, own):
    """Whether a method name is that of a function generated for the interface, or for another
    of its own methods (m_reply is m's deferred reply)."""
    return name in RESERVED_METHODS or any(
        name.endswith(s) and name[:-len(s)] in own for s in RESERVED_METHOD_SUFFIXES)


def error_value(r, scope):
    """(error enum or None, member name) of `raises NAME(...)`: a member of enum helios_error,
    or enum.MEMBER of an error enum."""
    if len(r.name.parts) == 1 and r.name.parts[0] in limits.HELIOS_ERRORS:
        return None, r.name.parts[0]
    if len(r.name.parts) > 1:
        enum_name = model.QName(r.name.parts[:-1], r.name.pos)
        e = scope.find(enum_name)
        if isinstance(e, model.Enum):
            member = r.name.parts[-1]
            if member not in [x.name for x in e.members]:
                raise IpcError(r.pos, "'%s' is not a member of '%s'" % (member, enum_name))
            return check_error_enum(e, r.pos), member
    raise IpcError(r.pos, "unknown error '%s': a member of enum helios_error (such as "
                   "MISSING_TABLES) or error_enum.MEMBER" % r.name)


def check_error_results(m, r, scope, c_names):
    """Resolves `raises NAME(results)`: scalars only, at most four (they travel in registers)."""
    enum, member = error_value(r, scope)
    if any(er.enum is enum and er.member == member for er in m.error_results):
        raise IpcError(r.pos, "'%s' is raised twice" % r.name)
    for p in r.results:
        check_type(p.type, scope)
        if not limits.is_scalar(p.type):
            raise IpcError(p.pos, "'%s': an error's results are integers, bools, enums or "
                           "caddrs" % p.name)
    if len(r.results) > limits.REG_PARAMS:
        raise IpcError(r.pos, "'%s' carries %d results, more than the %d registers" % (
            r.name, len(r.results), limits.REG_PARAMS))
    check_params(m, r.results, "results of %s" % r.name, c_names)
    m.error_results.append(model.ErrorResults(enum, member, r.results, r.pos))
    return enum


def check_method(m, iface, scope, inherited, own):
    m.interface = iface
    if m.name in C_KEYWORDS:
        # The server's table has a member named after each method.
        raise IpcError(m.pos, "method name '%s' is a C keyword: choose another name" % m.name)
    if clashes(m.name, own):
        raise IpcError(m.pos, "method name '%s' clashes with a generated function" % m.name)
    if m.name in inherited:
        raise IpcError(m.pos, "'%s' is already a method of %s" % (
            m.name, qualified(inherited[m.name].interface)))
    for p in m.params + m.results:
        check_type(p.type, scope)
    c_names = {}
    check_params(m, m.params, "parameters", c_names)
    check_params(m, m.results, "results", c_names)
    m.errors = list(iface.errors) if m.kind == "call" else []  # an event has no reply
    for r in m.raises:
        if r.results is None:
            e = check_error_enum(scope.enum(r.name, "error enum"), r.pos)
        else:
            e = check_error_results(m, r, scope, c_names)
        if e is not None and e not in m.errors:
            m.errors.append(e)
    if m.label is not None and not limits.LABEL_MIN <= m.label.value <= limits.LABEL_MAX:
        raise IpcError(m.label.pos, "label %#x is not %#x-%#x (explicit labels are the "
                       "kernel's: HELIOS_METHOD(type, n))" % (
                           m.label.value, limits.LABEL_MIN, limits.LABEL_MAX))


def check_labels(iface):
    """No two explicit labels alike among the methods an interface answers."""
    seen = {}
    for m in all_methods(iface):
        if m.label is None:
            continue
        if m.label.value in seen:
            raise IpcError(m.label.pos, "label %#x of '%s' is that of '%s'" % (
                m.label.value, m.name, seen[m.label.value].name))
        seen[m.label.value] = m


def check_interface(iface, scope, checking):
    """Checks iface once (its base first, across files); `checking` finds inheritance cycles."""
    if iface.id is not None:
        return
    if iface in checking:
        raise IpcError(iface.pos, "interface '%s' inherits from itself" % iface.name)
    checking.add(iface)
    inherited = {}
    if iface.base:
        base = scope.interface(iface.base)
        check_interface(base, base.scope, checking)
        iface.base = base
        inherited = {m.name: m for m in all_methods(base)}
    iface.errors = []
    if iface.raises:
        iface.errors = [check_error_enum(scope.enum(iface.raises, "error enum"), iface.raises.pos)]
    if len(iface.methods) > limits.METHOD_MAX:
        raise IpcError(iface.pos, "more than %d methods" % limits.METHOD_MAX)
    own = {}
    for number, m in enumerate(iface.methods, 1):
        m.number = number
        if m.name in own:
            raise IpcError(m.pos, "duplicate method '%s'" % m.name)
        own[m.name] = m
    for m in iface.methods:
        check_method(m, iface, scope, inherited, own)
    check_labels(iface)
    iface.id = fnv1a32(qualified(iface))
    if iface.id == 0:
        raise IpcError(iface.pos, "the id of '%s' is 0: rename it" % qualified(iface))
    checking.discard(iface)


def all_methods(iface):
    """Every method an interface answers: its bases' first (with their own labels)."""
    base = all_methods(iface.base) if iface.base else []
    return base + list(iface.methods)


def check(files, imports):
    """Checks every loaded file (imports before importers); raises IpcError on the first
    error. Afterwards names are resolved, ids and method numbers set."""
    for f in files:
        check_file_names(f)
        f.scope = Scope(f, imports[f.path])
        for d in f.decls:
            d.scope = f.scope
            if isinstance(d, model.Enum):
                check_enum(d)
    ids = {}
    for f in files:
        for d in f.decls:
            if isinstance(d, model.Interface):
                check_interface(d, f.scope, set())
                if d.id in ids and ids[d.id] is not d:
                    raise IpcError(d.pos, "the id of '%s' (%#x) is that of '%s': rename one" % (
                        qualified(d), d.id, qualified(ids[d.id])))
                ids[d.id] = d
