/* The loader's console: COM1, every line prefixed so the kernel's output stands apart. */
#include <stdarg.h>

#include <base/fmt.h>

#include "bootloaders/multiboot/loader.h"
#include "boot/x86_64/serial.h"

void console_init(void)
{
	serial_init();
}

static void console_putc(void *ctx, char c)
{
	(void)ctx;
	if (c == '\n')
		serial_putc('\r');
	serial_putc(c);
}

static void print_line(const char *prefix, const char *fmt, va_list ap)
{
	fmt_format(console_putc, 0, "%s", prefix);
	fmt_vformat(console_putc, 0, fmt, ap);
	console_putc(0, '\n');
}

void loader_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line("loader: ", fmt, ap);
	va_end(ap);
}

_Noreturn void loader_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	print_line("loader error: ", fmt, ap);
	va_end(ap);
	loader_halt();
}

/* Stops for good: with interrupts off, hlt only wakes for NMIs, so loop. */
_Noreturn void loader_halt(void)
{
	for (;;)
		__asm__ volatile("cli\n\thlt");
}
