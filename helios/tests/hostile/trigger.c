/* Running the privileged-instruction triggers (trigger.h). */
#include "helios/tests/hostile/trigger.h"

int trigger_run(const struct trigger *t, void *arg, struct kt_fault *f)
{
	struct kt_sup s = {0};
	kt_sup_start(&s, t->fn, arg);
	int faulted = kt_sup_wait(&s);
	*f = s.fault;
	rt_thread_destroy(&s.thread);
	rt_free(s.ep);
	return faulted;
}

struct kt_fault trigger_fault(const struct trigger *t, void *arg)
{
	struct kt_fault f;
	if (!trigger_run(t, arg, &f))
		KT_FAIL("%s: ran in user mode without a fault", t->text);
	return f;
}

void trigger_check(const struct trigger *t, const struct kt_fault *f, uint64_t type,
		   uint64_t vector)
{
	if (f->type != type || f->vector != vector || f->ip != (uint64_t)(uintptr_t)t->ip)
		KT_FAIL("%s: %s (vector %#llx, code %#llx) at %#llx, expected %s (vector %#llx) "
			"at %#llx",
			t->text, helios_fault_name(f->type), (unsigned long long)f->vector,
			(unsigned long long)f->code, (unsigned long long)f->ip,
			helios_fault_name(type), (unsigned long long)vector,
			(unsigned long long)(uintptr_t)t->ip);
}
