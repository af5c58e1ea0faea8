"""Client functions: one per method. Register-only methods (at most four scalar words each way,
no capabilities) are inline in the header and never touch the IPC buffer, so they stay on the
kernel's fastpath; the others marshal through struct ipcgen_message in the source."""

from . import c_names as names
from . import c_wire, limits


def is_inline(m):
    return limits.register_only(m.params) and limits.register_only(m.results)


def inline_text(m):
    words = [c_wire.word(p.type, p.name) for p in m.params]
    words += ["0"] * (limits.REG_PARAMS - len(words))
    lines = ["static inline " + names.client_signature(m), "{",
             "\tstruct helios_msg ipc_m = { 0, 0, helios_tag(%s, %d, 0), { %s } };" % (
                 names.label(m), len(m.params), ", ".join(words))]
    if m.kind == "event":
        return lines + ["\treturn ipcgen_send(ep, &ipc_m);", "}"]
    lines += ["\tipcgen_call(ep, &ipc_m);",
              "\tif (ipc_m.error != HELIOS_OK || ipc_m.tag != helios_tag(0, %d, 0))"
              % len(m.results),
              "\t\treturn ipcgen_reply_error(ipc_m.error, ipc_m.tag, %s);" % names.raises(m)]
    for i, p in enumerate(m.results):
        bad = c_wire.reg_check(p.type, "ipc_m.p[%d]" % i)
        if bad:
            lines += ["\tif (%s)" % bad, "\t\treturn HELIOS_ERR_INVALID_PARAM;"]
    for i, p in enumerate(m.results):
        lines.append("\t*%s = (%s)ipc_m.p[%d];" % (p.name, names.scalar_type(p.type), i))
    return lines + ["\treturn HELIOS_OK;", "}"]


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
    lines += ["\tint ipc_err = ipcgen_client_call(ep, %s, &ipc_m, %s, %d, %s);" % (
        names.label(m), "ipc_recv" if slots else "NULL", len(slots), names.raises(m)),
        "\tif (ipc_err != HELIOS_OK)", "\t\treturn ipc_err;"]
    lines += ["\t" + c_wire.get_out(p, "&ipc_m") for p in m.results]
    return lines + ["\treturn ipcgen_client_end(&ipc_m);", "}", ""]
