field-email = E-Mail
field-password = Passwort
field-display-name = Anzeigename

signin-title = Anmelden
signin-button = Anmelden
signin-forgotten = Passwort vergessen?
signin-link-instead = Stattdessen einen Anmeldelink per E-Mail schicken
signin-with-sso = Mit { $provider } anmelden
signin-new-here = Neu hier?
signin-create-link = Konto anlegen

signup-title = Konto anlegen
signup-standfirst = Diskutieren Sie mit – unter jedem Artikel.
signup-password-hint = Mindestens 10 Zeichen. Ein paar Wörter, die nichts miteinander zu tun haben, ergeben ein starkes Passwort.
signup-notify = Mich per E-Mail benachrichtigen, wenn jemand auf mich antwortet oder mich erwähnt
signup-honeypot = Website
signup-button = Konto anlegen
signup-mail-note = Wir schicken Ihnen einen Link, mit dem Sie Ihre Adresse bestätigen; Ihr Konto entsteht, wenn Sie ihn öffnen.
signup-already-member = Schon registriert?
signup-sign-in-link = Anmelden
signup-sent-title = Sehen Sie in Ihr Postfach
signup-sent = Wir haben eine Nachricht an <strong>{ $email }</strong> geschickt. Öffnen Sie den Link darin innerhalb von 24 Stunden, um Ihr Konto fertig anzulegen. Ist sie nach ein paar Minuten nicht da, sehen Sie im Spam-Ordner nach.
signup-sent-wrong = Adresse vertippt? <a>Neu beginnen</a>. Schon registriert? <a>Anmelden</a>.

signup-confirm-title = Ihr Konto anlegen
signup-confirm-intro = Drücken Sie auf die Schaltfläche, um Ihr Konto für <strong>{ $email }</strong> anzulegen und sich anzumelden.
signup-confirm-button = Konto anlegen
signup-confirm-taken = Es gibt bereits ein Konto mit dieser E-Mail-Adresse: Es wurde angelegt, nachdem dieser Link verschickt wurde, deshalb entsteht kein zweites.
signup-confirm-taken-next = <a>Melden Sie sich an</a> oder <a>wählen Sie ein neues Passwort</a>, falls Sie es vergessen haben.
signup-confirm-expired = Dieser Registrierungslink ist abgelaufen oder wurde schon benutzt. Links funktionieren einmal, 24 Stunden lang.
signup-confirm-expired-next = Wenn Sie ihn schon benutzt haben, gibt es Ihr Konto: <a>Melden Sie sich an</a>. Andernfalls <a>registrieren Sie sich erneut</a>.

reset-title = Passwort zurücksetzen
reset-sent = Wenn ein Konto diese Adresse verwendet, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er funktioniert einmal, eine Stunde lang.
reset-button = Link senden
reset-new-title = Neues Passwort wählen
reset-new-hint = Mindestens 10 Zeichen. Beim Speichern werden Sie überall abgemeldet, alle Ihre API-Tokens widerrufen und alle anderen Anmelde- oder Zurücksetzungslinks, die wir Ihnen gemailt haben, ungültig.
reset-new-button = Neues Passwort speichern
reset-expired = Dieser Link ist abgelaufen oder wurde schon benutzt. <a>Fordern Sie einen neuen an</a>.

signin-link-title = Anmelden per E-Mail
signin-link-sent = Wenn ein Konto diese Adresse verwendet, ist ein Anmeldelink unterwegs. Er funktioniert einmal, 15 Minuten lang.
signin-link-intro = Wir schicken Ihnen einen Link, mit dem Sie sich ohne Passwort anmelden.
signin-link-button = Anmeldelink schicken
signin-link-password = Mit Passwort anmelden
signin-link-confirm-intro = Drücken Sie auf die Schaltfläche, um sich mit dem Konto anzumelden, an das dieser Link ging.
signin-link-expired = Dieser Anmeldelink ist abgelaufen oder wurde schon benutzt. Links funktionieren einmal, 15 Minuten lang.
signin-link-expired-next = <a>Neuen Link anfordern</a> oder <a>mit Passwort anmelden</a>.

verify-title = E-Mail-Adresse bestätigen
verify-done = Danke: Ihre E-Mail-Adresse ist bestätigt. Was Ihnen die Website schickt, wählen Sie in <a>Ihren Einstellungen</a>.
verify-expired = Dieser Link ist abgelaufen oder wurde schon benutzt. Angemeldet können Sie in <a>Ihren Einstellungen</a> einen neuen anfordern.

signup-sent-page-title = Sehen Sie in Ihr Postfach
signin-password-changed = Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen an.
signin-mismatch = E-Mail-Adresse und Passwort passen zu keinem Konto. Prüfen Sie beides und versuchen Sie es erneut.
signin-throttled = Zu viele fehlgeschlagene Anmeldeversuche. Warten Sie { $seconds ->
    [one] eine Sekunde
   *[other] { $seconds } Sekunden
} und versuchen Sie es erneut, oder setzen Sie Ihr Passwort zurück.
signup-honeypot-filled = Dieses Formular konnte nicht angenommen werden. Wenn Sie ein Mensch sind, lassen Sie das versteckte Feld „Website“ leer.
signup-too-many = Aus Ihrem Netz wurden in der letzten Stunde zu viele Konten angelegt. Versuchen Sie es in { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} erneut.
reset-too-many = Aus Ihrem Netz gab es in der letzten Stunde zu viele Versuche, ein neues Passwort zu wählen. Versuchen Sie es in { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} erneut.
form-email-needed = Geben Sie die E-Mail-Adresse Ihres Kontos ein, etwa name@example.org.
signin-link-too-many = In der letzten Stunde wurden zu viele Anmeldelinks angefordert. Nutzen Sie den zuletzt erhaltenen oder versuchen Sie es in { $minutes ->
    [one] einer Minute
   *[other] { $minutes } Minuten
} erneut.
sso-denied = Die Anmeldung mit { $provider } wurde abgebrochen. Versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.
sso-expired = Die Anmeldung mit { $provider } hat zu lange gedauert oder wurde in einem anderen Browser begonnen. Versuchen Sie es erneut.
sso-state = Die Antwort von { $provider } passte nicht zu der Anmeldung, die dieser Browser begonnen hat, und wurde deshalb abgelehnt. Versuchen Sie es von dieser Seite aus erneut.
sso-unverified = { $provider } hat die E-Mail-Adresse Ihres dortigen Kontos nicht bestätigt und kann Sie deshalb hier nicht anmelden. Bestätigen Sie die Adresse zuerst bei { $provider } oder melden Sie sich mit Ihrem Passwort an.
sso-unavailable = { $provider } ist gerade nicht erreichbar. Versuchen Sie es in ein paar Minuten erneut oder melden Sie sich mit Passwort oder per E-Mail-Link an.
sso-failed = { $provider } konnte Sie nicht anmelden. Versuchen Sie es erneut oder melden Sie sich mit Passwort oder per E-Mail-Link an.

user-invalid-email = Geben Sie eine E-Mail-Adresse wie name@example.org ein.
user-email-too-long = Die E-Mail-Adresse ist länger als 254 Zeichen.
user-password-too-short = Das Passwort muss mindestens 10 Zeichen lang sein.
user-password-too-long = Das Passwort darf höchstens 1024 Zeichen lang sein.
name-empty = Geben Sie einen Anzeigenamen ein: Er steht neben Ihren Kommentaren.
name-too-long = Der Anzeigename darf höchstens 60 Zeichen lang sein.
name-control = Der Anzeigename darf keine Steuerzeichen enthalten.
name-reserved = Dieser Anzeigename ist reserviert.
