-- Identity: organisation attributes, users with roles, web sessions and API tokens.
-- Secrets are never stored: passwords as argon2id strings, session ids and API tokens as hex
-- SHA-256 of the value the client holds.

-- 行政级别 of a department (national | provincial | municipal | county; '' = unspecified) and the
-- organisation's status (active | disabled: a disabled organisation's users cannot sign in).
ALTER TABLE organisations ADD COLUMN admin_level VARCHAR DEFAULT '';
ALTER TABLE organisations ADD COLUMN status VARCHAR DEFAULT 'active';

CREATE TABLE users (
  id VARCHAR PRIMARY KEY,
  username VARCHAR NOT NULL UNIQUE,       -- lowercase
  display_name VARCHAR NOT NULL DEFAULT '',
  organisation_id VARCHAR NOT NULL,
  roles VARCHAR NOT NULL DEFAULT '',      -- comma-separated role codes
  status VARCHAR NOT NULL DEFAULT 'active',
  password_hash VARCHAR NOT NULL,         -- crypto_pwhash_str (argon2id)
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  password_changed_at TIMESTAMP NOT NULL,
  last_login_at TIMESTAMP
);

CREATE TABLE user_sessions (
  id_hash VARCHAR PRIMARY KEY,            -- hex SHA-256 of the gs_session cookie value
  user_id VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,        -- flushed from memory periodically (idle expiry)
  expires_at TIMESTAMP NOT NULL,          -- absolute expiry
  client_address VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE api_tokens (
  id VARCHAR PRIMARY KEY,
  token_hash VARCHAR NOT NULL UNIQUE,     -- hex SHA-256 of "gst_…"
  user_id VARCHAR NOT NULL,
  organisation_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  prefix VARCHAR NOT NULL,                -- first characters, to recognise a token in lists
  roles VARCHAR NOT NULL,                 -- comma-separated, a subset of the user's roles
  resource_scope VARCHAR NOT NULL DEFAULT '',  -- comma-separated resource ids; '' = not narrowed
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP,                 -- flushed from memory periodically
  revoked_at TIMESTAMP
);
