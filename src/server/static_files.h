// The built dashboard (web/dist) as static files: held in memory once read, typed by
// extension, served brotli- or gzip-compressed from the .br and .gz files the web build writes
// beside each text file (compressed here once when they are missing), with ETag
// revalidation and long caching for Vite's content-hashed /assets/ files.
#pragma once
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/http_message.h"

namespace xinzhi::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // Whether the web root holds a built dashboard (an index.html).
  bool built() const { return built_; }
  // Answers a GET or HEAD for a file under the root; false when there is no such file
  // (a path that leaves the root has none).
  bool serve(const Request& req, Response& res);
  // Files held in memory. A file deleted from the root leaves the cache when it is next asked
  // for, and every deleted file leaves when a rebuild (a changed file) is first served, so old
  // hashed bundles do not stay in memory for the life of the server.
  size_t cached_files();

 private:
  struct File {
    std::filesystem::file_time_type mtime;
    std::string body, gzipped, brotli, etag, gz_etag, br_etag, type;
  };
  std::shared_ptr<const File> load(const std::filesystem::path& file);
  void forget(const std::filesystem::path& file);
  void sweep_deleted();  // with mutex_ held
  std::filesystem::path root_;
  bool built_ = false;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const File>> files_;
};

// gzip (RFC 1952) of `data` at `level`; used for static files and large JSON answers.
std::string gzip_compress(std::string_view data, int level);
// Whether the request's Accept-Encoding takes `coding` ("gzip", "br"; "gzip;q=0" refuses it).
bool accepts_encoding(const Request& req, std::string_view coding);
inline bool accepts_gzip(const Request& req) { return accepts_encoding(req, "gzip"); }

}  // namespace xinzhi::server
