-- Each student's review deck (quiz.Deck) for /review and /progress.
CREATE TABLE deck (
	user_id bigint PRIMARY KEY,
	data    bytea NOT NULL
);
