-- Whatever changes who a session belongs to or what its user may see notifies 'gf_auth'. The embedded
-- server keeps sessions in memory and forgets them all on this notice (server/src/auth/sessions.ts).
-- The one current definition: edit here, then `npm run db:sql -- --name <why>` writes a migration that applies it.
-- A test compares the live database with this file.

CREATE OR REPLACE FUNCTION auth_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_notify('gf_auth', TG_TABLE_NAME);
  RETURN NULL;
END $function$;

DROP TRIGGER IF EXISTS auth_changed ON sessions;
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();

DROP TRIGGER IF EXISTS auth_changed ON users;
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();

DROP TRIGGER IF EXISTS auth_changed ON workshops;
CREATE TRIGGER auth_changed AFTER INSERT OR DELETE OR UPDATE OF operator_user_id OR TRUNCATE ON workshops FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
