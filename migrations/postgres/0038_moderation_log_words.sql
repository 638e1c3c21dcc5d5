-- The moderation log keeps data, not English, where the site wrote the words: who acted when no
-- member of staff did is a kind (`site`, `command_line`), a role change's reason is its roles
-- (`before`, `after`), a hide after reports keeps the reports' weight, and an undo names the row
-- it undid by that row's `undone_by`. The log words them in the reader's language.
ALTER TABLE moderation_log ADD COLUMN actor_kind TEXT;
UPDATE moderation_log SET actor_kind = 'site', actor_name = ''
    WHERE actor_id IS NULL AND actor_name = 'Broadsheet (automatic)';
UPDATE moderation_log SET actor_kind = 'command_line', actor_name = ''
    WHERE actor_id IS NULL AND actor_name = 'command line';
UPDATE moderation_log SET reason = ''
    WHERE action = 'role' AND reason = before || ' → ' || after;
UPDATE moderation_log SET reason = ''
    WHERE action = 'undo' AND reason LIKE 'undo of #%';
-- "open reports weighing 3 from established members (4 in all)" → "3".
UPDATE moderation_log
    SET reason = substr(reason, 23, strpos(reason, ' from established members') - 23)
    WHERE action = 'auto_hide' AND reason LIKE 'open reports weighing % from established members (%';
CREATE INDEX moderation_log_undone_by ON moderation_log (undone_by);
