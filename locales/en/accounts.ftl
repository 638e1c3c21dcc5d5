# Signing up, signing in, e-mailed links and password resets.

field-email = Email
field-password = Password
field-display-name = Display name

signin-title = Sign in
signin-button = Sign in
signin-forgotten = Forgotten your password?
signin-link-instead = Email me a sign-in link instead
# $provider: the newsroom's sign-in service, as the operator names it.
signin-with-sso = Sign in with { $provider }
signin-new-here = New here?
signin-create-link = Create an account

signup-title = Create an account
signup-standfirst = Join the conversation under every story.
signup-password-hint = At least 10 characters. A few unrelated words make a strong one.
signup-notify = E-mail me when someone replies to me or mentions me
signup-honeypot = Website
signup-button = Create account
signup-mail-note = We will e-mail you a link to confirm your address; your account is made when you open it.
signup-already-member = Already a member?
signup-sign-in-link = Sign in
signup-sent-title = Check your e-mail
# $email: the address the link went to.
signup-sent = We sent a message to <strong>{ $email }</strong>. Open the link in it within 24 hours to finish creating your account. If it has not arrived in a few minutes, look in your spam folder.
signup-sent-wrong = Typed the wrong address? <a>Start again</a>. Already a member? <a>Sign in</a>.

signup-confirm-title = Create your account
# $email: the address of the account to be made.
signup-confirm-intro = Press the button to create your account for <strong>{ $email }</strong> and sign in.
signup-confirm-button = Create account
signup-confirm-taken = An account with this e-mail address already exists: it was made after this link was sent, so no second one was created.
signup-confirm-taken-next = <a>Sign in</a>, or <a>choose a new password</a> if you have forgotten it.
signup-confirm-expired = This sign-up link has expired or has already been used. Links work once, for 24 hours.
signup-confirm-expired-next = If you already used it, your account exists: <a>sign in</a>. Otherwise <a>sign up again</a>.

reset-title = Reset your password
reset-sent = If an account uses that address, a link to choose a new password is on its way. It works once, for an hour.
reset-button = Send the link
reset-new-title = Choose a new password
reset-new-hint = At least 10 characters. Saving it signs you out everywhere, revokes all your API tokens and cancels any other sign-in or reset links we have e-mailed you.
reset-new-button = Save the new password
reset-expired = This link has expired or has already been used. <a>Ask for a new one</a>.

signin-link-title = Sign in by e-mail
signin-link-sent = If an account uses that address, a sign-in link is on its way. It works once, for 15 minutes.
signin-link-intro = We will e-mail you a link that signs you in without a password.
signin-link-button = Email me a sign-in link
signin-link-password = Sign in with your password
signin-link-confirm-intro = Press the button to sign in with the account this link was sent to.
signin-link-expired = This sign-in link has expired or has already been used. Links work once, for 15 minutes.
signin-link-expired-next = <a>Ask for a new link</a> or <a>sign in with your password</a>.

verify-title = Confirm your e-mail address
verify-done = Thank you: your e-mail address is confirmed. You can choose what the site mails you in <a>your settings</a>.
verify-expired = This link has expired or has already been used. Signed in, you can ask for a new one in <a>your settings</a>.

signup-sent-page-title = Check your e-mail
signin-password-changed = Your password has been changed. Sign in with the new one.
signin-mismatch = That e-mail address and password do not match an account. Check them and try again.
# $seconds: how long to wait.
signin-throttled = Too many failed attempts to sign in. Wait { $seconds } seconds and try again, or reset your password.
signup-honeypot-filled = This form could not be accepted. If you are a person, leave the hidden Website field empty.
# $minutes: how long to wait.
signup-too-many = Too many accounts have been created from your network in the last hour. Try again in { $minutes } minutes.
# $minutes: how long to wait.
reset-too-many = Too many attempts to choose a new password from your network in the last hour. Try again in { $minutes } minutes.
form-email-needed = Enter the e-mail address of your account, like name@example.org.
# $minutes: how long to wait.
signin-link-too-many = Too many sign-in links have been asked for in the last hour. Use the latest one you received, or try again in { $minutes } minutes.
# $provider: the newsroom's sign-in service, as the operator names it.
sso-denied = Signing in with { $provider } was cancelled. Try again, or sign in with your password.
sso-expired = That sign-in with { $provider } took too long or was started in another browser. Try again.
sso-state = The answer from { $provider } did not match the sign-in this browser started, so it was refused. Try again from this page.
sso-unverified = { $provider } has not verified the e-mail address of your account there, so it cannot sign you in here. Verify the address with { $provider } first, or sign in with your password.
sso-unavailable = { $provider } cannot be reached just now. Try again in a few minutes, or sign in with your password or an e-mailed link.
sso-failed = { $provider } could not sign you in. Try again, or sign in with your password or an e-mailed link.

# Checks of what a member types.
user-invalid-email = Enter an e-mail address like name@example.org.
user-email-too-long = The e-mail address is longer than 254 characters.
user-password-too-short = The password must be at least 10 characters long.
user-password-too-long = The password must be at most 1024 characters long.
name-empty = Enter a display name: it is shown beside your comments.
name-too-long = The display name can be at most 60 characters long.
name-control = The display name cannot contain control characters.
name-reserved = That display name is reserved.
