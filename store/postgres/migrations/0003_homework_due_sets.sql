-- Homework due dates and their one reminder, found without decoding
-- every homework.
ALTER TABLE homework ADD COLUMN due timestamptz;
ALTER TABLE homework ADD COLUMN reminded boolean NOT NULL DEFAULT false;
CREATE INDEX homework_due ON homework (due) WHERE due IS NOT NULL AND NOT reminded;

-- Teachers' own question sets (quiz.Set); the draft has the name ''.
CREATE TABLE question_set (
	owner bigint NOT NULL,
	key   text   NOT NULL,
	data  bytea  NOT NULL,
	PRIMARY KEY (owner, key)
);
