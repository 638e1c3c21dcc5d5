# The moderation log's own words (who acted when no member of staff did, the reasons the site
# writes) and the words of the site's feeds, which are in the site's language (logf-).

## The audit log

# Who acted when no member of staff did.
logf-actor-site = Broadsheet (automatic)
logf-actor-command-line = command line
# A role change; $old and $new: role names (desk-role-*).
logf-role-change = { $old } → { $new }
# Why the site hid a comment; $weight: what the open reports from established members weigh,
# $count: all the comment's open reports.
logf-auto-hide = open reports weighing { $weight } from established members ({ $count } in all)
# An undo's entry; $id: the entry undone, $action: what it did (desk-action-*).
logf-undo-of = undo of #{ $id } ({ $action })

## Why something was left as it was (listed after "Not changed:")

logf-no-comment = comment { $id } does not exist
logf-comment-deleted = comment { $id } was deleted by its author and stays so
logf-comment-not-pinnable = comment { $id } is not shown to readers, so it cannot be an editor's pick
logf-comment-unchanged = comment { $id } is already in that state
logf-no-member = member { $id } does not exist
# $name: a member of staff.
logf-staff-not-banned = { $name } is on the staff and cannot be banned; an administrator can change their role first
logf-no-question = question #{ $id } does not exist
logf-question-answered = question #{ $id }: it has been answered already
logf-question-approved = question #{ $id }: it is approved already
logf-question-rejected = question #{ $id }: it is rejected already
logf-question-changed = question #{ $id } was changed meanwhile

## A comment policy's change in the log; $mode: the mode set (desk-mode-*, desk-policy-as-wider),
## $name: the section's, article's, embedded site's or thread's

logf-policy-site = site: { $mode }
logf-policy-section = section { $name }: { $mode }
logf-policy-article = article { $name }: { $mode }
logf-policy-embed-site = embedded site { $name }: { $mode }
logf-policy-embed-thread = embedded thread { $name }: { $mode }

## Feeds

# A section's, tag's or author's feed; $name: theirs, $site: the site's name.
logf-feed-of = { $name } — { $site }
# An article's comment feed; $title: the article's.
logf-feed-comments-on = Comments on { $title } — { $site }
# A member's comment feed; $name: the member's.
logf-feed-comments-by = Comments by { $name } — { $site }
# A comment in a feed; $name: its author, $title: its article's.
logf-feed-comment = { $name } on “{ $title }”
