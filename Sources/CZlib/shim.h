// Exposes zlib's inflate API to Swift for reading gzip-compressed IDX files.
#include <zlib.h>
