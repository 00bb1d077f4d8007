-- Whatever changes who a session belongs to or what its user may see notifies 'gf_auth'. The embedded
-- server (PGlite, one process) keeps sessions in memory and forgets them all on this notice, which PGlite
-- delivers before the writing statement returns (see server/src/auth/sessions.ts).
CREATE OR REPLACE FUNCTION auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gf_auth', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF operator_user_id ON workshops FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
