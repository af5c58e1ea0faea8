/*
 * The ARM PrimeCell PL031 real-time clock's registers (README.md; ARM DDI 0224) and the check
 * that a region holds one. Pure C, host-tested.
 */
#ifndef VENUS_PL031_PL031_H
#define VENUS_PL031_PL031_H

#include <stdbool.h>
#include <stdint.h>

/* Byte offsets of the 32-bit registers. */
enum pl031_register {
	PL031_DR = 0x000,     /* data: the counter, seconds (since 1970 as QEMU and Linux keep it) */
	PL031_CR = 0x00c,     /* control: bit 0 set once the counter has been started */
	PL031_PERIPH_ID = 0xfe0, /* PeriphID0-3, then PCellID0-3: eight registers, a byte each */
};

#define PL031_CR_STARTED 0x1
#define PL031_ID_REGISTERS 8
#define PL031_REGION_SIZE 0x1000 /* the registers' 4 KiB */

/*
 * Whether the identification registers (PeriphID0-3, PCellID0-3 as read, low byte each: the
 * rest is reserved) say PL031: part number 0x031, designer ARM (0x41), configuration 0, any
 * revision, and the PrimeCell identification 0x0d 0xf0 0x05 0xb1.
 */
bool pl031_identify(const uint32_t id[PL031_ID_REGISTERS]);

/* The revision from PeriphID2 (bits 7:4), for the log. */
unsigned pl031_revision(const uint32_t id[PL031_ID_REGISTERS]);

#endif
