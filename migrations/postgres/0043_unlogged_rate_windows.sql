-- Rate-limit counters are a minute's worth of hits: losing them in a crash only resets the
-- minute. Unlogged, a post's hits (committed on their own, before its comment) wait for no
-- WAL flush, and the counter an address's posts share is held for microseconds.
ALTER TABLE rate_windows SET UNLOGGED;
