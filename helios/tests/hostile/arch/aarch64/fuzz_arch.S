/*
 * The fuzzer's puppet loop on aarch64 (fuzz.h): one syscall, over and over, as the registers
 * say: x19 = number, x20 = caddr, x21 = tag, x22-x24 = parameters 0-2, parameter 3 at [sp]
 * (as on x86_64, which has no callee-saved register left for it). After each, the turn is
 * counted at [sp, #8] and the CPU given up (yield), so that a puppet whose syscall never
 * blocks takes no more than its turn. Copied to a page of its own, so it uses nothing outside
 * itself.
 */
#include <helios/abi.h>

	.text
	.globl fuzz_puppet_code, fuzz_puppet_code_end
fuzz_puppet_code:
1:	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	mov	x4, x23
	mov	x5, x24
	ldr	x6, [sp]
	svc	#0
	ldr	x7, [sp, #8]
	add	x7, x7, #1
	str	x7, [sp, #8]
	mov	x0, #HELIOS_SYS_YIELD
	svc	#0
	b	1b
fuzz_puppet_code_end:
