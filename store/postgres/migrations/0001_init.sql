-- silkroad's state, as the bbolt store keeps it. Values are the same
-- JSON, kept as bytea so that any text a user sent stores as it came.
CREATE TABLE class (
	chat_id bigint PRIMARY KEY,
	data    bytea NOT NULL
);
-- The polls of running class quizzes, so that a vote reaching any
-- replica finds its chat.
CREATE TABLE class_poll (
	poll_id text PRIMARY KEY,
	chat_id bigint NOT NULL
);
CREATE INDEX class_poll_chat ON class_poll (chat_id);
CREATE TABLE class_last (
	chat_id bigint PRIMARY KEY,
	data    bytea NOT NULL
);
CREATE TABLE homework (
	code text PRIMARY KEY,
	data bytea NOT NULL
);
CREATE TABLE submission (
	code    text   NOT NULL,
	user_id bigint NOT NULL,
	data    bytea  NOT NULL,
	PRIMARY KEY (code, user_id)
);
CREATE TABLE practice (
	user_id bigint PRIMARY KEY,
	data    bytea NOT NULL
);
CREATE TABLE lang (
	user_id bigint PRIMARY KEY,
	lang    text NOT NULL
);
CREATE TABLE topic (
	chat_id bigint PRIMARY KEY,
	fact    text NOT NULL,
	at      timestamptz NOT NULL
);
-- Updates claimed or handled. A claim (done false) expires at until, so
-- that an update whose replica died is handled by another.
CREATE TABLE handled_update (
	id    bigint PRIMARY KEY,
	at    timestamptz NOT NULL,
	done  boolean NOT NULL,
	until timestamptz
);
CREATE INDEX handled_update_at ON handled_update (at);
-- Updates received by the polling leader and confirmed to Telegram
-- before they were handled.
CREATE TABLE pending_update (
	id   bigint PRIMARY KEY,
	data bytea NOT NULL
);
CREATE TABLE counter (
	name text PRIMARY KEY,
	n    bigint NOT NULL
);
-- The replicas alive, by heartbeat: they share the send limits.
CREATE TABLE replica (
	id   text PRIMARY KEY,
	seen timestamptz NOT NULL
);
