-- Workflows (issue 3): the working-day calendar, workflow settings, the transition history of
-- every workflow object, registration (登记), share applications (共享申请), open applications
-- (有条件开放申请), grants (授权) with usage reports, and operation authorizations (授权运营).
-- Lists are JSON arrays of strings in VARCHAR columns; times are UTC TIMESTAMPs (microseconds).

-- 工作日历: exceptions to "Monday–Friday are working days" (days in China Standard Time).
CREATE TABLE calendar_days (
  day DATE PRIMARY KEY,
  kind VARCHAR NOT NULL,              -- holiday (a weekday off) | workday (调休: a weekend day worked)
  name VARCHAR NOT NULL DEFAULT '',
  updated_by VARCHAR NOT NULL DEFAULT '',
  updated_at TIMESTAMP NOT NULL
);

-- Settings the authority may change (defaults live in code: workflow/workflow_settings.h).
CREATE TABLE workflow_settings (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL,
  updated_by VARCHAR NOT NULL DEFAULT '',
  updated_at TIMESTAMP NOT NULL
);

-- Every state change of every workflow object, with the audit log index that recorded it.
CREATE TABLE workflow_transitions (
  object_type VARCHAR NOT NULL,       -- registration | share_application | open_application | grant | authorization
  object_id VARCHAR NOT NULL,
  from_state VARCHAR NOT NULL,
  to_state VARCHAR NOT NULL,
  actor_id VARCHAR NOT NULL,          -- a user id, "system" or the local console
  actor_org VARCHAR NOT NULL DEFAULT '',
  reason VARCHAR NOT NULL DEFAULT '',
  occurred_at TIMESTAMP NOT NULL,
  audit_index BIGINT NOT NULL
);

-- 登记申请: 首次 / 变更 / 更正 / 注销 (initial / change / correction / cancellation).
CREATE TABLE registration_applications (
  id VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  resource_id VARCHAR NOT NULL,
  provider_org VARCHAR NOT NULL,
  applicant_id VARCHAR NOT NULL,
  description VARCHAR NOT NULL DEFAULT '',
  content VARCHAR NOT NULL DEFAULT '{}',   -- the registered metadata at submission (JSON)
  state VARCHAR NOT NULL,                  -- submitted | rejected | approved | noticed | registered | deregistered
  reviewer_id VARCHAR NOT NULL DEFAULT '',
  reason VARCHAR NOT NULL DEFAULT '',
  notice_until TIMESTAMP,
  registration_code VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- 登记簿: the registry of resources with their registration codes (docs/registration.md).
CREATE TABLE registered_resources (
  code VARCHAR PRIMARY KEY,
  resource_id VARCHAR NOT NULL,
  provider_org VARCHAR NOT NULL,
  state VARCHAR NOT NULL,                  -- registered | deregistered
  revision INTEGER NOT NULL,               -- 1 at first registration, +1 per change or correction
  application_id VARCHAR NOT NULL,         -- the last application that took effect
  registered_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- 共享申请.
CREATE TABLE share_applications (
  id VARCHAR PRIMARY KEY,
  resource_id VARCHAR NOT NULL,
  provider_org VARCHAR NOT NULL,
  applicant_org VARCHAR NOT NULL,
  applicant_id VARCHAR NOT NULL,
  purposes VARCHAR NOT NULL,               -- purpose codes (JSON)
  scenario VARCHAR NOT NULL,               -- 应用场景 / 用途说明
  fields VARCHAR NOT NULL,                 -- requested fields (JSON)
  row_field VARCHAR NOT NULL DEFAULT '',   -- requested row scope
  row_prefixes VARCHAR NOT NULL DEFAULT '[]',
  term_days INTEGER NOT NULL,
  state VARCHAR NOT NULL,                  -- submitted | compliance_checked | escalated | approved | rejected | withdrawn
  compliance_due TIMESTAMP NOT NULL,
  reply_due TIMESTAMP,
  escalated_at TIMESTAMP,
  reviewer_id VARCHAR NOT NULL DEFAULT '',
  reason VARCHAR NOT NULL DEFAULT '',
  grant_id VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- 有条件开放申请.
CREATE TABLE open_applications (
  id VARCHAR PRIMARY KEY,
  resource_id VARCHAR NOT NULL,
  provider_org VARCHAR NOT NULL,
  applicant_org VARCHAR NOT NULL,
  applicant_id VARCHAR NOT NULL,
  individual BOOLEAN NOT NULL,             -- a member of the public (the grant binds the person)
  purposes VARCHAR NOT NULL,
  scenario VARCHAR NOT NULL,
  security_measures VARCHAR NOT NULL,
  fields VARCHAR NOT NULL,
  term_days INTEGER NOT NULL,
  agreement_version VARCHAR NOT NULL,
  agreement_sha256 VARCHAR NOT NULL,       -- SHA-256 of the exact agreement text accepted
  state VARCHAR NOT NULL,                  -- submitted | approved | rejected | withdrawn
  reviewer_id VARCHAR NOT NULL DEFAULT '',
  reason VARCHAR NOT NULL DEFAULT '',
  grant_id VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- 授权: share grants and open-access grants.
CREATE TABLE grants (
  id VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,                   -- share | open
  resource_id VARCHAR NOT NULL,
  provider_org VARCHAR NOT NULL,
  grantee_org VARCHAR NOT NULL,
  grantee_user VARCHAR NOT NULL DEFAULT '',
  application_id VARCHAR NOT NULL,
  fields VARCHAR NOT NULL,
  row_field VARCHAR NOT NULL DEFAULT '',
  row_prefixes VARCHAR NOT NULL DEFAULT '[]',
  purposes VARCHAR NOT NULL,
  state VARCHAR NOT NULL,                  -- active | suspended | revoked (expiry is valid_until)
  valid_from TIMESTAMP NOT NULL,
  valid_until TIMESTAMP NOT NULL,
  report_due TIMESTAMP,                    -- open grants: the usage report is due by then
  created_by VARCHAR NOT NULL,
  reason VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- 使用情况报告 of open-access grants.
CREATE TABLE usage_reports (
  id VARCHAR PRIMARY KEY,
  grant_id VARCHAR NOT NULL,
  submitted_by VARCHAR NOT NULL,
  organisation_id VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- 授权运营 authorizations.
CREATE TABLE operation_authorizations (
  id VARCHAR PRIMARY KEY,
  agency_org VARCHAR NOT NULL,             -- 实施机构
  operator_org VARCHAR NOT NULL,           -- 运营机构
  mode VARCHAR NOT NULL,                   -- whole | domain | scenario
  resource_ids VARCHAR NOT NULL DEFAULT '[]',
  domains VARCHAR NOT NULL DEFAULT '[]',
  scenario VARCHAR NOT NULL DEFAULT '',
  actions VARCHAR NOT NULL,
  purposes VARCHAR NOT NULL,
  valid_from TIMESTAMP NOT NULL,
  valid_until TIMESTAMP NOT NULL,
  conditions VARCHAR NOT NULL DEFAULT '',
  security_duties VARCHAR NOT NULL DEFAULT '',
  agreement_sha256 VARCHAR NOT NULL,
  state VARCHAR NOT NULL,                  -- draft | approved | active | suspended | expired | terminated | exited
  created_by VARCHAR NOT NULL,
  approved_by VARCHAR NOT NULL DEFAULT '',
  reason VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
