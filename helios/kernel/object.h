/*
 * The type table (object.c): what each kind of object needs when it is made (layout, init),
 * when one of its capabilities goes (cap_deleted), when its last one goes (finalize), and which
 * *_invoke function handles its invocations. Each type's own hooks are declared by its header
 * (task.h, irq.h, vm/vm.h, arch.h); the capabilities themselves are cap.h.
 */
#ifndef HELIOS_KERNEL_OBJECT_H
#define HELIOS_KERNEL_OBJECT_H

#include <stdint.h>

struct cap;
struct invocation;

/*
 * Size and alignment of a new object of `type` (size_param: bytes for MEMORY, slots for
 * CSPACE). INVALID_TYPE when memory cannot be retyped into `type`, INVALID_PARAM for a bad
 * size_param.
 */
int object_layout(unsigned type, uint64_t size_param, uint64_t *size, uint64_t *align);
/* Initialises zeroed memory as a new object. */
void object_init(unsigned type, uintptr_t object, uint64_t size_param);
/* Called for every capability being deleted, before it leaves its ring (a page unmaps its
 * own mapping, a reply capability detaches from its caller). */
void object_cap_deleted(struct cap *c);
/* Called when the last capability to an object has been deleted: destroy it and free its
 * memory with memory_free_deferred(c->source, ...). */
void object_finalize(struct cap *c);
/* Sends an invocation to the *_invoke function of the invoked capability's type (invoke.h):
 * enum helios_error. */
int invoke(struct invocation *inv);

/*
 * The IPC objects' hooks, defined in endpoint.c and notification.c. Their header is ipc.h
 * (which includes this one); they are declared here until ipc.h declares them itself.
 */
struct endpoint;
struct notification;
uint64_t endpoint_object_size(void);         /* a zero-filled endpoint is valid */
uint64_t notification_object_size(void);     /* a zero-filled notification is valid */
void endpoint_finalize(struct endpoint *e);
void notification_finalize(struct notification *n);

#endif
