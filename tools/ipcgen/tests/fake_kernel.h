// A fake kernel for host tests of generated code: the transport's functions (ipcgen/transport.h)
// over a small capability space and two IPC buffers, client's and server's. A call runs the
// server function in place, moving registers, buffer words and capabilities as Helios does.
#ifndef IPCGEN_TESTS_FAKE_KERNEL_H
#define IPCGEN_TESTS_FAKE_KERNEL_H

#include <functional>
#include <vector>

#include <helios/abi.h>
#include <helios/rt/msg.h>

struct FakeKernel {
	FakeKernel();
	~FakeKernel();

	// The capability space: slot -> enum helios_cap_type (HELIOS_CAP_NULL: empty).
	static constexpr unsigned kSlots = 256;
	unsigned types[kSlots] = {};
	std::vector<helios_caddr_t> deleted; // every slot ipcgen_delete emptied

	helios_caddr_t NewCap(unsigned type); // a capability in a free slot
	unsigned CapsHeld() const;            // non-empty slots

	struct helios_ipc_buffer client_buf = {}, server_buf = {};
	struct helios_ipc_buffer *current = &client_buf; // the running side's buffer

	// What answers calls and sends on an endpoint: the server's turn, in its registers and
	// buffer; returns enum ipcgen_outcome.
	std::function<int(struct helios_msg *msg, struct helios_ipc_buffer *buf)> server;
	// Runs while a caller waits for a deferred reply (the server's later work).
	std::function<void()> while_blocked;
	uint64_t badge = 0x77; // the badge servers see

	// Counters.
	unsigned calls = 0, sends = 0;

	// Moves a message: registers, buffer words, capabilities into the receiver's recv_slots.
	void Transfer(const struct helios_msg &from, const struct helios_ipc_buffer &from_buf,
		      struct helios_msg *to, struct helios_ipc_buffer *to_buf);

	// Kernel side of the transport.
	int Call(helios_caddr_t ep, struct helios_msg *m);
	int Send(helios_caddr_t ep, struct helios_msg *m);
	int SaveReply(helios_caddr_t dest, helios_caddr_t *saved);

	struct helios_msg *waiting = nullptr; // the caller whose reply is outstanding
	bool answered = false;
};

// The fake the transport functions use (set by FakeKernel's constructor).
extern FakeKernel *fake_kernel;

#endif
