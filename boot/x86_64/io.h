/*
 * x86 port I/O. Header-only so both the 64-bit kernel and the 32-bit Multiboot loader can use
 * it (the instructions are the same in both modes).
 */
#ifndef BOOT_X86_64_IO_H
#define BOOT_X86_64_IO_H

#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;
	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;
	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;
	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

/* A short delay for slow ISA devices (the 8259): a write to the POST diagnostic port. */
static inline void io_wait(void)
{
	outb(0x80, 0);
}

#endif
