# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = Dashboard
desk-link-questions = Readers' questions
desk-link-members = Members
desk-link-policies = Policies and word lists
desk-link-log = Audit log
desk-link-desk = Moderation desk
desk-link-role-changes = Role changes
desk-forbidden = Your role does not allow this: ask an administrator if you need it.
desk-yes = Yes
desk-no = No
desk-reason = Reason
desk-note = Note
desk-status = Status
desk-undo = Undo
desk-undone = (undone)
# $count: a number of days (a ban's length).
desk-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## The desk (/admin/moderation)

desk-title = Moderation
desk-queues = Queues
desk-queue-pending = Pending
desk-queue-reported = Reported
desk-queue-flagged = Auto-flagged
desk-order = Order:
desk-order-priority = priority
desk-order-oldest = oldest first
# Between the keys the desk's script answers to (j/k, a, r, x), which stay as they are.
desk-keys = Keyboard:
desk-keys-move = next and previous
desk-keys-approve = approve
desk-keys-reject = reject (with the chosen reason)
desk-keys-select = select.
# $queue: the queue's name.
desk-queue-empty = Nothing waiting in { $queue }. Well done.
desk-with-selected = With the selected comments
desk-approve-selected = Approve selected
desk-reject-selected = Reject selected
desk-first-hundred = Showing the first 100; decide on these to see more.
# $author: the comment's author.
desk-comment-by = Comment by { $author }
# Before the article's title: "Comment by Ann on <title>, <time>".
desk-comment-on = on
desk-editors-pick = Editor's pick
desk-why-held = Why held
desk-spam-score = Spam score
desk-not-scored = not scored yet
desk-author = Author
desk-trust-level = Trust level
desk-reports = Reports
desk-report-uncounted = (from a new member: does not count toward hiding)
desk-report-double = (from a trusted member: counts twice)
# $name: the parent comment's author; $text: an excerpt of it.
desk-in-reply-to = In reply to { $name }: { $text }
desk-deleted-author = [deleted]
# $count: how many decisions.
desk-earlier-decisions = Earlier decisions ({ $count })
# $what: the decision (e.g. "approved"); $by: the moderator.
desk-decision-by = { $what } by { $by }
desk-approve = Approve
desk-reject = Reject
desk-pin = Pin as editor's pick
desk-unpin = Unpin
desk-ban-for = Ban for
# The last choice of "Ban for": for good.
desk-ban-good = good
desk-ban-author = Ban author
# An author's record at the desk; each $count a number of comments.
desk-record-published = { $count } published
desk-record-waiting = { $count } waiting
desk-record-rejected = { $count } rejected
desk-record-deleted = { $count } deleted
# $day: a date.
desk-member-since = member since { $day }
desk-banned-for-good = banned for good
# $day: a date.
desk-banned-until = banned until { $day }

desk-status-visible = Shown to readers
desk-status-held = Held
desk-status-rejected = Rejected
desk-status-deleted = Deleted

desk-held-premoderation = Pre-moderated
desk-held-first-comment = First comment from a new member
desk-held-link = Link from a new member
desk-held-suspect-word = Suspect word
desk-held-spam = Spam filter
desk-held-reports = Hidden after reports

desk-reject-spam = Spam or advertising
desk-reject-abuse = Abusive, hateful or a personal attack
desk-reject-off-topic = Off topic
desk-reject-personal = Shares someone's personal information
desk-reject-other = Breaks the community guidelines
# A rejected comment's reason with the moderator's words. $reason: the reason, in words; $note: the moderator's note.
desk-rejection-with-note = { $reason }: { $note }

desk-trust-new = new
desk-trust-member = member
desk-trust-trusted = trusted

