/*
 * Loader messages on the firmware console. Text is formatted with base/fmt (the same
 * printf the kernel uses) and handed to ConOut in UCS-2, a line at a time.
 */
#include <stdarg.h>

#include <base/fmt.h>

#include "bootloaders/efi/loader.h"

#define LINE_CHARS 128

struct console_line {
	CHAR16 text[LINE_CHARS + 1];
	unsigned len;
};

static void line_flush(struct console_line *line)
{
	if (line->len == 0)
		return;
	line->text[line->len] = 0;
	uefi_call_wrapper(ST->ConOut->OutputString, 2, ST->ConOut, line->text);
	line->len = 0;
}

/* fmt callback: collects characters, "\n" becomes "\r\n", anything not ASCII becomes '?'. */
static void line_putc(void *ctx, char c)
{
	struct console_line *line = ctx;
	unsigned char u = (unsigned char)c;
	if (line->len + 2 > LINE_CHARS)
		line_flush(line);
	if (u == '\n')
		line->text[line->len++] = '\r';
	line->text[line->len++] = (u < 0x80) ? u : '?';
	if (u == '\n')
		line_flush(line);
}

static void console_vprint(const char *fmt, va_list ap)
{
	struct console_line line = {.len = 0};
	fmt_vformat(line_putc, &line, fmt, ap);
	line_flush(&line);
}

void loader_print(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	console_vprint(fmt, ap);
	va_end(ap);
}

/* Waits forever without returning: returning to the firmware would reset or boot another OS. */
_Noreturn void loader_halt(void)
{
	for (;;)
		uefi_call_wrapper(BS->Stall, 1, 1000000);
}

_Noreturn void loader_fail(const char *fmt, ...)
{
	va_list ap;
	loader_print("loader error: ");
	va_start(ap, fmt);
	console_vprint(fmt, ap);
	va_end(ap);
	loader_print("\n");
	loader_halt();
}

const char *loader_status(EFI_STATUS status)
{
	static CHAR16 wide[64];
	static char text[64];
	StatusToString(wide, status);
	unsigned i = 0;
	for (; i < sizeof(text) - 1 && wide[i]; i++)
		text[i] = wide[i] < 0x80 ? (char)wide[i] : '?';
	text[i] = '\0';
	return text;
}
