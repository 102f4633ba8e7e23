/* Document dates. (stub) */
#include "ctimeline/document.h"

int ctl_dct_detect(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	(void)doc; (void)res; (void)err;
	return 0;
}
