#include "server/static_files.h"

#include <zlib.h>

#include <fstream>
#include <sstream>

#include "base/digest.h"
#include "base/error.h"

namespace xinzhi::server {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxCachedBytes = 64u << 20;  // a built dashboard is a few MB

struct Type {
  const char* ext;
  const char* mime;
  bool compress;
};
constexpr Type kTypes[] = {
    {".html", "text/html; charset=utf-8", true},     {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true}, {".css", "text/css; charset=utf-8", true},
    {".json", "application/json; charset=utf-8", true}, {".svg", "image/svg+xml", true},
    {".txt", "text/plain; charset=utf-8", true},     {".map", "application/json; charset=utf-8", true},
    {".png", "image/png", false},                    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},                  {".gif", "image/gif", false},
    {".webp", "image/webp", false},                  {".ico", "image/x-icon", false},
    {".woff", "font/woff", false},                   {".woff2", "font/woff2", false},
    {".ttf", "font/ttf", true},                      {".wasm", "application/wasm", true},
    {".geojson", "application/geo+json", true},
};

const Type& type_of(const fs::path& p) {
  static const Type other{"", "application/octet-stream", false};
  auto ext = p.extension().string();
  for (const auto& t : kTypes)
    if (ext == t.ext) return t;
  return other;
}

// The precompressed form of `file` (file.br, file.gz) when it is at least as new as the file.
std::string read_sibling(const fs::path& file, const char* suffix, fs::file_time_type file_mtime) {
  fs::path sibling = file;
  sibling += suffix;
  std::error_code ec;
  auto mtime = fs::last_write_time(sibling, ec);
  if (ec || mtime < file_mtime || fs::file_size(sibling, ec) > kMaxCachedBytes) return {};
  std::ifstream in(sibling, std::ios::binary);
  return in ? std::string(std::istreambuf_iterator<char>(in), {}) : std::string();
}

}  // namespace

bool accepts_encoding(const Request& req, std::string_view coding) {
  auto header = req.get_header_value("Accept-Encoding");
  std::string_view v = header;
  while (!v.empty()) {
    size_t comma = v.find(',');
    auto item = v.substr(0, comma);
    v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
    size_t semi = item.find(';');
    auto token = item.substr(0, semi);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token != coding) continue;
    if (semi == std::string_view::npos) return true;
    auto params = item.substr(semi + 1);
    size_t q = params.find("q=");
    // q=0, q=0.0, q=0.000 refuse the coding; any other weight accepts it.
    if (q == std::string_view::npos) return true;
    auto weight = params.substr(q + 2);
    return !(weight.size() >= 1 && weight[0] == '0' && weight.find_first_not_of("0. ", 1) == std::string_view::npos);
  }
  return false;
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail(ErrorCode::Internal, "zlib could not start");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) fail(ErrorCode::Internal, "zlib could not compress");
  return out;
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  built_ = fs::is_regular_file(root_ / "index.html", ec);
  if (built_) root_ = fs::canonical(root_, ec);
}

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const fs::path& file) {
  std::error_code ec;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) {
    forget(file);
    return nullptr;
  }
  bool rebuilt = false;
  {
    std::lock_guard lock(mutex_);
    auto it = files_.find(file.string());
    // A rebuilt dashboard (make web while serving) is picked up by its new mtime.
    if (it != files_.end() && it->second->mtime == mtime) return it->second;
    rebuilt = it != files_.end();
  }
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxCachedBytes) return nullptr;
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  auto f = std::make_shared<File>();
  f->mtime = mtime;
  f->body.assign(std::istreambuf_iterator<char>(in), {});
  const Type& t = type_of(file);
  f->type = t.mime;
  // Built by push_back: g++ 12 -O3 warns falsely (-Wrestrict) on operator+ and assignment here.
  std::string etag(1, '"');
  etag.append(sha256_hex(f->body), 0, 32);
  etag.push_back('"');
  f->etag = std::move(etag);
  if (t.compress && f->body.size() >= 1024) {
    // The web build compresses every text file once (web/vite.config.ts); a sibling older than
    // the file is stale and ignored. Without one, gzip here, once per file and mtime.
    f->brotli = read_sibling(file, ".br", mtime);
    f->gzipped = read_sibling(file, ".gz", mtime);
    if (f->gzipped.empty()) f->gzipped = gzip_compress(f->body, 9);
    if (f->gzipped.size() >= f->body.size()) f->gzipped.clear();
    if (f->brotli.size() >= f->body.size()) f->brotli.clear();
    // Another representation, another strong validator (RFC 9110 §8.8.3).
    auto tagged = [&](const char* suffix) {
      std::string e = f->etag;
      e.insert(e.size() - 1, suffix);
      return e;
    };
    if (!f->gzipped.empty()) f->gz_etag = tagged("-gz");
    if (!f->brotli.empty()) f->br_etag = tagged("-br");
  }
  std::lock_guard lock(mutex_);
  files_[file.string()] = f;
  if (rebuilt) sweep_deleted();  // a rebuild renames the hashed assets: drop the old ones
  return f;
}

void StaticFiles::forget(const fs::path& file) {
  std::lock_guard lock(mutex_);
  files_.erase(file.string());
}

void StaticFiles::sweep_deleted() {
  std::error_code ec;
  std::erase_if(files_, [&](const auto& entry) { return !fs::is_regular_file(entry.first, ec); });
}

size_t StaticFiles::cached_files() {
  std::lock_guard lock(mutex_);
  return files_.size();
}

bool StaticFiles::serve(const Request& req, Response& res) {
  if (!built_) return false;
  const std::string& path = req.path;
  // The decoded path: no "..", backslash or NUL may appear, and the file found must lie
  // under the root once symbolic links are resolved.
  if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos ||
      path.find('\\') != std::string::npos || path.find('\0') != std::string::npos)
    return false;
  fs::path file = root_ / path.substr(1);
  std::error_code ec;
  if (fs::is_directory(file, ec)) file /= "index.html";
  file = fs::weakly_canonical(file, ec);
  if (ec) return false;
  auto rel = file.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == "..") return false;
  if (!fs::is_regular_file(file, ec)) {
    forget(file);  // deleted since it was served
    return false;
  }
  auto f = load(file);
  if (!f) return false;

  res.set_header("ETag", f->etag);
  // Vite names built assets by content hash: they never change under the same name.
  bool hashed = path.rfind("/assets/", 0) == 0;
  res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f->gzipped.empty() || !f->brotli.empty()) res.set_header("Vary", "Accept-Encoding");
  auto match = req.get_header_value("If-None-Match");
  if (match == f->etag || (!f->gz_etag.empty() && match == f->gz_etag) || (!f->br_etag.empty() && match == f->br_etag)) {
    res.set_header("ETag", match);  // the validator of the representation the client holds
    res.status = 304;
    return true;
  }
  res.status = 200;
  if (!f->brotli.empty() && accepts_encoding(req, "br")) {
    res.set_header("ETag", f->br_etag);
    res.set_header("Content-Encoding", "br");
    res.set_content(f->brotli, f->type);
  } else if (!f->gzipped.empty() && accepts_gzip(req)) {
    res.set_header("ETag", f->gz_etag);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(f->gzipped, f->type);
  } else {
    res.set_content(f->body, f->type);
  }
  return true;
}

}  // namespace xinzhi::server
