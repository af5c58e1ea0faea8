/*
 * Console output through WRITECONS, formatted by //lib/base fmt, and names for error
 * codes and capability types.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>
#include <helios/abi.h>

#include <helios/rt/print.h>
#include <helios/rt/syscall.h>

#define PRINT_CHUNK 256

/* Characters collected on the caller's stack, written out when full and at the end. */
struct print_buffer {
	size_t used;
	char bytes[PRINT_CHUNK];
};

static void flush(struct print_buffer *b)
{
	if (b->used)
		helios_writecons(b->bytes, b->used, NULL);
	b->used = 0;
}

static void buffer_putc(void *ctx, char c)
{
	struct print_buffer *b = ctx;
	if (b->used == sizeof(b->bytes))
		flush(b);
	b->bytes[b->used++] = c;
}

int rt_vprintf(const char *fmt, va_list ap)
{
	struct print_buffer b = { 0 };
	int n = fmt_vformat(buffer_putc, &b, fmt, ap);
	flush(&b);
	return n;
}

int rt_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = rt_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int rt_puts(const char *s)
{
	return rt_printf("%s\n", s);
}

static const char *const error_names[HELIOS_ERROR_COUNT] = {
	[HELIOS_OK] = "OK",
	[HELIOS_ERR_NOMEM] = "NOMEM",
	[HELIOS_ERR_INVALID_CADDR] = "INVALID_CADDR",
	[HELIOS_ERR_INVALID_CSLOT] = "INVALID_CSLOT",
	[HELIOS_ERR_ACCESS] = "ACCESS",
	[HELIOS_ERR_INVALID_PARAM] = "INVALID_PARAM",
	[HELIOS_ERR_WOULD_BLOCK] = "WOULD_BLOCK",
	[HELIOS_ERR_MISSING_TABLES] = "MISSING_TABLES",
	[HELIOS_ERR_INVALID_SYSCALL] = "INVALID_SYSCALL",
	[HELIOS_ERR_INVALID_TYPE] = "INVALID_TYPE",
	[HELIOS_ERR_INVALID_METHOD] = "INVALID_METHOD",
	[HELIOS_ERR_MAPPED] = "MAPPED",
	[HELIOS_ERR_NOT_MAPPED] = "NOT_MAPPED",
	[HELIOS_ERR_CSPACE_FULL] = "CSPACE_FULL",
	[HELIOS_ERR_IN_USE] = "IN_USE",
	[HELIOS_ERR_DELETED] = "DELETED",
	[HELIOS_ERR_TIMED_OUT] = "TIMED_OUT",
};

const char *rt_strerror(uint64_t err)
{
	return err < HELIOS_ERROR_COUNT && error_names[err] ? error_names[err] : "?";
}

static const char *const type_names[HELIOS_CAP_TYPE_COUNT] = {
	[HELIOS_CAP_NULL] = "NULL",
	[HELIOS_CAP_MEMORY] = "MEMORY",
	[HELIOS_CAP_DEVICE_MEMORY] = "DEVICE_MEMORY",
	[HELIOS_CAP_CSPACE] = "CSPACE",
	[HELIOS_CAP_VSPACE] = "VSPACE",
	[HELIOS_CAP_TASK] = "TASK",
	[HELIOS_CAP_ENDPOINT] = "ENDPOINT",
	[HELIOS_CAP_NOTIFICATION] = "NOTIFICATION",
	[HELIOS_CAP_REPLY] = "REPLY",
	[HELIOS_CAP_ASID_CONTROL] = "ASID_CONTROL",
	[HELIOS_CAP_ASID_POOL] = "ASID_POOL",
	[HELIOS_CAP_PDPT] = "PDPT",
	[HELIOS_CAP_PD] = "PD",
	[HELIOS_CAP_PT] = "PT",
	[HELIOS_CAP_PAGE] = "PAGE",
	[HELIOS_CAP_IO_CONTROL] = "IO_CONTROL",
	[HELIOS_CAP_IO_PORT] = "IO_PORT",
	[HELIOS_CAP_IRQ_CONTROL] = "IRQ_CONTROL",
	[HELIOS_CAP_IRQ_HANDLER] = "IRQ_HANDLER",
	[HELIOS_CAP_CONSOLE] = "CONSOLE",
};

const char *rt_cap_type_name(uint64_t type)
{
	return type < HELIOS_CAP_TYPE_COUNT && type_names[type] ? type_names[type] : "?";
}
