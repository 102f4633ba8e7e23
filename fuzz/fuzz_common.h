/* What every fuzz target needs: the declaration libFuzzer calls, the
 * knowledge files, and an exact-size copy of the input. */
#ifndef CTL_FUZZ_COMMON_H
#define CTL_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ctimeline/ctimeline.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The knowledge files, loaded once per process and shared read-only. */
static inline const ctl_resources *fuzz_resources(void)
{
	static ctl_resources *res;
	if (!res) {
		ctl_error err;
		ctl_error_clear(&err);
		if (ctl_resources_new(&res, NULL, &err))
			abort();
	}
	return res;
}

/* An exact-size copy of the input (reading past `size` is a bug ASan
 * reports, where libFuzzer's own buffer may hide it); NULL if out of memory. */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	if (copy)
		memcpy(copy, data, size);
	return copy;
}

#endif
