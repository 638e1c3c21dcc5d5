# Die Diskussion unter einem Artikel: Kommentare, Antworten, Meldungen, Mitgliederseiten und app.js.

## Der Diskussionsbereich einer Artikelseite

conv-heading = Kommentare ({ $count })
conv-none-title = Noch keine Kommentare
conv-none-first = Schreiben Sie den ersten Kommentar!
conv-sort-label = Kommentare sortieren
conv-sort-oldest = Älteste
conv-sort-newest = Neueste
conv-sort-most-liked = Beliebteste
conv-show-more = Weitere Kommentare anzeigen
conv-closed = Die Kommentare zu diesem Artikel sind geschlossen.
conv-join = Diskutieren Sie mit
conv-join-sign-in = <a>Melden Sie sich an</a>, um Ihre Meinung zu teilen und mit anderen zu diskutieren.

## Das Kommentarformular

conv-replying-to = Antwort an { $name }
conv-replying-to-comment = Antwort auf diesen Kommentar
conv-cancel-reply = Antwort abbrechen
conv-comment-label = Kommentar
conv-premoderated = Kommentare zu diesem Artikel werden vor der Veröffentlichung von der Moderation gelesen.
conv-hint = Bleiben Sie freundlich und beim Thema. Markdown funktioniert: *Betonung*, [Links](https://example.org), `Code`, > Zitate und Listen.
conv-honeypot-label = Website
conv-post = Kommentar veröffentlichen

## Ein Kommentar

conv-muted-summary = Kommentar eines stummgeschalteten Mitglieds – anzeigen
conv-deleted-author = [gelöscht]
conv-replying-to-lower = Antwort an { $name }
conv-edited = (bearbeitet)
conv-pick = Empfehlung der Redaktion
conv-held = <strong>Wird geprüft.</strong> Nur Sie sehen diesen Kommentar, bis die Moderation ihn freigibt.
conv-rejected = <strong>Nicht veröffentlicht.</strong> Die Moderation hat diesen Kommentar abgelehnt: { $reason }. Nur Sie können ihn sehen.
conv-likes =
    { $count ->
        [one] { $count } Like
       *[other] { $count } Likes
    }
conv-tombstone-removed = Dieser Kommentar wurde von der Moderation entfernt.
conv-tombstone-hidden = Dieser Kommentar ist ausgeblendet, während die Moderation ihn prüft.
conv-tombstone-deleted = Dieser Kommentar wurde gelöscht.
conv-like = Gefällt mir
conv-reply = Antworten
conv-edit = Bearbeiten
conv-delete = Löschen
conv-report = Melden
conv-mute = Stummschalten
conv-unmute = Stummschaltung aufheben

## Einen Kommentar bearbeiten

conv-edit-title = Ihren Kommentar bearbeiten
conv-edit-hint = Kommentare lassen sich bis 15 Minuten nach dem Veröffentlichen bearbeiten; ein bearbeiteter Kommentar ist als solcher gekennzeichnet.
conv-save = Änderungen speichern
conv-back = Zurück zur Diskussion

## Einen Kommentar melden

conv-report-title = Kommentar melden
conv-report-thanks = Vielen Dank. Die Moderation sieht sich diesen Kommentar an.
conv-report-why = Warum sollte sich die Moderation den Kommentar ansehen?
conv-reason-spam = Spam oder Werbung
conv-reason-abuse = Beleidigend, hasserfüllt oder belästigend
conv-reason-off-topic = Am Thema vorbei
conv-reason-misinformation = Falsch oder irreführend
conv-reason-other = Etwas anderes
conv-report-note = Was sollte die Moderation noch wissen? (optional)
conv-report-send = Meldung senden

## Die öffentliche Seite eines Mitglieds

conv-member-kicker = Mitglied
conv-member-since = Mitglied seit { $date }
conv-member-comments = Kommentare
conv-member-none = Noch keine Kommentare.
conv-member-no-older = Es gibt keine älteren Kommentare.
conv-member-on = Zu <a>{ $title }</a>
conv-member-pages = Seiten
conv-member-newest = Neueste Kommentare
conv-member-older = Ältere Kommentare
conv-member-comments-by = Kommentare von { $name }

## Kommentare aus einem früheren Konto (importiert)

conv-earlier-title = Kommentare aus einem früheren Konto
conv-earlier-intro = Kommentare aus dem früheren Kommentarsystem der Website tragen die Adresse, die ihre Verfasser dort angegeben haben. Kommentare mit Ihrer Adresse, <strong>{ $email }</strong>, können Ihnen zugeordnet werden. <a>Zurück zu den Einstellungen</a>.
conv-earlier-yours =
    { $count ->
        [one] { $count } Kommentar aus Ihrem früheren Konto ({ $names }).
       *[other] { $count } Kommentare aus Ihrem früheren Konto ({ $names }).
    }
conv-earlier-claim = Übernehmen
conv-earlier-verify-first =
    { $count ->
        [one] { $count } Kommentar aus einem früheren Konto trägt Ihre Adresse. Bestätigen Sie zuerst Ihre Adresse (über den Link in der E-Mail, die wir Ihnen geschickt haben); dann können Sie ihn hier übernehmen.
       *[other] { $count } Kommentare aus einem früheren Konto tragen Ihre Adresse. Bestätigen Sie zuerst Ihre Adresse (über den Link in der E-Mail, die wir Ihnen geschickt haben); dann können Sie sie hier übernehmen.
    }
conv-earlier-none = Keine Kommentare aus einem früheren Konto tragen Ihre Adresse.
conv-earlier-claimed =
    { $count ->
        [one] { $count } Kommentar aus Ihrem früheren Konto gehört jetzt Ihnen.
       *[other] { $count } Kommentare aus Ihrem früheren Konto gehören jetzt Ihnen.
    }
conv-earlier-unverified = Ihre Adresse ist noch nicht bestätigt: Öffnen Sie den Link in der E-Mail, die wir Ihnen geschickt haben, und übernehmen Sie die Kommentare dann hier.

## Ablehnungen und Fehler

conv-empty = Schreiben Sie etwas, bevor Sie veröffentlichen: Der Kommentar ist leer.
conv-too-long = Der Kommentar ist { $got } Zeichen lang; erlaubt sind { $max }. Kürzen Sie ihn und veröffentlichen Sie ihn erneut.
conv-too-fast =
    { $seconds ->
        [one] Sie schreiben mehr als { $limit } Kommentare pro Minute. Warten Sie { $seconds } Sekunde und veröffentlichen Sie dann erneut: Ihr Text bleibt unten erhalten.
       *[other] Sie schreiben mehr als { $limit } Kommentare pro Minute. Warten Sie { $seconds } Sekunden und veröffentlichen Sie dann erneut: Ihr Text bleibt unten erhalten.
    }
conv-honeypot = Dieser Kommentar konnte nicht angenommen werden. Wenn Sie ein Mensch sind, lassen Sie das versteckte Feld „Website“ leer.
conv-bad-parent = Der Kommentar, auf den Sie antworten, ist ungültig.
conv-parent-missing = Den Kommentar, auf den Sie antworten, gibt es nicht (vielleicht wurde er entfernt). Veröffentlichen Sie Ihren Text stattdessen als neuen Kommentar.
conv-parent-elsewhere = Der Kommentar, auf den Sie antworten, gehört zu einem anderen Artikel. Veröffentlichen Sie Ihren Text stattdessen hier als neuen Kommentar.
conv-parent-deleted = Der Kommentar, auf den Sie antworten, wurde gelöscht. Veröffentlichen Sie Ihren Text stattdessen als neuen Kommentar.
conv-closed-post = Die Kommentare zu diesem Artikel sind geschlossen; hier kann nichts mehr veröffentlicht werden.
conv-closed-edit = Die Kommentare zu diesem Artikel sind geschlossen, daher lassen sich Kommentare hier nicht mehr ändern. Ihr Text steht noch zum Kopieren hier.
conv-banned-word-post = Ihr Kommentar enthält „{ $word }“, was hier nicht erlaubt ist. Nehmen Sie es heraus und veröffentlichen Sie erneut: Ihr Text bleibt unten erhalten.
conv-banned-word-save = Ihr Kommentar enthält „{ $word }“, was hier nicht erlaubt ist. Nehmen Sie es heraus und speichern Sie erneut: Ihr Text bleibt unten erhalten.
conv-only-author = Nur wer einen Kommentar geschrieben hat, kann ihn ändern.
conv-edit-late = Die 15 Minuten zum Bearbeiten dieses Kommentars sind vorbei, daher wurde er nicht geändert. Ihr Text steht noch zum Kopieren hier.
conv-edit-deleted = Dieser Kommentar wurde gelöscht und kann nicht mehr bearbeitet werden.
conv-already-deleted = Dieser Kommentar wurde bereits gelöscht.
conv-one-action = Wählen Sie eine Aktion für einen Kommentar: liken, Like zurücknehmen, löschen, stummschalten oder Stummschaltung aufheben.
conv-like-own = Ihren eigenen Kommentar können Sie nicht liken.
conv-like-cannot = Dieser Kommentar kann nicht geliked werden.
conv-like-already = Sie haben diesen Kommentar bereits geliked.
conv-like-not-liked = Sie hatten diesen Kommentar nicht geliked, es gab also nichts zurückzunehmen.
conv-report-own = Ihren eigenen Kommentar können Sie nicht melden.
conv-report-reason = Wählen Sie einen Grund für die Meldung.
conv-report-note-long = Die Notiz darf höchstens 1.000 Zeichen lang sein.
conv-report-already = Sie haben diesen Kommentar bereits gemeldet; die Moderation sieht ihn sich an.
conv-mute-self = Sich selbst können Sie nicht stummschalten.
conv-mute-cannot = Die Person, die diesen Kommentar geschrieben hat, lässt sich hier nicht stummschalten (der Kommentar oder ihr Konto existiert nicht mehr). Stummschaltungen verwalten Sie in Ihren Einstellungen.
conv-bad-page = Dieser Link auf eine Kommentarseite ist ungültig. Nutzen Sie stattdessen „Weitere Kommentare anzeigen“.
conv-member-bad-page = Dieser Seitenlink ist ungültig. Blättern Sie mit „Ältere Kommentare“ durch die Liste, oder beginnen Sie wieder auf der ersten Seite.

## Was das Skript sagt (app.js)

conv-js-posted = Ihr Kommentar wurde veröffentlicht
conv-js-not-posted = Der Kommentar wurde nicht veröffentlicht
conv-js-not-sent = Der Kommentar konnte nicht gesendet werden
conv-js-like-not-saved = Das Like wurde nicht gespeichert
conv-js-like-not-sent = Das Like konnte nicht gesendet werden
conv-js-signed-out = { $what }: Sie scheinen abgemeldet zu sein. Melden Sie sich erneut an und versuchen Sie es noch einmal.
conv-js-failed = { $what } (Fehler { $status }). Laden Sie die Seite neu und versuchen Sie es noch einmal.
conv-js-offline = { $what }: Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.
conv-js-new-from = Neuer Kommentar von { $name }
conv-js-new = Neuer Kommentar
conv-js-reload = Neue Kommentare – neu laden
