#pragma once
// Who performs an identity change: a principal signed in over HTTP, or the local operator running
// the `gongshu` command on a stopped data directory (who owns the machine, and so every key, and
// is how the first authority administrator is made).
#include <string>

#include "policy/principal.h"

namespace gongshu::identity {

struct Actor {
  policy::Principal principal;
  bool console = false;    // the local operator (CLI)
  std::string request_id;  // the HTTP request, for the audit log ("" outside HTTP)

  static Actor Of(const policy::Principal& p, std::string request_id = {}) {
    return Actor{p, false, std::move(request_id)};
  }
  static Actor Console() {
    Actor a;
    a.console = true;
    a.principal.id = "console";
    return a;
  }
};

}  // namespace gongshu::identity
