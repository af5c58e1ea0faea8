#include <stdarg.h>

#include <base/fmt.h>
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

static void console_putc(void *ctx, char c)
{
	(void)ctx;
	if (c == '\n')
		arch_console_putc('\r');
	arch_console_putc(c);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vformat(console_putc, 0, fmt, ap);
	va_end(ap);
	return n;
}

_Noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	arch_console_reclaim(); /* a serial driver may have the UART */
	kprintf("KERNEL PANIC: ");
	va_start(ap, fmt);
	fmt_vformat(console_putc, 0, fmt, ap);
	va_end(ap);
	kprintf("\n");
	kernel_stop();
}
