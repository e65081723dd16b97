#!/bin/sh
# Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d). The app gets a role of its own that
# owns its database but is no superuser (README "Security"); the extensions the migrations need are created here,
# by the superuser, so the app role never needs that right.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$FACTURIX_APP_PASSWORD" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE facturix_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
CREATE DATABASE facturix OWNER facturix_app;
\connect facturix
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS unaccent;
ALTER SCHEMA public OWNER TO facturix_app;
SQL
