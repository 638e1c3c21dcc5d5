mail-hello-name = Hallo { $name },
mail-hello = Hallo,

mail-reset-subject = Passwort zurücksetzen
mail-reset-intro = Jemand (hoffentlich Sie) hat darum gebeten, das Passwort Ihres Kontos bei { $site } zurückzusetzen.
mail-reset-open = Öffnen Sie diesen Link innerhalb einer Stunde, um ein neues Passwort zu wählen:
mail-reset-ignore = Wenn Sie das nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.

mail-signin-subject = Ihr Anmeldelink
mail-signin-intro = Jemand (hoffentlich Sie) möchte sich ohne Passwort bei { $site } anmelden.
mail-signin-open = Öffnen Sie diesen Link innerhalb von { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} und drücken Sie auf „Anmelden“:
mail-signin-ignore = Der Link funktioniert einmal. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: Ohne ihn kann sich niemand anmelden.

mail-signup-subject = Schließen Sie die Registrierung ab
mail-signup-intro = Jemand (hoffentlich Sie) möchte mit dieser Adresse ein Konto bei { $site } anlegen. Öffnen Sie diesen Link innerhalb von { $hours ->
    [one] einer Stunde
   *[other] { $hours } Stunden
} und drücken Sie auf „Konto anlegen“:
mail-signup-ignore = Der Link funktioniert einmal. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht: Ohne ihn wird kein Konto angelegt.

mail-taken-subject = Jemand wollte mit Ihrer Adresse ein Konto anlegen
mail-taken-intro = Jemand (vielleicht Sie) wollte mit dieser Adresse ein neues Konto bei { $site } anlegen. Sie haben bereits ein Konto, deshalb wurde kein neues angelegt, und Ihres bleibt unverändert.
mail-taken-sign-in = Anmelden:
mail-taken-reset = Passwort vergessen? Wählen Sie ein neues:
mail-taken-ignore = Wenn Sie das nicht waren, müssen Sie nichts tun.

mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse
mail-verify-intro = Bitte bestätigen Sie, dass dies Ihre Adresse für { $site } ist: Öffnen Sie diesen Link innerhalb von { $hours ->
    [one] einer Stunde
   *[other] { $hours } Stunden
}.
mail-verify-until = Bis dahin schickt Ihnen { $site } nur, was Sie selbst anfordern.
mail-verify-ignore = Wenn Sie kein Konto angelegt haben, ignorieren Sie diese Nachricht.
