-- A member's language (a shipped locale's tag, checked by the application, which ships more
-- languages over time); NULL: the site's language.
ALTER TABLE users ADD COLUMN locale TEXT;
