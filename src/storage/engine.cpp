#include "storage/engine.h"

#include <cstdint>

namespace gongshu::storage {

size_t Table::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  return SIZE_MAX;
}

SessionLease& SessionLease::operator=(SessionLease&& other) noexcept {
  if (this != &other) {
    Release();
    engine_ = other.engine_;
    session_ = std::move(other.session_);
    other.engine_ = nullptr;
  }
  return *this;
}

SessionLease::~SessionLease() { Release(); }

void SessionLease::Release() {
  if (engine_ != nullptr && session_ != nullptr) engine_->Return(std::move(session_));
  session_.reset();
  engine_ = nullptr;
}

Status InTransaction(Session& session, const std::function<Status()>& fn) {
  GS_RETURN_IF_ERROR(session.Begin());
  Status st = fn();
  if (!st.ok()) {
    (void)session.Rollback();
    return st;
  }
  Status commit = session.Commit();
  if (!commit.ok()) (void)session.Rollback();
  return commit;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace gongshu::storage