# Why a comment waits. $count: how many first comments are pre-moderated.
desk-why-premoderated-first = pre-moderated: one of a member's first { $count } comments
desk-why-premoderated = pre-moderated: every comment here waits
desk-why-first-comment = first comment from a new member
desk-why-first-link = first link from a new member
# $level: the author's trust level ("member", "trusted").
desk-why-link = link from a { $level } with few approved comments
# $word: the suspect word found.
desk-why-suspect-word = suspect word: { $word }
desk-why-suspect = suspect word
# $score: the spam filter's score, e.g. 0.93.
desk-why-spam-score = spam score { $score }
desk-why-spam = spam filter
# $weight: the reports' total weight.
desk-why-reports-weighing = hidden after reports weighing { $weight }
desk-why-reports = hidden after reports
# $why: the reason the comment waits.
desk-why-edited = edited after posting; { $why }

# What a logged action did, as the desk and the audit log say it.
desk-did-approve = approved
desk-did-reject = rejected
desk-did-pin = pinned as an editor's pick
desk-did-unpin = unpinned
desk-did-auto-hide = hidden after reports
desk-did-ban = banned
desk-did-unban = ban lifted
desk-did-role = role changed
desk-did-question-approve = question approved
desk-did-question-reject = question rejected
desk-did-undo = undone
desk-did-policy = comment policy changed
desk-did-words = word lists changed
desk-did-settings = settings changed
desk-did-other = changed

# After a decision. $count: how many items; $what: what was done to them ("approved").
desk-done-items = { $count ->
    [one] { $count } item { $what }
   *[other] { $count } items { $what }
}
# $list: what was done, e.g. "2 items approved".
desk-done = Done: { $list }.
# $list: why some comments were not changed.
desk-not-changed = Not changed: { $list }.
desk-refuse-action = That button's action was not understood; reload the page.
desk-refuse-comment = That button's comment was not understood; reload the page.
desk-refuse-none-selected = Select at least one comment first, then choose an action.
# $count: the most comments one action takes.
desk-refuse-too-many = Act on at most { $count } comments at once.
desk-refuse-ban = Your role does not allow banning.
desk-refuse-reason = Choose a reason for rejecting: the author will read it.
desk-refuse-unknown = Choose approve, reject, pin or ban.

# Undoing. $count: how many actions were undone.
desk-undone-count = { $count ->
    [one] Undone: { $count } action.
   *[other] Undone: { $count } actions.
}
# $list: the actions not undone and why.
desk-not-undone = Not undone: { $list }.
# Each $id: an audit log entry's number.
desk-undo-no-entry = #{ $id } does not exist
desk-undo-missing = #{ $id }: does not exist
desk-undo-role = #{ $id }: your role cannot undo this
desk-undo-already = #{ $id }: was already undone
desk-undo-settings = #{ $id }: is an edit of settings; change them again instead
desk-undo-changed = #{ $id }: has been changed since by another decision; undo that one first

## The audit log (/admin/moderation/log)

desk-log-title = Audit log
desk-log-action = Action
desk-log-any = Any
desk-log-by-member = By member number
desk-log-comment = Comment number
desk-log-about-member = About member number
desk-log-filter = Filter
desk-log-none = Nothing logged that matches.
desk-log-when = When
desk-log-who = Who
desk-log-what = What
desk-log-about = About
desk-log-why = Why
# $id: an audit log entry's number.
desk-undo-entry = Undo #{ $id }
desk-log-older = Older entries
# $id: a comment's number; $name: its author.
desk-log-comment-by = comment #{ $id } by { $name }
# $id: a comment's number.
desk-log-comment-number = comment #{ $id }
# $name: a member's name.
desk-log-member = member { $name }
# The log's filter menu.
desk-action-approve = approve
desk-action-reject = reject
desk-action-pin = pin
desk-action-unpin = unpin
desk-action-auto-hide = auto_hide
desk-action-ban = ban
desk-action-unban = unban
desk-action-undo = undo
desk-action-role = role
desk-action-policy = policy
desk-action-words = words
desk-action-settings = settings

## Members (/admin/users)

