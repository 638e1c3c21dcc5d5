# The member's settings pages.

settings-title = Settings
# $email: the member's address.
settings-signed-in-as = Signed in as <strong>{ $email }</strong>.
settings-profile = Profile
settings-save-name = Save name
settings-password = Password
settings-current-password = Current password
settings-new-password = New password
settings-password-ends = Changing your password signs out your other sessions, revokes all your API tokens and cancels any sign-in or password-reset links we have e-mailed you.
settings-change-password = Change password
settings-sessions = Sessions
settings-sessions-ends = Signed in on a device you no longer have, or worried someone else is? Signing out everywhere ends every other session, revokes all your API tokens and cancels any sign-in or password-reset links we have e-mailed you. This browser stays signed in.
settings-sign-out-everywhere = Sign out everywhere
settings-language = Language
settings-language-label = Language of the site's pages and mails
# $language: the site's language, in its own name.
settings-language-site = The site's language ({ $language })
settings-save-language = Save language
settings-email = E-mail
settings-email-confirmed = Your address is confirmed.
settings-email-unconfirmed = Your address is not confirmed yet, so the site sends you no notifications. Open the link in the mail we sent you.
settings-email-resend = Send the link again
settings-email-me = E-mail me
settings-email-replies = when someone replies to my comments
# $name: the member's display name.
settings-email-mentions = when someone mentions me (“@{ $name }”)
settings-how-often = How often
settings-each = one mail for each
settings-daily = one daily digest
settings-queue-alert = Alert me when the moderation queue holds at least this many items (empty: never)
settings-save-email = Save e-mail settings
settings-newsletters = Newsletters
settings-no-newsletter = You receive no newsletter.
# $name: the newsletter's name.
settings-unsubscribe-from = Unsubscribe from { $name }
settings-unsubscribe = Unsubscribe
settings-all-newsletters = All newsletters
settings-muted = Muted members
settings-muted-intro = Fold the comments of members you would rather not read: <a>manage muted members</a>.
settings-api = API tokens
settings-api-intro = Let scripts and services read the site, comment or publish as you: <a>manage API tokens</a>.
settings-administration = Administration
settings-webhooks = Webhooks and their delivery log
settings-data = Your data
settings-download = Download everything we hold about you
settings-download-format = (JSON).
settings-earlier = <a>Comments from an earlier account</a>: claim the comments imported with your address.
settings-delete-warning = Deleting your account cannot be undone. Your comments stay, shown as from “[deleted]”.
settings-delete = Delete my account

mutes-title = Muted members
mutes-intro = Comments from members you muted are folded for you: open one to read it. Nobody else knows whom you muted, not even them. Mute someone with the Mute button under one of their comments. <a>Back to settings</a>.
mutes-none = You have not muted anyone.
# $name: the muted member's display name.
mutes-unmute-label = Unmute { $name }
mutes-unmute = Unmute
mutes-since = {", "}muted
mutes-more = More muted members

settings-saved-profile = Your display name has been saved.
settings-saved-password = Your password has been changed. Your other sessions and your API tokens have ended, and any sign-in or reset links we e-mailed you no longer work.
settings-saved-sessions = Every other session has been signed out, your API tokens have been revoked, and any sign-in or reset links we e-mailed you no longer work.
settings-saved-notifications = Your e-mail settings have been saved.
settings-saved-verify-sent = A new link is on its way: open it to confirm your address.
settings-saved-verified = Your e-mail address is already confirmed.
settings-saved-language = Your language has been saved.
settings-wrong-password = The current password is not right.
settings-delete-wrong-password = The password is not right, so the account was not deleted.
# $languages: the languages the site has, as tags.
settings-unknown-language = Choose one of the languages in the list ({ $languages }).
mutes-unmuted = Unmuted: their comments show in full again.

settings-time-zone = Time zone
settings-time-zone-label = Show times in
# $zone: the site's time zone, by its IANA name (Europe/Berlin).
settings-time-zone-site = The site’s time zone ({ $zone })
settings-save-time-zone = Save time zone
settings-saved-time-zone = Your time zone has been saved.
# $minutes: whole minutes until another link may be asked for.
settings-verify-too-many = Several links have been sent in the last hour. Look for them in your mail (and its spam folder), or ask again in { $minutes } minutes.
settings-delivery-choose = Choose one mail each or a daily digest.
