/*
 * The listing's lines (listing.h), built piece by piece into one buffer so that each device
 * goes out as one line.
 */
#include <stdarg.h>
#include <stddef.h>

#include <base/fmt.h>

#include "mercury/devmgr/listing.h"

struct line {
	char *buf;
	size_t size, len;
};

__attribute__((format(printf, 2, 3))) static void append(struct line *l, const char *fmt, ...)
{
	if (l->len >= l->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(l->buf + l->len, l->size - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < l->size - l->len ? (size_t)n : l->size - l->len - 1;
}

static const char *bar_kind(const struct pci_bar *b)
{
	switch (b->kind) {
	case PCI_BAR_IO: return "io";
	case PCI_BAR_MEM32: return "mem";
	case PCI_BAR_MEM64: return "mem64";
	default: return "?";
	}
}

void devmgr_format_pci(char *buf, size_t size, const struct pci_device *d)
{
	struct line l = {buf, size, 0};
	if (size == 0)
		return;
	buf[0] = '\0';
	append(&l, "devmgr: pci %02x:%02x.%x %04x:%04x class %02x%02x%02x", d->address.bus,
	       d->address.device, d->address.function, d->vendor, d->device, d->class_code,
	       d->subclass, d->prog_if);
	if (d->header_type == PCI_HEADER_BRIDGE)
		append(&l, " bridge %02x-%02x", d->secondary_bus, d->subordinate_bus);
	if (d->interrupt_pin >= 1 && d->interrupt_pin <= 4) {
		append(&l, " irq pin %c", 'A' + d->interrupt_pin - 1);
		if (d->interrupt_line != 0xff) /* 0xff: the firmware routed it nowhere */
			append(&l, " line %u", d->interrupt_line);
		if (d->interrupt_id)
			append(&l, " id %u", d->interrupt_id);
	}
	for (unsigned i = 0; i < d->bar_count && i < PCI_MAX_BARS; i++) {
		const struct pci_bar *b = &d->bars[i];
		append(&l, " bar%u %s%s 0x%llx size 0x%llx", b->index, bar_kind(b),
		       b->prefetchable ? " pref" : "", (unsigned long long)b->base,
		       (unsigned long long)b->size);
	}
}

void devmgr_format_dt(char *buf, size_t size, const struct dt_device *d)
{
	struct line l = {buf, size, 0};
	if (size == 0)
		return;
	buf[0] = '\0';
	append(&l, "devmgr: dt %s %s", d->path, d->compatible);
	if (d->reg_count)
		append(&l, " reg");
	for (unsigned i = 0; i < d->reg_count && i < DT_MAX_REGS; i++)
		append(&l, " 0x%llx+0x%llx", (unsigned long long)d->regs[i].base,
		       (unsigned long long)d->regs[i].size);
	if (d->reg_more)
		append(&l, " (+%u more)", d->reg_more);
	if (d->irq_count)
		append(&l, " irq");
	for (unsigned i = 0; i < d->irq_count && i < DT_MAX_IRQS; i++)
		append(&l, " %u", d->irqs[i]);
}
