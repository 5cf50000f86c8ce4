#pragma once
#include <string>
#include <string_view>

#include "store/db.hpp"

namespace qda::store {

/// The application id written into every project file ("QDA1"), so other SQLite files are refused.
inline constexpr int application_id = 0x51444131;

/// Highest schema version this binary knows.
int latest_version();

/// Current schema version of the file (PRAGMA user_version).
int schema_version(Db &db);

/// Settings fixed when a file is created, before its first table (page size).
void prepare_new(Db &db);

/// Set pragmas every connection needs (WAL, foreign keys).
void configure(Db &db);

/// Check that the file is a qda project this binary can read; returns the migrations pending.
/// Throws Error(Exit::config) for a foreign file or one newer than the binary.
int check_project(Db &db);

/// Apply pending migrations inside the caller's transaction.
void migrate(Db &db);

/// For a bulk write: a rollback journal instead of the WAL while it lasts, so the new pages are
/// written once instead of to the WAL and again at the checkpoint. When another connection holds
/// the file, SQLite keeps the WAL and this does nothing. Construct outside any transaction.
///
/// Inside the transaction, stream() makes the new pages go to the file as the work goes on,
/// and added() has the kernel write them on to the disk meanwhile, so that the commit neither
/// writes a large page cache nor waits for the whole file at its fsync.
class BulkJournal {
  public:
    explicit BulkJournal(Db &db);
    ~BulkJournal();
    BulkJournal(const BulkJournal &) = delete;
    BulkJournal &operator=(const BulkJournal &) = delete;

    /// Once the write transaction has begun: a page cache of 8 MiB instead of the
    /// transaction's 64 MiB, so SQLite writes pages out as it goes rather than at the commit.
    void stream();
    /// `bytes` more were stored. Every 8 MiB the kernel is asked to start writing the file's
    /// dirty pages to the disk (Linux's sync_file_range; elsewhere nothing). That only starts
    /// writes SQLite has already made; SQLite's own fsync at the commit still makes them durable.
    void added(std::size_t bytes);

  private:
    Db &db_;
    bool switched_ = false;
    int fd_ = -1; ///< the project file, opened read-only for the write-back requests
    std::size_t pending_ = 0;
};

std::string meta(Db &db, std::string_view key, std::string_view fallback = {});
void set_meta(Db &db, std::string_view key, std::string_view value);

} // namespace qda::store
