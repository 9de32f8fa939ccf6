#include "crash_vfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace llw::testing_support {
namespace {

struct Undo {
  sqlite3_int64 offset = 0;
  std::string bytes;  // what was there before the write
};

struct FileHistory {
  sqlite3_int64 synced_size = 0;
  std::vector<Undo> undo;  // since the last sync, oldest first
};

std::mutex history_mutex;
std::map<std::string, FileHistory> histories;  // by path
std::atomic<bool> lost{false};
std::atomic<std::int64_t> countdown{0};
sqlite3_vfs* real_vfs = nullptr;

struct CrashFile {
  sqlite3_file base;
  sqlite3_file* real;  // lives right after this struct
  std::string* path;   // tracked files only (main database, WAL); null otherwise
};

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<CrashFile*>(file)->real; }

// Counts a write or a sync; true when the power goes at this one.
bool power_goes_now() {
  if (lost) return true;
  std::int64_t left = countdown.load();
  while (left > 0) {
    if (countdown.compare_exchange_weak(left, left - 1)) {
      if (left == 1) {
        power_loss();
        return true;
      }
      return false;
    }
  }
  return false;
}

sqlite3_int64 size_of(sqlite3_file* real) {
  sqlite3_int64 size = 0;
  real->pMethods->xFileSize(real, &size);
  return size;
}

int crash_close(sqlite3_file* file) {
  auto* crash = reinterpret_cast<CrashFile*>(file);
  const int rc = crash->real->pMethods->xClose(crash->real);
  delete crash->path;
  return rc;
}

int crash_read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  return real_of(file)->pMethods->xRead(real_of(file), data, amount, offset);
}

int crash_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto* crash = reinterpret_cast<CrashFile*>(file);
  if (power_goes_now()) return SQLITE_IOERR_WRITE;
  if (crash->path) {
    std::lock_guard lock(history_mutex);
    auto& history = histories[*crash->path];
    const sqlite3_int64 size = size_of(crash->real);
    if (offset < size) {
      Undo undo;
      undo.offset = offset;
      undo.bytes.resize(static_cast<std::size_t>(std::min<sqlite3_int64>(amount, size - offset)));
      crash->real->pMethods->xRead(crash->real, undo.bytes.data(),
                                   static_cast<int>(undo.bytes.size()), offset);
      history.undo.push_back(std::move(undo));
    }
  }
  return crash->real->pMethods->xWrite(crash->real, data, amount, offset);
}

int crash_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* crash = reinterpret_cast<CrashFile*>(file);
  if (power_goes_now()) return SQLITE_IOERR_TRUNCATE;
  if (crash->path) {
    std::lock_guard lock(history_mutex);
    const sqlite3_int64 old_size = size_of(crash->real);
    if (size < old_size) {
      Undo undo;
      undo.offset = size;
      undo.bytes.resize(static_cast<std::size_t>(old_size - size));
      crash->real->pMethods->xRead(crash->real, undo.bytes.data(),
                                   static_cast<int>(undo.bytes.size()), size);
      histories[*crash->path].undo.push_back(std::move(undo));
    }
  }
  return crash->real->pMethods->xTruncate(crash->real, size);
}

int crash_sync(sqlite3_file* file, int flags) {
  auto* crash = reinterpret_cast<CrashFile*>(file);
  if (power_goes_now()) return SQLITE_IOERR_FSYNC;
  const int rc = crash->real->pMethods->xSync(crash->real, flags);
  if (rc == SQLITE_OK && crash->path) {
    std::lock_guard lock(history_mutex);
    auto& history = histories[*crash->path];
    history.undo.clear();
    history.synced_size = size_of(crash->real);
  }
  return rc;
}

int crash_file_size(sqlite3_file* file, sqlite3_int64* size) {
  return real_of(file)->pMethods->xFileSize(real_of(file), size);
}
int crash_lock(sqlite3_file* file, int level) {
  return real_of(file)->pMethods->xLock(real_of(file), level);
}
int crash_unlock(sqlite3_file* file, int level) {
  return real_of(file)->pMethods->xUnlock(real_of(file), level);
}
int crash_check_lock(sqlite3_file* file, int* out) {
  return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}
