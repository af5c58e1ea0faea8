/* The interrupt descriptor table. */
#ifndef HELIOS_ARCH_X86_64_IDT_H
#define HELIOS_ARCH_X86_64_IDT_H

/* Points every CPU exception vector at its stub in vectors.S and loads the IDT. */
void idt_init(void);

#endif
