/* The interrupt descriptor table. */
#ifndef HELIOS_ARCH_X86_64_IDT_H
#define HELIOS_ARCH_X86_64_IDT_H

/* Points all 256 vectors at their stubs in entry.S and loads the IDT. */
void idt_init(void);

#endif
