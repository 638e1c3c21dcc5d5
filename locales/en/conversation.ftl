# The conversation under a story: comments, replies, reports, members' pages and app.js.

## The conversation block of an article page

# $count: the number of comments readers can see.
conv-heading = Comments ({ $count })
conv-none-title = No comments yet
conv-none-first = Be the first to share your thoughts!
conv-sort-label = Sort comments
conv-sort-oldest = Oldest
conv-sort-newest = Newest
conv-sort-most-liked = Most liked
conv-show-more = Show more comments
conv-closed = Comments are closed on this article.
conv-join = Join the conversation
conv-join-sign-in = <a>Sign in</a> to share your thoughts and engage with the community.

## The comment form

# $name: the display name of the member whose comment is being answered.
conv-replying-to = Replying to { $name }
conv-replying-to-comment = Replying to this comment
conv-cancel-reply = Cancel reply
conv-comment-label = Comment
conv-premoderated = Comments on this article are read by a moderator before they appear.
conv-hint = Be kind and stay on topic. Markdown works: *emphasis*, [links](https://example.org), `code`, > quotes and lists.
conv-honeypot-label = Website
conv-post = Post comment

## One comment

conv-muted-summary = Comment from a member you muted — show
conv-deleted-author = [deleted]
# $name: the display name of the member this reply answers.
conv-replying-to-lower = replying to { $name }
conv-edited = (edited)
conv-pick = Editor's pick
conv-held = <strong>Awaiting review.</strong> Only you can see this comment until a moderator approves it.
# $reason: the moderator's reason, as they wrote it.
conv-rejected = <strong>Not published.</strong> A moderator rejected this comment: { $reason }. Only you can see it.
# $count: how many members like the comment.
conv-likes =
    { $count ->
        [one] { $count } like
       *[other] { $count } likes
    }
conv-tombstone-removed = This comment was removed by a moderator.
conv-tombstone-hidden = This comment is hidden while moderators review it.
conv-tombstone-deleted = This comment was deleted.
conv-like = Like
conv-reply = Reply
conv-edit = Edit
conv-delete = Delete
conv-report = Report
conv-mute = Mute
conv-unmute = Unmute

## Editing a comment

conv-edit-title = Edit your comment
conv-edit-hint = Comments can be edited for 15 minutes after posting; an edited comment says so.
conv-save = Save changes
conv-back = Back to the conversation

## Reporting a comment

conv-report-title = Report a comment
conv-report-thanks = Thank you. Moderators will look at this comment.
conv-report-why = Why should moderators look at it?
conv-reason-spam = Spam or advertising
conv-reason-abuse = Abusive, hateful or harassing
conv-reason-off-topic = Off-topic
conv-reason-misinformation = False or misleading
conv-reason-other = Something else
conv-report-note = Anything moderators should know (optional)
conv-report-send = Send report

## A member's public page

conv-member-kicker = Member
# $date: the day they joined, already formatted.
conv-member-since = Member since { $date }
conv-member-comments = Comments
conv-member-none = No comments yet.
conv-member-no-older = There are no older comments.
# $title: the article's headline.
conv-member-on = On <a>{ $title }</a>
conv-member-pages = Pages
conv-member-newest = Newest comments
conv-member-older = Older comments
# $name: the member's display name.
conv-member-comments-by = Comments by { $name }

## Comments from an earlier account (imported)

conv-earlier-title = Comments from an earlier account
# $email: the member's address.
conv-earlier-intro = Comments brought over from the site's earlier comment system carry the address their author gave there. Those written with your address, <strong>{ $email }</strong>, can become yours. <a>Back to settings</a>.
# $count: how many imported comments; $names: the names they were written under.
conv-earlier-yours =
    { $count ->
        [one] { $count } comment from your earlier account ({ $names }).
       *[other] { $count } comments from your earlier account ({ $names }).
    }
conv-earlier-claim = Claim them
# $count: how many imported comments carry the member's address.
conv-earlier-verify-first =
    { $count ->
        [one] { $count } comment from an earlier account carry your address. Verify your address first (follow the link in the message we sent you); then you can claim them here.
       *[other] { $count } comments from an earlier account carry your address. Verify your address first (follow the link in the message we sent you); then you can claim them here.
    }
conv-earlier-none = No comments from an earlier account carry your address.
# $count: how many comments were claimed.
conv-earlier-claimed = { $count } comment(s) from your earlier account are now yours.
conv-earlier-unverified = Your address is not verified yet: follow the link in the message we sent you, then claim the comments here.

## Refusals and errors

conv-empty = Write something before posting: the comment is empty.
# $got: the comment's length in characters; $max: the limit.
conv-too-long = The comment is { $got } characters long; the limit is { $max }. Shorten it and post again.
# $limit: comments a minute allowed; $seconds: how long to wait.
conv-too-fast = You are posting faster than { $limit } comments a minute. Wait { $seconds } seconds, then post again: your text is kept below.
conv-honeypot = This comment could not be accepted. If you are a person, leave the hidden Website field empty.
conv-bad-parent = The comment being replied to is not valid.
conv-parent-missing = The comment you are replying to does not exist (it may have been removed). Post your text as a new comment instead.
conv-parent-elsewhere = The comment you are replying to belongs to another article. Post your text as a new comment here instead.
conv-parent-deleted = The comment you are replying to has been deleted. Post your text as a new comment instead.
conv-closed-post = Comments are closed on this article, so nothing more can be posted here.
conv-closed-edit = Comments are closed on this article, so comments here can no longer be changed. Your text is still here to copy.
# $word: the word that is not allowed.
conv-banned-word-post = Your comment contains “{ $word }”, which is not allowed here. Take it out and post again: your text is kept below.
# $word: the word that is not allowed.
conv-banned-word-save = Your comment contains “{ $word }”, which is not allowed here. Take it out and save again: your text is kept below.
conv-only-author = Only the author of a comment can change it.
conv-edit-late = The 15 minutes for editing this comment have passed, so it was not changed. Your text is still here to copy.
conv-edit-deleted = This comment has been deleted, so it cannot be edited.
conv-already-deleted = This comment was already deleted.
conv-one-action = Choose one action for one comment: like, unlike, delete, mute or unmute.
conv-like-own = You cannot like your own comment.
conv-like-cannot = This comment cannot be liked.
conv-like-already = You already like this comment.
conv-like-not-liked = You had not liked this comment, so there was nothing to take back.
conv-report-own = You cannot report your own comment.
conv-report-reason = Choose a reason for the report.
conv-report-note-long = The note can be at most 1,000 characters long.
conv-report-already = You have already reported this comment; moderators will look at it.
conv-mute-self = You cannot mute yourself.
conv-mute-cannot = This comment's author cannot be muted from here (the comment or its author's account is gone). Manage mutes in your settings.
conv-bad-page = This comments page link is not valid. Use the “Show more comments” link instead.
conv-member-bad-page = This page link is not valid. Use the “Older comments” link to move through the list, or start again from the first page.

## What the script says (app.js)

conv-js-posted = Your comment was posted
conv-js-not-posted = The comment was not posted
conv-js-not-sent = The comment could not be sent
conv-js-like-not-saved = The like was not saved
conv-js-like-not-sent = The like could not be sent
# $what: one of the messages above.
conv-js-signed-out = { $what }: you seem to be signed out. Sign in again, then retry.
# $what: one of the messages above; $status: the HTTP status code.
conv-js-failed = { $what } (error { $status }). Reload the page and try again.
# $what: one of the messages above.
conv-js-offline = { $what }: check your connection and try again.
# $name: the display name of the comment's author.
conv-js-new-from = New comment from { $name }
conv-js-new = New comment
conv-js-reload = New comments – reload
