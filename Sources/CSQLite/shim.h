// Exposes the system SQLite 3 C API to Swift for the run store.
#include <sqlite3.h>
