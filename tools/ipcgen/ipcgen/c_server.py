"""Server code: per method a handle function (check, decode, call the handler, encode) and a
_reply function for deferred answers; per interface the dispatch and serve functions."""

from . import c_names as names
from . import c_wire
from .checker import all_methods


def put_results_text(m):
    """The function encoding what a status carries: a success its results, an error that
    carries results those, any other status nothing."""
    lines = [names.put_results_signature(m), "{"]
    for status, results in [("HELIOS_OK", m.results)] + [
            (names.error_constant(er), er.results) for er in m.error_results]:
        if results:
            lines += ["\tif (ipc_status == %s) {" % status]
            lines += ["\t\t" + c_wire.put(p, "ipc_m") for p in results]
            lines += ["\t}"]
    return lines + ["}", ""]


def put_results_call(m, message, status):
    """A call of put_results_text's function (none when the method has nothing to encode)."""
    if not names.all_results(m):
        return []
    args = [message, status] + [a for p in names.all_results(m) for a in names.args_in(p)]
    return ["\t%s(%s);" % (names.function(m, "_put_results"), ", ".join(args))]


def handle_text(m):
    lines = ["int %s(%s *ipc_fn, void *ctx, struct ipcgen_request *req)" % (
        names.function(m, "_handle"), names.function(m, "_fn")), "{",
        "\tif (!ipc_fn)", "\t\treturn ipcgen_reject(req, HELIOS_ERR_INVALID_METHOD);",
        "\tstruct ipcgen_message *ipc_m = &req->in;"]
    for p in m.params:
        lines += ["\t" + s for s in c_wire.local(p, "ipc_m")]
    lines += ["\tint ipc_err = ipcgen_message_end(ipc_m);",
              "\tif (ipc_err != HELIOS_OK)", "\t\treturn ipcgen_reject(req, ipc_err);"]
    for p in names.all_results(m):
        lines += ["\t" + s for s in c_wire.local(p, value=False)]
    args = ["ctx", "req"] + [a for p in m.params for a in names.args_in(p)]
    args += [a for p in names.all_results(m) for a in names.args_out(p)]
    if m.kind == "event":
        return lines + ["\tipc_fn(%s);" % ", ".join(args), "\treturn IPCGEN_ONE_WAY;", "}", ""]
    lines.append("\tint ipc_status = ipc_fn(%s);" % ", ".join(args))
    lines += put_results_call(m, "&req->out", "ipc_status")
    return lines + ["\treturn ipc_status;", "}", ""]


def reply_text(m):
    lines = [names.reply_signature(m), "{", "\tstruct ipcgen_message ipc_m;",
             "\tipcgen_message_init(&ipc_m);"]
    lines += put_results_call(m, "&ipc_m", "error")
    return lines + ["\treturn ipcgen_send_reply(reply, error, &ipc_m);", "}", ""]


def method_text(m):
    lines = []
    if m.kind == "call" and names.all_results(m):
        lines += put_results_text(m)
    lines += handle_text(m)
    if m.kind == "call":
        lines += reply_text(m)
    return lines


def dispatch_text(iface):
    p, s = names.prefix(iface), names.server_struct(iface)
    lines = ["int %s_dispatch(const %s *impl, void *ctx, struct helios_msg *msg," % (p, s),
             "\t\tstruct helios_ipc_buffer *buf)", "{",
             "\tstruct ipcgen_request req;", "\tint status;",
             "\tipcgen_request_load(&req, msg, buf);", "\tswitch (req.label) {"]
    for m in all_methods(iface):
        lines += ["\tcase %s:" % names.label(m),
                  "\t\tstatus = %s(impl->%s, ctx, &req);" % (names.function(m, "_handle"), m.name),
                  "\t\tbreak;"]
    lines += ["\tdefault:", "\t\tstatus = ipcgen_reject(&req, HELIOS_ERR_INVALID_METHOD);",
              "\t\tbreak;", "\t}", "\t(void)impl;", "\t(void)ctx;",
              "\treturn ipcgen_request_finish(&req, status, msg, buf);", "}", "",
              "static int %s_dispatch_any(const void *impl, void *ctx, struct helios_msg *msg,"
              % p, "\t\tstruct helios_ipc_buffer *buf)", "{",
              "\treturn %s_dispatch((const %s *)impl, ctx, msg, buf);" % (p, s), "}", "",
              "int %s_serve(helios_caddr_t ep, const %s *impl, void *ctx," % (p, s),
              "\t\tconst helios_caddr_t *recv_slots)", "{",
              "\treturn ipcgen_serve(ep, %s_dispatch_any, impl, ctx, recv_slots);" % p, "}", ""]
    return lines
