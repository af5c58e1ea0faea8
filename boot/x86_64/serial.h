/*
 * The PC's first serial port (COM1, a 16550 UART at I/O port 0x3f8), polled: the early
 * console of the kernel and of the Multiboot loader. No interrupts, no buffering.
 */
#ifndef BOOT_X86_64_SERIAL_H
#define BOOT_X86_64_SERIAL_H

/* COM1's eight I/O ports: the console's, which the kernel's IO_CONTROL never issues
 * (helios/arch/x86_64/ioport.c). */
#define SERIAL_COM1 0x3f8
#define SERIAL_PORTS 8

/* Sets COM1 to 115200 baud, 8 data bits, no parity, 1 stop bit, FIFOs on. */
void serial_init(void);

/* Sends one byte, waiting for room in the transmitter (no newline translation). */
void serial_putc(char c);

#endif
