#pragma once
// A SQLite VFS for tests that simulates a power failure, the way SQLite's own crash tests do:
// it wraps the "unix" VFS, remembers for the main database file and the WAL every write not yet
// made durable by a sync, and on `power_loss()` puts those bytes back as they were at the last
// sync (and the file at its synced size) — the disk after the power came back. From then on
// every write and sync fails, as a machine without power would, until `power_restored()`.
// Installed as the process's default VFS, so every connection the store opens goes through it.

#include <cstdint>

namespace llw::testing_support {

void install_crash_vfs();  // once per process; the default VFS from then on
// Cuts the power when the `n`-th write or sync from now starts (that call fails); 0: never.
void power_loss_after(std::int64_t n);
void power_loss();  // cuts it now
bool power_is_lost();
void power_restored();  // writes go through again, nothing is tracked until the next write

}  // namespace llw::testing_support
