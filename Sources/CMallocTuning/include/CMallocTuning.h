#ifndef CMALLOC_TUNING_H
#define CMALLOC_TUNING_H

/// Keeps freed heap memory in the process instead of returning it to the kernel after every
/// request: glibc's default trim threshold makes each /write body fault its pages in again.
/// Returns 1 when the settings were applied.
int condenser_tune_malloc(void);

#endif
