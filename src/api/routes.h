#pragma once
// Route groups of the /api/v1 surface, each registered by its own file.
#include "api/app_context.h"
#include "api/router.h"

namespace gongshu::api {

void RegisterSystemRoutes(Router& router, AppContext& ctx);    // healthz, metrics, openapi
void RegisterCatalogRoutes(Router& router, AppContext& ctx);   // resources, vocabularies
void RegisterIdentityRoutes(Router& router, AppContext& ctx);  // auth, organisations, users, tokens
void RegisterIngestRoutes(Router& router, AppContext& ctx);    // version uploads
void RegisterRecordsRoutes(Router& router, AppContext& ctx);   // records and exports
void RegisterWorkflowRoutes(Router& router, AppContext& ctx);  // registrations, applications, grants, authorizations
void RegisterAuditRoutes(Router& router, AppContext& ctx);     // audit log: checkpoints, entries, proofs, statistics
void RegisterStaticFiles(Router& router, AppContext& ctx);     // the web portal

}  // namespace gongshu::api
