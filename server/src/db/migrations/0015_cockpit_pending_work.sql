CREATE TABLE "cockpit_pending_work" (
	"id" bigint PRIMARY KEY NOT NULL
);