int crash_file_control(sqlite3_file* file, int op, void* arg) {
  return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}
int crash_sector_size(sqlite3_file* file) {
  return real_of(file)->pMethods->xSectorSize(real_of(file));
}
int crash_device(sqlite3_file* file) {
  // Not SQLITE_IOCAP_POWERSAFE_OVERWRITE or atomic writes: nothing is assumed of the disk.
  return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file)) &
         ~(SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_SEQUENTIAL);
}
int crash_shm_map(sqlite3_file* file, int page, int size, int extend, void volatile** out) {
  return real_of(file)->pMethods->xShmMap(real_of(file), page, size, extend, out);
}
int crash_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  return real_of(file)->pMethods->xShmLock(real_of(file), offset, n, flags);
}
void crash_shm_barrier(sqlite3_file* file) { real_of(file)->pMethods->xShmBarrier(real_of(file)); }
int crash_shm_unmap(sqlite3_file* file, int delete_flag) {
  return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}
int crash_fetch(sqlite3_file* file, sqlite3_int64, int, void** out) {
  *out = nullptr;  // no memory-mapped reads: every read goes through xRead
  return SQLITE_OK;
}
int crash_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods crash_methods = {3,
                                          crash_close,
                                          crash_read,
                                          crash_write,
                                          crash_truncate,
                                          crash_sync,
                                          crash_file_size,
                                          crash_lock,
                                          crash_unlock,
                                          crash_check_lock,
                                          crash_file_control,
                                          crash_sector_size,
                                          crash_device,
                                          crash_shm_map,
                                          crash_shm_lock,
                                          crash_shm_barrier,
                                          crash_shm_unmap,
                                          crash_fetch,
                                          crash_unfetch};

int crash_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* crash = reinterpret_cast<CrashFile*>(file);
  crash->real = reinterpret_cast<sqlite3_file*>(crash + 1);
  crash->path = nullptr;
  const int rc = real_vfs->xOpen(real_vfs, name, crash->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    file->pMethods = nullptr;
    return rc;
  }
  if (name != nullptr && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0) {
    crash->path = new std::string(name);
    std::lock_guard lock(history_mutex);
    auto& history = histories[*crash->path];
    if (history.undo.empty()) history.synced_size = size_of(crash->real);
  }
  file->pMethods = &crash_methods;
  return SQLITE_OK;
}

int crash_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  {
    std::lock_guard lock(history_mutex);
    histories.erase(name);
  }
  return real_vfs->xDelete(real_vfs, name, sync_dir);
}

sqlite3_vfs crash_vfs;

}  // namespace

void install_crash_vfs() {
  if (real_vfs != nullptr) return;
  real_vfs = sqlite3_vfs_find("unix");
  crash_vfs = *real_vfs;
  crash_vfs.zName = "llw-crash";
  crash_vfs.szOsFile = static_cast<int>(sizeof(CrashFile)) + real_vfs->szOsFile;
  crash_vfs.xOpen = crash_open;
  crash_vfs.xDelete = crash_delete;
  sqlite3_vfs_register(&crash_vfs, 1);
}

void power_loss_after(std::int64_t n) { countdown = n; }

void power_loss() {
  if (lost.exchange(true)) return;
  std::lock_guard lock(history_mutex);
  for (auto& [path, history] : histories) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    for (auto undo = history.undo.rbegin(); undo != history.undo.rend(); ++undo) {
      if (::pwrite(fd, undo->bytes.data(), undo->bytes.size(), undo->offset) < 0) break;
    }
    if (::ftruncate(fd, history.synced_size) != 0) {
      // Leave it: the test then sees a file larger than synced, which it reports.
    }
    ::close(fd);
    history.undo.clear();
  }
}

bool power_is_lost() { return lost; }

void power_restored() {
  std::lock_guard lock(history_mutex);
  histories.clear();
  countdown = 0;
  lost = false;
}

}  // namespace llw::testing_support
