"""Client functions: one per method. Register-only methods (at most four scalar words each way,
no capabilities) are inline in the header and never touch the IPC buffer, so they stay on the
kernel's fastpath; the others marshal through struct ipcgen_message in the source. A scalar or
struct result's pointer may be NULL: the value is checked, then dropped."""

from . import c_names as names
from . import c_wire, limits


def is_inline(m):
    return limits.register_only(m.params) and limits.register_only(m.results)


def store_registers(results):
    """Statements checking result words in the registers (ipc_m.p[i]) and storing them through
    the result pointers that are not NULL."""
    lines = []
    for i, p in enumerate(results):
        bad = c_wire.reg_check(p.type, "ipc_m.p[%d]" % i)
        if bad:
            lines += ["if (%s)" % bad, "\treturn HELIOS_ERR_INVALID_PARAM;"]
    for i, p in enumerate(results):
        lines += ["if (%s)" % p.name,
                  "\t*%s = (%s)ipc_m.p[%d];" % (p.name, names.scalar_type(p.type), i)]
    return lines


def error_results_text(m):
    """The slow path's share for each error that carries results: a reply with that status (not
    the syscall's own error, which leaves our tag) must carry exactly them."""
    lines = []
    for er in m.error_results:
        status = names.error_constant(er)
        lines += ["if (helios_tag_label(ipc_m.tag) == %s &&" % status,
                  "    (ipc_m.error == HELIOS_OK || ipc_m.error == %s)) {" % status,
                  "\tif (ipc_m.tag != helios_tag(%s, %d, 0))" % (status, len(er.results)),
                  "\t\treturn ipcgen_reply_malformed(ipc_m.tag);"]
        lines += ["\t" + s for s in store_registers(er.results)]
        lines += ["\treturn %s;" % status, "}"]
    return lines


def inline_text(m):
    words = [c_wire.word(p.type, p.name) for p in m.params]
    words += ["0"] * (limits.REG_PARAMS - len(words))
    lines = ["static inline " + names.client_signature(m), "{",
             "\tstruct helios_msg ipc_m = { 0, 0, helios_tag(%s, %d, 0), { %s } };" % (
                 names.label(m), len(m.params), ", ".join(words))]
    if m.kind == "event":
        return lines + ["\treturn ipcgen_send(ep, &ipc_m);", "}"]
    failed = "ipc_m.error != HELIOS_OK || ipc_m.tag != helios_tag(0, %d, 0)" % len(m.results)
    slow = "return ipcgen_reply_error(ipc_m.error, ipc_m.tag, %s);" % names.raises(m)
    lines.append("\tipcgen_call(ep, &ipc_m);")
    if m.error_results:
        lines += ["\tif (%s) {" % failed] + ["\t\t" + s for s in error_results_text(m)]
        lines += ["\t\t" + slow, "\t}"]
    else:
        lines += ["\tif (%s)" % failed, "\t\t" + slow]
    lines += ["\t" + s for s in store_registers(m.results)]
    return lines + ["\treturn HELIOS_OK;", "}"]


def get_results(results):
    return ["\t" + s for p in results for s in c_wire.get_out(p, "&ipc_m")]


def function_text(m):
    """The out-of-line client of a method that needs the IPC buffer."""
    lines = [names.client_signature(m), "{", "\tstruct ipcgen_message ipc_m;",
             "\tipcgen_message_init(&ipc_m);"]
    lines += ["\t" + c_wire.put(p, "&ipc_m") for p in m.params]
    if m.kind == "event":
        return lines + ["\treturn ipcgen_client_send(ep, %s, &ipc_m);" % names.label(m), "}", ""]
    slots = c_wire.receive_slots(m.results)
    if slots:
        lines.append("\tconst helios_caddr_t ipc_recv[] = { %s };" % ", ".join(slots))
    lines.append("\tint ipc_err = ipcgen_client_call(ep, %s, &ipc_m, %s, %d, %s);" % (
        names.label(m), "ipc_recv" if slots else "NULL", len(slots), names.raises(m)))
    for er in m.error_results:
        status = names.error_constant(er)
        lines += ["\tif (ipc_err == %s) {" % status]
        lines += ["\t" + s for s in get_results(er.results)]
        lines += ["\t\treturn ipcgen_client_error_end(&ipc_m, ipc_err);", "\t}"]
    lines += ["\tif (ipc_err != HELIOS_OK)", "\t\treturn ipc_err;"]
    lines += get_results(m.results)
    return lines + ["\treturn ipcgen_client_end(&ipc_m);", "}", ""]