desk-users-title = Members
desk-users-search = Name or e-mail address contains
desk-users-find = Find
desk-users-none = No members match.
desk-users-member = Member
desk-users-role = Role
desk-users-conversation = Conversation
# Before the date a member joined.
desk-users-joined = joined
# Each $name: a member's name.
desk-users-role-of = Role of { $name }
desk-users-set-role-of = Set role of { $name }
desk-users-set-role = Set role
desk-users-ban-for = Ban { $name } for
desk-users-lift = Lift the ban
desk-for-good = for good
desk-users-apply-to = Apply to { $name }
desk-users-apply = Apply
desk-users-more = More members
desk-users-banned-for-good = Banned for good
# $day: a date.
desk-users-banned-until = Banned until { $day }
desk-users-own-role = You cannot change your own role; ask another administrator.
# $role: the role's name.
desk-users-role-set = Role set to { $role }.
desk-users-ban-lifted = Ban lifted.
desk-users-banned = Member banned.
desk-role-member = member
desk-role-contributor = contributor
desk-role-moderator = moderator
desk-role-editor = editor
desk-role-admin = admin

## Moderation settings (/admin/moderation/settings)

desk-settings-title = Moderation settings
desk-settings-site = Site-wide
desk-settings-comments = Comments
desk-settings-open = Open
desk-settings-premoderated = Pre-moderated
desk-settings-closed = Closed
desk-settings-first = Pre-moderate only a member's first N approved comments (blank: all)
desk-settings-close = Close comments this many days after publication (0: never)
desk-settings-link-hold = Hold links from members with fewer approved comments than
desk-settings-report-threshold = Hide a comment for review at this many reports (0: never)
# Followed by the word "new" (emphasised), then desk-settings-reporters-links.
desk-settings-reporters-hint = Every report reaches the desk; only reports from established members count toward hiding a comment, trusted members' twice. Staff's reports always count. The three settings below are the bar of readers' trust: a member who does not clear it is
desk-settings-reporters-new = new
desk-settings-reporters-links = (their links wait for review).
desk-settings-report-verified = Count reports only from members who confirmed their email address
desk-settings-report-days = Count reports only from accounts at least this many days old
desk-settings-report-approved = Count reports only from members with at least this many approved comments
desk-settings-spam-threshold = Hold comments whose spam score is at least
# $spam, $ham: how many comments the filter learnt as spam and as not spam.
desk-settings-spam-trained = The spam filter learns from moderators' decisions: { $spam } comments learnt as spam, { $ham } as not spam.
desk-settings-banned = Banned words (one per line; comments with them are refused)
desk-settings-suspect = Suspect words (one per line; comments with them wait for review)
desk-settings-matching = Matching ignores case and accents, sees through look-alike characters (0 for o, @ for a), spaced or dotted letters and stretched letters, and only matches whole words.
desk-settings-save = Save settings
desk-settings-saved = Settings saved.
desk-trust-hold-first = Hold a new member's first comment for review
desk-trust-days = Trust members whose accounts are at least this many days old
desk-trust-approved = … and who have at least this many approved comments
desk-trust-hint = Trusted members have a confirmed address and no recent rejection; their links are never held and their reports count twice.
desk-trust-demote-after = Make a member new again after this many rejected comments (0: never)
desk-trust-demote-window = … within this many days
desk-trust-demote-hint = A single rejection within the window is enough to stop a member being trusted.

