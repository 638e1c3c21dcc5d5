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

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

mail-reply-subject = { $author } hat auf Ihren Kommentar zu „{ $title }“ geantwortet
mail-mention-subject = { $author } hat Sie bei „{ $title }“ erwähnt
mail-read-and-answer = Lesen und antworten:
mail-why-replies = Sie erhalten diese E-Mail von { $site }, weil Sie über Antworten auf Ihre Kommentare informiert werden möchten.
mail-why-mentions = Sie erhalten diese E-Mail von { $site }, weil Sie informiert werden möchten, wenn jemand Sie erwähnt.
mail-why-digest = Sie erhalten diese tägliche Zusammenfassung von { $site }, weil Sie Antworten und Erwähnungen einmal am Tag erhalten möchten.
mail-stop-these = Diese E-Mails mit einem Klick abbestellen:
mail-choose-what = Wählen Sie, was Sie erhalten:
mail-digest-subject = { $count ->
    [one] Ihre tägliche Zusammenfassung: { $count } Antwort oder Erwähnung
   *[other] Ihre tägliche Zusammenfassung: { $count } Antworten und Erwähnungen
}
mail-digest-since = { $count ->
    [one] Seit Ihrer letzten Zusammenfassung: { $count } Antwort oder Erwähnung.
   *[other] Seit Ihrer letzten Zusammenfassung: { $count } Antworten und Erwähnungen.
}

## The moderation-queue alert to staff.

mail-alert-subject = { $count ->
    [one] In der Moderationswarteschlange liegt { $count } Eintrag
   *[other] In der Moderationswarteschlange liegen { $count } Einträge
}
mail-alert-holds = { $count ->
    [one] In der Moderationswarteschlange liegt { $count } Eintrag, so viele wie oder mehr als die von Ihnen gewählten { $threshold }:
   *[other] In der Moderationswarteschlange liegen { $count } Einträge, so viele wie oder mehr als die von Ihnen gewählten { $threshold }:
}
mail-queue-pending = wartend
mail-queue-reported = gemeldet
mail-queue-flagged = markiert
mail-alert-open = Zur Moderation:
mail-alert-quiet = Sie hören erst wieder von uns, wenn die Warteschlange unter { $threshold } gefallen und wieder angewachsen ist.
mail-alert-stop = Diese Hinweise mit einem Klick abbestellen:
mail-alert-change = Schwelle ändern:

## A reader's question answered in live coverage.

mail-answered-subject = Die Redaktion hat Ihre Frage beantwortet – { $site }
mail-answered-asked = Sie haben die Redaktion zu „{ $title }“ gefragt:
mail-answered-where = Die Antwort steht in der Live-Berichterstattung:
mail-answered-why = Sie erhalten nur diese eine E-Mail, weil Sie benachrichtigt werden wollten, sobald Ihre Frage beantwortet ist.

## The words around a newsletter edition.

mail-newsletter-web = Diese Ausgabe im Web lesen
mail-newsletter-why = Sie erhalten { $newsletter } von { $site }, weil Sie ihn abonniert haben.
mail-newsletter-unsubscribe = Mit einem Klick abbestellen
