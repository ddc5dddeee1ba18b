// Exposes OpenBLAS's CBLAS interface and its thread-count controls to Swift.
#include <cblas.h>
