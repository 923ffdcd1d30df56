-- Other names and spellings of a site met in sources ("Olenovka", "Еленовка"),
-- as a JSON list like `operators`: search finds a site by any of them (issue 10).
ALTER TABLE sites ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
