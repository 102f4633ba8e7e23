#include <stdarg.h>
#include <stdio.h>
#include "ctimeline/common.h"

int ctl_error_set(ctl_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void ctl_error_clear(ctl_error *err)
{
	if (err) {
		err->code = 0;
		err->msg[0] = '\0';
	}
}

const char *ctl_version(void)
{
	return CTL_VERSION_STRING;
}
