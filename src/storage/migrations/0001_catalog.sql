-- Catalog: organisations, resources (公共数据资源), fields (信息项), versions.
-- Dataset versions live in the "data" schema, one immutable table per version.
CREATE SCHEMA IF NOT EXISTS data;

CREATE TABLE organisations (
  id VARCHAR PRIMARY KEY,
  name_zh VARCHAR NOT NULL,
  name_en VARCHAR NOT NULL DEFAULT '',
  kind VARCHAR NOT NULL,
  region VARCHAR NOT NULL DEFAULT '',
  parent_id VARCHAR NOT NULL DEFAULT '',
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE resources (
  id VARCHAR PRIMARY KEY,
  title_zh VARCHAR NOT NULL,
  title_en VARCHAR NOT NULL DEFAULT '',
  description_zh VARCHAR NOT NULL DEFAULT '',
  description_en VARCHAR NOT NULL DEFAULT '',
  provider_id VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  industry VARCHAR NOT NULL DEFAULT '',
  region VARCHAR NOT NULL DEFAULT '',
  update_cycle VARCHAR NOT NULL,
  tags VARCHAR NOT NULL DEFAULT '[]',
  license VARCHAR NOT NULL DEFAULT '',
  share_attr VARCHAR NOT NULL,
  share_basis VARCHAR NOT NULL DEFAULT '',
  open_attr VARCHAR NOT NULL,
  open_condition VARCHAR NOT NULL DEFAULT '',
  status VARCHAR NOT NULL DEFAULT 'draft',
  current_version INTEGER,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE resource_fields (
  resource_id VARCHAR NOT NULL,
  position INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  title_zh VARCHAR NOT NULL DEFAULT '',
  title_en VARCHAR NOT NULL DEFAULT '',
  type VARCHAR NOT NULL,
  description_zh VARCHAR NOT NULL DEFAULT '',
  description_en VARCHAR NOT NULL DEFAULT '',
  unit VARCHAR NOT NULL DEFAULT '',
  level VARCHAR NOT NULL,
  semantic VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE resource_versions (
  resource_id VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  table_name VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  byte_size BIGINT NOT NULL,
  checksum VARCHAR NOT NULL,
  source_format VARCHAR NOT NULL,
  source_name VARCHAR NOT NULL DEFAULT '',
  source_encoding VARCHAR NOT NULL DEFAULT 'utf-8',
  profile VARCHAR NOT NULL DEFAULT '{}',
  note VARCHAR NOT NULL DEFAULT '',
  published_at TIMESTAMP NOT NULL,
  PRIMARY KEY (resource_id, version)
);
