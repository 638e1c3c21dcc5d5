# The mails about a member's account. Each mail is put together from these lines, with blank
# lines between paragraphs.

# $name: the member's display name.
mail-hello-name = Hello { $name },
mail-hello = Hello,

mail-reset-subject = Reset your password
# $site: the site's name.
mail-reset-intro = Someone (we hope you) asked to reset the password of your { $site } account.
mail-reset-open = Open this link within an hour to choose a new password:
mail-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.

mail-signin-subject = Your sign-in link
# $site: the site's name.
mail-signin-intro = Someone (we hope you) asked to sign in to { $site } without a password.
# $minutes: how long the link works.
mail-signin-open = Open this link within { $minutes } minutes and press "Sign in":
mail-signin-ignore = The link works once. If you did not ask for it, ignore this message: nobody can sign in without it.

mail-signup-subject = Finish creating your account
# $site: the site's name; $hours: how long the link works.
mail-signup-intro = Someone (we hope you) asked to create an account on { $site } with this address. Open this link within { $hours } hours and press "Create account" to finish:
mail-signup-ignore = The link works once. If you did not ask for this, ignore this message: no account is made without it.

mail-taken-subject = Someone tried to create an account with your address
# $site: the site's name.
mail-taken-intro = Someone (perhaps you) tried to create a new account on { $site } with this address. You already have an account, so no new one was made and yours is unchanged.
mail-taken-sign-in = Sign in:
mail-taken-reset = Forgotten your password? Choose a new one:
mail-taken-ignore = If it was not you, there is nothing to do.

mail-verify-subject = Confirm your e-mail address
# $site: the site's name; $hours: how long the link works.
mail-verify-intro = Please confirm that this is your address for { $site }: open this link within { $hours } hours.
# $site: the site's name.
mail-verify-until = Until you do, { $site } sends you nothing but what you ask for yourself.
mail-verify-ignore = If you did not create an account, ignore this message.
