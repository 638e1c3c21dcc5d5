# Error pages: the title, the status line and the standard messages.

# $status: the HTTP status code.
error-kicker = Error { $status }
error-front-page-link = Go to the front page
error-title-not-found = Page not found
error-title-bad-request = We could not understand that request
error-title-forbidden = Not allowed
error-title-unauthorized = Authentication required
error-title-conflict = That conflicts with existing content
error-title-too-many = Slow down a little
error-title-rejected = That could not be accepted
error-title-unavailable = Temporarily unavailable
error-title-internal = Something went wrong
error-title-too-large = Too large to accept
error-title-timeout = That took too long
error-title-other = Error
error-not-found = There is no page at this address. It may have moved, or the link may be mistyped.
error-duplicate = Something with the same name or address already exists, so nothing was changed. Go back, change it and try again.
error-unavailable = The site cannot reach its database just now. Please try again in a moment.
error-internal = An unexpected error stopped this page from loading. It has been logged; please try again.
# $kib: the largest body accepted, in KiB.
error-body-too-large = What you sent is larger than this site accepts ({ $kib } KiB at most).
error-timeout = The request took too long to arrive or to answer. Please try again.
error-cross-site = This form was sent from another site, so it was refused. If you meant to do this, go to the page on this site and send it from there.
error-stale-form = This form has expired or was not sent from this site. Go back, reload the page and try again.
error-unreadable = Part of what was sent could not be read: a value in the wrong form, or one missing. Go back, check what you entered and try again.
error-wrong-method = This address does not accept that kind of request.
error-request-failed = The request could not be completed.
# $until: the date and time the suspension ends, in words.
error-banned-until = Your account is suspended from the conversation until { $until }: you can read, but not post, edit, like or report.
error-banned-forever = Your account is suspended from the conversation permanently: you can read, but not post, edit, like or report.
# $reason: the moderator's reason, as they wrote it.
error-ban-reason = Reason: { $reason }
error-title-busy = Too busy just now
error-busy = The site is answering as many requests as it can. Please try again in a moment.
error-sign-in-first = Sign in to do that.
error-passwords-busy = Passwords cannot be processed just now; try again.
