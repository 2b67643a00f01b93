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

}  // namespace

bool accepts_gzip(const Request& req) {
  auto v = req.get_header_value("Accept-Encoding");
  auto at = v.find("gzip");
  return at != std::string::npos && v.compare(at, 8, "gzip;q=0") != 0;
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
  if (ec) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = files_.find(file.string());
    // A rebuilt dashboard (make web while serving) is picked up by its new mtime.
    if (it != files_.end() && it->second->mtime == mtime) return it->second;
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
    auto gz = gzip_compress(f->body, 9);
    if (gz.size() < f->body.size()) {
      f->gzipped = std::move(gz);
      // Another representation, another strong validator (RFC 9110 §8.8.3).
      f->gz_etag = f->etag;
      f->gz_etag.insert(f->gz_etag.size() - 1, "-gz");
    }
  }
  std::lock_guard lock(mutex_);
  files_[file.string()] = f;
  return f;
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
  if (rel.empty() || *rel.begin() == ".." || !fs::is_regular_file(file, ec)) return false;
  auto f = load(file);
  if (!f) return false;

  res.set_header("ETag", f->etag);
  // Vite names built assets by content hash: they never change under the same name.
  bool hashed = path.rfind("/assets/", 0) == 0;
  res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f->gzipped.empty()) res.set_header("Vary", "Accept-Encoding");
  auto match = req.get_header_value("If-None-Match");
  if (match == f->etag || (!f->gz_etag.empty() && match == f->gz_etag)) {
    res.status = 304;
    return true;
  }
  res.status = 200;
  if (!f->gzipped.empty() && accepts_gzip(req)) {
    res.set_header("ETag", f->gz_etag);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(f->gzipped, f->type);
  } else {
    res.set_content(f->body, f->type);
  }
  return true;
}

}  // namespace xinzhi::server