desk-policy-title = A section or an article
desk-policy-for = For
desk-policy-a-section = a section
desk-policy-an-article = an article
# $example: a section's address.
desk-policy-target = Section or article address (e.g. { $example }, or the article's part after /articles/)
desk-policy-inherit = As the wider setting
desk-policy-close = Close this many days after publication (blank: as the wider setting; 0: never)
desk-policy-save = Save policy
desk-policy-saved = Policy saved.
desk-policy-where = Where
desk-policy-name = Name
desk-policy-closing = Closing
desk-policy-section = Section
desk-policy-article = Article
desk-policy-as-wider = as the wider setting
desk-policy-never = never
# $count: days.
desk-policy-days-after = { $count ->
    [one] { $count } day after publication
   *[other] { $count } days after publication
}
desk-mode-open = open
desk-mode-closed = closed
desk-mode-premoderated = pre-moderated (every comment)
# $count: how many first comments are pre-moderated.
desk-mode-premoderated-first = pre-moderated (a member's first { $count } approved comments)
# Each $target: the address typed.
desk-policy-no-section = There is no section with the address “{ $target }”.
desk-policy-no-article = There is no article with the address “{ $target }”: give the part after /articles/.
desk-policy-no-scope = Choose whether the policy is for a section or an article.

## Webhooks (/admin/webhooks)

desk-hooks-title = Webhooks
# The introduction runs around code: "Each event is sent as a signed JSON <POST>: the
# <Broadsheet-Signature> header is <t=…>, where HEX is … over <t>, a full stop and the body. …"
desk-hooks-sent-as = Each event is sent as a signed JSON
desk-hooks-header = : the
desk-hooks-header-is = header is
desk-hooks-hmac = , where HEX is HMAC-SHA256 with the endpoint's secret over
desk-hooks-retried = , a full stop and the body. A failed delivery is retried with growing delays (30 seconds, doubling, 8 attempts).
desk-hooks-add-heading = Add an endpoint
desk-hooks-url = Endpoint URL
desk-hooks-events = Events
desk-hooks-add = Add endpoint
desk-hooks-endpoints = Endpoints
desk-hooks-none = No endpoints yet.
desk-hooks-col-url = URL
desk-hooks-col-secret = Signing secret
desk-hooks-col-actions = Actions
# Before the date an endpoint was added.
desk-hooks-added = added
desk-hooks-its-deliveries = its deliveries
# $url: the endpoint's address.
desk-hooks-delete-named = Delete endpoint { $url }
desk-hooks-delete = Delete
desk-hooks-log = Delivery log
# $id: an endpoint's number.
desk-hooks-filtered = Deliveries to endpoint { $id } only.
desk-hooks-show-all = <a>Show all</a>.
desk-hooks-nothing-sent = Nothing has been sent yet.
desk-hooks-col-event = Event
desk-hooks-col-endpoint = Endpoint
desk-hooks-col-attempts = Attempts
desk-hooks-col-answer = Last answer
# Before the time of the next attempt.
desk-hooks-next-try = next try
# $id: a delivery's number.
desk-hooks-redeliver-named = Send delivery { $id } again
desk-hooks-redeliver = Send again
desk-delivery-pending = pending
desk-delivery-delivered = delivered
desk-delivery-failed = failed
desk-hooks-admins-only = Only administrators can manage webhooks.
desk-hooks-no-events = Choose at least one event to send.
desk-hooks-url-empty = Enter the URL that should receive the events.
# $max: the longest address taken, in characters.
desk-hooks-url-long = The URL can be at most { $max } characters.
desk-hooks-url-scheme = The URL must start with https:// (or http:// for a receiver on your own network).
desk-hooks-url-host = The URL must name a host, as in https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = API tokens
desk-tokens-intro = A token lets a script or another service use the <a>Broadsheet API</a> as you.
# Then the header to send, then desk-tokens-revoked-by.
desk-tokens-send-as = Send it as
desk-tokens-revoked-by = . Changing or resetting your password, or signing out everywhere, revokes every token.
desk-tokens-back = <a>Back to settings</a>.
desk-tokens-new = <strong>Your new token</strong> — copy it now: it will not be shown again.
desk-tokens-token = Token
desk-tokens-create-heading = Create a token
desk-tokens-name = Token name
desk-tokens-name-example = Newsletter script
desk-tokens-may = What it may do
desk-scope-read = Read: the API as you see the site
desk-scope-comment = Comment: post, edit and delete your comments
desk-scope-publish = Publish: create articles
# A token's scopes in the list of tokens.
desk-scope-name-read = read
desk-scope-name-comment = comment
desk-scope-name-publish = publish
desk-tokens-password = Your password (needed for a token that can publish)
desk-tokens-create = Create token
desk-tokens-yours = Your tokens
desk-tokens-none = You have no tokens.
desk-tokens-col-name = Name
desk-tokens-col-scopes = Scopes
desk-tokens-col-used = Last used
desk-tokens-col-action = Action
# Before the date a token was created.
desk-tokens-created = created
desk-tokens-never = never
# Before the date a token was revoked.
desk-tokens-revoked = revoked
# $name: the token's name.
desk-tokens-revoke-named = Revoke { $name }
desk-tokens-revoke = Revoke
desk-tokens-no-password = A token that can publish needs your password, and your account has none yet (you sign in with single sign-on or e-mailed links). Set one first: “Forgotten your password?” on the sign-in page mails you a link to choose one. Then create the token.
desk-tokens-wrong-password = Enter your current password to create a token that can publish. The token was not created.
# $count: the most live tokens a member may hold.
desk-tokens-too-many = You already have { $count } live tokens. Revoke one you no longer use, then create this one.
desk-tokens-name-empty = Give the token a name, such as the script or service that will use it.
# $max: the longest name, in characters.
desk-tokens-name-long = A token's name can be at most { $max } characters.
desk-tokens-name-control = A token's name cannot contain control characters.
desk-scope-none = Choose at least one scope: read, comment or publish
# $scope: what was asked for.
desk-scope-unknown = `{ $scope }` is not a scope: use read, comment or publish
# $scope: the scope's name (read, comment, publish).
desk-scope-not-allowed = Your role does not allow the `{ $scope }` scope

## Refused settings forms

# $what: the field's name (one of the desk-field- messages); $max: the largest number taken.
desk-settings-number = { $what } must be a whole number from 0 to { $max }.
# $what: the field's name.
desk-settings-whole = { $what } must be a whole number.
desk-field-close-days = The days before comments close
desk-field-link-hold = The approved comments before links go up
desk-field-reports = The reports that hide a comment
desk-field-report-days = The account age for reports to count (in days)
desk-field-report-approved = The approved comments a member needs for their reports to count
desk-field-trusted-days = The account age to be trusted
desk-field-trusted-approved = The approved comments to be trusted
desk-field-demote-window = The days rejections count for
desk-field-demote-after = The rejections that make a member new again
desk-settings-verified-choice = Choose whether reports count only from members with a confirmed address: yes or no.
desk-settings-spam-range = The spam score that holds a comment must be a number from 0.5 to 1.
desk-mode-first-range = The number of first comments to hold must be a whole number from 1 to 1000, or blank for all.
# $mode: the mode as sent.
desk-mode-unknown = Unknown comment mode `{ $mode }`: choose open, closed or pre-moderated.
# Before a word list's problem: "Banned words: line 2 is …".
desk-words-banned = Banned words
desk-words-suspect = Suspect words
# $line: the line's number; $chars: its length.
desk-words-long-line = line { $line } is { $chars } characters long
# $max: the longest entry, in characters.
desk-words-entry-max = an entry can be at most { $max }
# $max: the most entries a list takes.
desk-words-too-many = the list has more than { $max } entries; remove some and try again
# Each $max: the largest number taken.
desk-trust-days-range = The account age to be trusted must be a whole number of days from 0 to { $max }.
desk-trust-approved-range = The approved comments to be trusted must be a whole number from 0 to { $max }.
desk-trust-window-range = The days rejections count for must be a whole number from 0 to { $max }.
desk-trust-after-range = The rejections that make a member new again must be a whole number from 0 to { $max } (0: never).
desk-trust-hold-choice = Choose whether a new member's first comment waits for review: yes or no.
desk-ban-length = Choose how long the ban lasts: a number of days from 1 to 3650, or for good.
# $count: the note's length; $max: the longest note, in characters.
desk-note-too-long = The note is { $count } characters long; the limit is { $max }. Shorten it.
