-- The audit log's page filters by person, action and record (issue 21):
-- each filter walks its index newest first instead of the whole log.
CREATE INDEX audit_entries_by_actor ON audit_entries (actor, seq);
CREATE INDEX audit_entries_by_action ON audit_entries (action, seq);
CREATE INDEX audit_entries_by_target ON audit_entries (target, seq);
