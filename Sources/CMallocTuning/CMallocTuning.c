#include "CMallocTuning.h"
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int condenser_tune_malloc(void) {
#if defined(__GLIBC__)
    int trimmed = mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    int padded = mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    int mapped = 1;
    return trimmed && padded && mapped;
#else
    return 0;
#endif
}
