-- PostgreSQL makes rate_windows unlogged here. SQLite has no such tables; nothing changes.
SELECT 1;
