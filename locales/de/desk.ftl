# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = Übersicht
desk-link-questions = Fragen der Leser
desk-link-members = Mitglieder
desk-link-policies = Regeln und Wortlisten
desk-link-log = Protokoll
desk-link-desk = Moderation
desk-link-role-changes = Rollenänderungen
desk-forbidden = Ihre Rolle erlaubt das nicht. Wenden Sie sich an eine Administratorin oder einen Administrator, wenn Sie es brauchen.
desk-yes = Ja
desk-no = Nein
desk-reason = Grund
desk-note = Notiz
desk-status = Status
desk-undo = Rückgängig
desk-undone = (rückgängig gemacht)
desk-days = { $count ->
    [one] { $count } Tag
   *[other] { $count } Tage
}

## The desk (/admin/moderation)

desk-title = Moderation
desk-queues = Warteschlangen
desk-queue-pending = Wartend
desk-queue-reported = Gemeldet
desk-queue-flagged = Automatisch markiert
desk-order = Reihenfolge:
desk-order-priority = Priorität
desk-order-oldest = älteste zuerst
desk-keys = Tastatur:
desk-keys-move = nächster und vorheriger
desk-keys-approve = freigeben
desk-keys-reject = ablehnen (mit dem gewählten Grund)
desk-keys-select = auswählen.
desk-queue-empty = In „{ $queue }“ wartet nichts. Gut gemacht.
desk-with-selected = Mit den ausgewählten Kommentaren
desk-approve-selected = Auswahl freigeben
desk-reject-selected = Auswahl ablehnen
desk-first-hundred = Angezeigt werden die ersten 100; entscheiden Sie über diese, um weitere zu sehen.
desk-comment-by = Kommentar von { $author }
desk-comment-on = zu
desk-editors-pick = Empfehlung der Redaktion
desk-why-held = Warum zurückgehalten
desk-spam-score = Spam-Wert
desk-not-scored = noch nicht bewertet
desk-author = Verfasser
desk-trust-level = Vertrauensstufe
desk-reports = Meldungen
desk-report-uncounted = (von einem neuen Mitglied: zählt nicht zum Ausblenden)
desk-report-double = (von einem vertrauenswürdigen Mitglied: zählt doppelt)
desk-in-reply-to = Antwort auf { $name }: { $text }
desk-deleted-author = [gelöscht]
desk-earlier-decisions = Frühere Entscheidungen ({ $count })
desk-decision-by = { $what } von { $by }
desk-approve = Freigeben
desk-reject = Ablehnen
desk-pin = Als Empfehlung der Redaktion anheften
desk-unpin = Lösen
desk-ban-for = Sperren für
desk-ban-good = immer
desk-ban-author = Verfasser sperren
desk-record-published = { $count } veröffentlicht
desk-record-waiting = { $count } wartend
desk-record-rejected = { $count } abgelehnt
desk-record-deleted = { $count } gelöscht
desk-member-since = Mitglied seit { $day }
desk-banned-for-good = dauerhaft gesperrt
desk-banned-until = gesperrt bis { $day }

desk-status-visible = Für Leser sichtbar
desk-status-held = Zurückgehalten
desk-status-rejected = Abgelehnt
desk-status-deleted = Gelöscht

desk-held-premoderation = Vorab moderiert
desk-held-first-comment = Erster Kommentar eines neuen Mitglieds
desk-held-link = Link von einem neuen Mitglied
desk-held-suspect-word = Verdächtiges Wort
desk-held-spam = Spamfilter
desk-held-reports = Nach Meldungen ausgeblendet

desk-reject-spam = Spam oder Werbung
desk-reject-abuse = Beleidigend, hasserfüllt oder ein persönlicher Angriff
desk-reject-off-topic = Am Thema vorbei
desk-reject-personal = Gibt persönliche Daten anderer preis
desk-reject-other = Verstößt gegen die Community-Richtlinien
desk-rejection-with-note = { $reason }: { $note }

desk-trust-new = neu
desk-trust-member = Mitglied
desk-trust-trusted = vertrauenswürdig

desk-why-premoderated-first = vorab moderiert: einer der ersten { $count } Kommentare eines Mitglieds
desk-why-premoderated = vorab moderiert: hier wartet jeder Kommentar
desk-why-first-comment = erster Kommentar eines neuen Mitglieds
desk-why-first-link = erster Link eines neuen Mitglieds
desk-why-link = Link (Stufe: { $level }) mit wenigen freigegebenen Kommentaren
desk-why-suspect-word = verdächtiges Wort: { $word }
desk-why-suspect = verdächtiges Wort
desk-why-spam-score = Spam-Wert { $score }
desk-why-spam = Spamfilter
desk-why-reports-weighing = nach Meldungen mit Gewicht { $weight } ausgeblendet
desk-why-reports = nach Meldungen ausgeblendet
desk-why-edited = nach dem Veröffentlichen bearbeitet; { $why }

desk-did-approve = freigegeben
desk-did-reject = abgelehnt
desk-did-pin = als Empfehlung der Redaktion angeheftet
desk-did-unpin = gelöst
desk-did-auto-hide = nach Meldungen ausgeblendet
desk-did-ban = gesperrt
desk-did-unban = Sperre aufgehoben
desk-did-role = Rolle geändert
desk-did-question-approve = Frage freigegeben
desk-did-question-reject = Frage abgelehnt
desk-did-undo = rückgängig gemacht
desk-did-policy = Kommentarregel geändert
desk-did-words = Wortlisten geändert
desk-did-settings = Einstellungen geändert
desk-did-other = geändert

desk-done-items = { $count ->
    [one] { $count } Eintrag { $what }
   *[other] { $count } Einträge { $what }
}
desk-done = Erledigt: { $list }.
desk-not-changed = Nicht geändert: { $list }.
desk-refuse-action = Die Aktion dieser Schaltfläche wurde nicht verstanden; laden Sie die Seite neu.
desk-refuse-comment = Der Kommentar dieser Schaltfläche wurde nicht verstanden; laden Sie die Seite neu.
desk-refuse-none-selected = Wählen Sie zuerst mindestens einen Kommentar aus und dann eine Aktion.
desk-refuse-too-many = Bearbeiten Sie höchstens { $count } Kommentare auf einmal.
desk-refuse-ban = Ihre Rolle erlaubt kein Sperren.
desk-refuse-reason = Wählen Sie einen Grund für die Ablehnung: Der Verfasser bekommt ihn zu lesen.
desk-refuse-unknown = Wählen Sie Freigeben, Ablehnen, Anheften oder Sperren.

desk-undone-count = { $count ->
    [one] Rückgängig gemacht: { $count } Aktion.
   *[other] Rückgängig gemacht: { $count } Aktionen.
}
desk-not-undone = Nicht rückgängig gemacht: { $list }.
desk-undo-no-entry = #{ $id } gibt es nicht
desk-undo-missing = #{ $id }: gibt es nicht
desk-undo-role = #{ $id }: Ihre Rolle kann das nicht rückgängig machen
desk-undo-already = #{ $id }: wurde schon rückgängig gemacht
desk-undo-settings = #{ $id }: ist eine Änderung der Einstellungen; ändern Sie sie stattdessen erneut
desk-undo-changed = #{ $id }: wurde seitdem durch eine andere Entscheidung geändert; machen Sie zuerst diese rückgängig

## The audit log (/admin/moderation/log)

desk-log-title = Protokoll
desk-log-action = Aktion
desk-log-any = Alle
desk-log-by-member = Von Mitglied Nr.
desk-log-comment = Kommentar Nr.
desk-log-about-member = Betrifft Mitglied Nr.
desk-log-filter = Filtern
desk-log-none = Nichts Passendes protokolliert.
desk-log-when = Wann
desk-log-who = Wer
desk-log-what = Was
desk-log-about = Betrifft
desk-log-why = Warum
desk-undo-entry = #{ $id } rückgängig machen
desk-log-older = Ältere Einträge
desk-log-comment-by = Kommentar #{ $id } von { $name }
desk-log-comment-number = Kommentar #{ $id }
desk-log-member = Mitglied { $name }
desk-action-approve = Freigeben
desk-action-reject = Ablehnen
desk-action-pin = Anheften
desk-action-unpin = Lösen
desk-action-auto-hide = Automatisch ausgeblendet
desk-action-ban = Sperren
desk-action-unban = Sperre aufheben
desk-action-undo = Rückgängig
desk-action-role = Rolle
desk-action-policy = Kommentarregel
desk-action-words = Wortlisten
desk-action-settings = Einstellungen

## Members (/admin/users)

desk-users-title = Mitglieder
desk-users-search = Name oder E-Mail-Adresse enthält
desk-users-find = Suchen
desk-users-none = Keine passenden Mitglieder.
desk-users-member = Mitglied
desk-users-role = Rolle
desk-users-conversation = Diskussion
desk-users-joined = dabei seit
desk-users-role-of = Rolle von { $name }
desk-users-set-role-of = Rolle von { $name } festlegen
desk-users-set-role = Rolle festlegen
desk-users-ban-for = { $name } sperren für
desk-users-lift = Sperre aufheben
desk-for-good = dauerhaft
desk-users-apply-to = Auf { $name } anwenden
desk-users-apply = Anwenden
desk-users-more = Weitere Mitglieder
desk-users-banned-for-good = Dauerhaft gesperrt
desk-users-banned-until = Gesperrt bis { $day }
desk-users-own-role = Sie können Ihre eigene Rolle nicht ändern; bitten Sie eine andere Administratorin oder einen anderen Administrator.
desk-users-role-set = Rolle auf { $role } gesetzt.
desk-users-ban-lifted = Sperre aufgehoben.
desk-users-banned = Mitglied gesperrt.
desk-role-member = Mitglied
desk-role-contributor = Autor
desk-role-moderator = Moderator
desk-role-editor = Redakteur
desk-role-admin = Administrator

## Moderation settings (/admin/moderation/settings)

desk-settings-title = Moderationseinstellungen
desk-settings-site = Für die ganze Website
desk-settings-comments = Kommentare
desk-settings-open = Offen
desk-settings-premoderated = Vorab moderiert
desk-settings-closed = Geschlossen
desk-settings-first = Nur die ersten N freigegebenen Kommentare eines Mitglieds vorab moderieren (leer: alle)
desk-settings-close = Kommentare so viele Tage nach der Veröffentlichung schließen (0: nie)
desk-settings-link-hold = Links von Mitgliedern zurückhalten, die weniger freigegebene Kommentare haben als
desk-settings-report-threshold = Einen Kommentar ab so vielen Meldungen zur Prüfung ausblenden (0: nie)
desk-settings-reporters-hint = Jede Meldung erreicht die Moderation; nur Meldungen etablierter Mitglieder zählen zum Ausblenden eines Kommentars, die vertrauenswürdiger Mitglieder doppelt. Meldungen der Redaktion zählen immer. Die drei folgenden Einstellungen bilden die Vertrauensschwelle der Leser: Wer sie nicht erreicht, gilt als
desk-settings-reporters-new = neu
desk-settings-reporters-links = (seine Links warten auf Prüfung).
desk-settings-report-verified = Meldungen nur von Mitgliedern zählen, die ihre E-Mail-Adresse bestätigt haben
desk-settings-report-days = Meldungen nur von Konten zählen, die mindestens so viele Tage alt sind
desk-settings-report-approved = Meldungen nur von Mitgliedern mit mindestens so vielen freigegebenen Kommentaren zählen
desk-settings-spam-threshold = Kommentare zurückhalten, deren Spam-Wert mindestens so hoch ist
desk-settings-spam-trained = Der Spamfilter lernt aus den Entscheidungen der Moderation: { $spam } Kommentare als Spam gelernt, { $ham } als kein Spam.
desk-settings-banned = Verbotene Wörter (eines pro Zeile; Kommentare mit ihnen werden abgewiesen)
desk-settings-suspect = Verdächtige Wörter (eines pro Zeile; Kommentare mit ihnen warten auf Prüfung)
desk-settings-matching = Der Abgleich ignoriert Groß- und Kleinschreibung und Akzente, durchschaut ähnlich aussehende Zeichen (0 für o, @ für a), gesperrte, gepunktete und gedehnte Buchstaben und trifft nur ganze Wörter.
desk-settings-save = Einstellungen speichern
desk-settings-saved = Einstellungen gespeichert.
desk-trust-hold-first = Den ersten Kommentar eines neuen Mitglieds zur Prüfung zurückhalten
desk-trust-days = Mitgliedern vertrauen, deren Konto mindestens so viele Tage alt ist
desk-trust-approved = … und die mindestens so viele freigegebene Kommentare haben
desk-trust-hint = Vertrauenswürdige Mitglieder haben eine bestätigte Adresse und keine kürzliche Ablehnung; ihre Links werden nie zurückgehalten und ihre Meldungen zählen doppelt.
desk-trust-demote-after = Ein Mitglied nach so vielen abgelehnten Kommentaren wieder als neu einstufen (0: nie)
desk-trust-demote-window = … innerhalb so vieler Tage
desk-trust-demote-hint = Schon eine einzige Ablehnung innerhalb dieses Zeitraums beendet das Vertrauen in ein Mitglied.

desk-policy-title = Ein Ressort oder ein Artikel
desk-policy-for = Für
desk-policy-a-section = ein Ressort
desk-policy-an-article = einen Artikel
desk-policy-target = Adresse des Ressorts oder Artikels (z. B. { $example } oder beim Artikel der Teil nach /articles/)
desk-policy-inherit = Wie die übergeordnete Einstellung
desk-policy-close = So viele Tage nach der Veröffentlichung schließen (leer: wie die übergeordnete Einstellung; 0: nie)
desk-policy-save = Regel speichern
desk-policy-saved = Regel gespeichert.
desk-policy-where = Wo
desk-policy-name = Name
desk-policy-closing = Schließung
desk-policy-section = Ressort
desk-policy-article = Artikel
desk-policy-as-wider = wie die übergeordnete Einstellung
desk-policy-never = nie
desk-policy-days-after = { $count ->
    [one] { $count } Tag nach der Veröffentlichung
   *[other] { $count } Tage nach der Veröffentlichung
}
desk-mode-open = offen
desk-mode-closed = geschlossen
desk-mode-premoderated = vorab moderiert (jeder Kommentar)
desk-mode-premoderated-first = vorab moderiert (die ersten { $count } freigegebenen Kommentare eines Mitglieds)
desk-policy-no-section = Es gibt kein Ressort mit der Adresse „{ $target }“.
desk-policy-no-article = Es gibt keinen Artikel mit der Adresse „{ $target }“: Geben Sie den Teil nach /articles/ an.
desk-policy-no-scope = Wählen Sie, ob die Regel für ein Ressort oder einen Artikel gilt.

## Webhooks (/admin/webhooks)

desk-hooks-title = Webhooks
desk-hooks-sent-as = Jedes Ereignis wird als signierte JSON-Anfrage gesendet, Methode
desk-hooks-header = : Der Header
desk-hooks-header-is = lautet
desk-hooks-hmac = , wobei HEX der HMAC-SHA256 mit dem Geheimnis des Endpunkts ist, gebildet über
desk-hooks-retried = , einen Punkt und den Inhalt. Eine fehlgeschlagene Zustellung wird mit wachsenden Abständen wiederholt (30 Sekunden, jeweils verdoppelt, 8 Versuche).
desk-hooks-add-heading = Endpunkt hinzufügen
desk-hooks-url = URL des Endpunkts
desk-hooks-events = Ereignisse
desk-hooks-add = Endpunkt hinzufügen
desk-hooks-endpoints = Endpunkte
desk-hooks-none = Noch keine Endpunkte.
desk-hooks-col-url = URL
desk-hooks-col-secret = Signaturgeheimnis
desk-hooks-col-actions = Aktionen
desk-hooks-added = hinzugefügt
desk-hooks-its-deliveries = seine Zustellungen
desk-hooks-delete-named = Endpunkt { $url } löschen
desk-hooks-delete = Löschen
desk-hooks-log = Zustellprotokoll
desk-hooks-filtered = Nur Zustellungen an Endpunkt { $id }.
desk-hooks-show-all = <a>Alle anzeigen</a>.
desk-hooks-nothing-sent = Noch nichts gesendet.
desk-hooks-col-event = Ereignis
desk-hooks-col-endpoint = Endpunkt
desk-hooks-col-attempts = Versuche
desk-hooks-col-answer = Letzte Antwort
desk-hooks-next-try = nächster Versuch
desk-hooks-redeliver-named = Zustellung { $id } erneut senden
desk-hooks-redeliver = Erneut senden
desk-delivery-pending = ausstehend
desk-delivery-delivered = zugestellt
desk-delivery-failed = fehlgeschlagen
desk-hooks-admins-only = Nur Administratoren können Webhooks verwalten.
desk-hooks-no-events = Wählen Sie mindestens ein Ereignis, das gesendet werden soll.
desk-hooks-url-empty = Geben Sie die URL ein, die die Ereignisse empfangen soll.
desk-hooks-url-long = Die URL darf höchstens { $max } Zeichen lang sein.
desk-hooks-url-scheme = Die URL muss mit https:// beginnen (oder mit http:// für einen Empfänger im eigenen Netz).
desk-hooks-url-host = Die URL muss einen Host nennen, etwa https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = API-Tokens
desk-tokens-intro = Mit einem Token kann ein Skript oder ein anderer Dienst die <a>Broadsheet-API</a> in Ihrem Namen nutzen.
desk-tokens-send-as = Senden Sie es als
desk-tokens-revoked-by = . Wenn Sie Ihr Passwort ändern oder zurücksetzen oder sich überall abmelden, werden alle Tokens widerrufen.
desk-tokens-back = <a>Zurück zu den Einstellungen</a>.
desk-tokens-new = <strong>Ihr neues Token</strong> – kopieren Sie es jetzt: Es wird nicht noch einmal angezeigt.
desk-tokens-token = Token
desk-tokens-create-heading = Token erstellen
desk-tokens-name = Name des Tokens
desk-tokens-name-example = Newsletter-Skript
desk-tokens-may = Was es darf
desk-scope-read = Lesen: die API so, wie Sie die Website sehen
desk-scope-comment = Kommentieren: Ihre Kommentare schreiben, bearbeiten und löschen
desk-scope-publish = Veröffentlichen: Artikel anlegen
desk-scope-name-read = Lesen
desk-scope-name-comment = Kommentieren
desk-scope-name-publish = Veröffentlichen
desk-tokens-password = Ihr Passwort (nötig für ein Token, das veröffentlichen darf)
desk-tokens-create = Token erstellen
desk-tokens-yours = Ihre Tokens
desk-tokens-none = Sie haben keine Tokens.
desk-tokens-col-name = Name
desk-tokens-col-scopes = Rechte
desk-tokens-col-used = Zuletzt benutzt
desk-tokens-col-action = Aktion
desk-tokens-created = erstellt
desk-tokens-never = nie
desk-tokens-revoked = widerrufen
desk-tokens-revoke-named = { $name } widerrufen
desk-tokens-revoke = Widerrufen
desk-tokens-no-password = Ein Token, das veröffentlichen darf, braucht Ihr Passwort, und Ihr Konto hat noch keines (Sie melden sich per Single Sign-on oder per E-Mail-Link an). Legen Sie zuerst eines fest: „Passwort vergessen?“ auf der Anmeldeseite schickt Ihnen einen Link dafür. Erstellen Sie dann das Token.
desk-tokens-wrong-password = Geben Sie Ihr aktuelles Passwort ein, um ein Token zu erstellen, das veröffentlichen darf. Das Token wurde nicht erstellt.
desk-tokens-too-many = Sie haben schon { $count } gültige Tokens. Widerrufen Sie eines, das Sie nicht mehr brauchen, und erstellen Sie dann dieses.
desk-tokens-name-empty = Geben Sie dem Token einen Namen, etwa den des Skripts oder Dienstes, der es nutzen wird.
desk-tokens-name-long = Der Name eines Tokens darf höchstens { $max } Zeichen lang sein.
desk-tokens-name-control = Der Name eines Tokens darf keine Steuerzeichen enthalten.
desk-scope-none = Wählen Sie mindestens ein Recht: read, comment oder publish
desk-scope-unknown = „{ $scope }“ ist kein Recht: Verwenden Sie read, comment oder publish
desk-scope-not-allowed = Ihre Rolle erlaubt das Recht „{ $scope }“ nicht

## Refused settings forms

desk-settings-number = „{ $what }“ muss eine ganze Zahl von 0 bis { $max } sein.
desk-settings-whole = „{ $what }“ muss eine ganze Zahl sein.
desk-field-close-days = Tage bis zur Schließung der Kommentare
desk-field-link-hold = Freigegebene Kommentare, bevor Links erscheinen
desk-field-reports = Meldungen, die einen Kommentar ausblenden
desk-field-report-days = Kontoalter, ab dem Meldungen zählen (in Tagen)
desk-field-report-approved = Freigegebene Kommentare, damit Meldungen eines Mitglieds zählen
desk-field-trusted-days = Kontoalter für Vertrauen
desk-field-trusted-approved = Freigegebene Kommentare für Vertrauen
desk-field-demote-window = Tage, in denen Ablehnungen zählen
desk-field-demote-after = Ablehnungen, nach denen ein Mitglied wieder neu ist
desk-settings-verified-choice = Wählen Sie, ob nur Meldungen von Mitgliedern mit bestätigter Adresse zählen: Ja oder Nein.
desk-settings-spam-range = Der Spam-Wert, ab dem ein Kommentar zurückgehalten wird, muss eine Zahl von 0,5 bis 1 sein.
desk-mode-first-range = Die Zahl der zurückzuhaltenden ersten Kommentare muss eine ganze Zahl von 1 bis 1000 sein, oder leer für alle.
desk-mode-unknown = Unbekannter Kommentarmodus „{ $mode }“: Wählen Sie offen, geschlossen oder vorab moderiert.
desk-words-banned = Verbotene Wörter
desk-words-suspect = Verdächtige Wörter
desk-words-long-line = Zeile { $line } ist { $chars } Zeichen lang
desk-words-entry-max = ein Eintrag darf höchstens { $max } Zeichen haben
desk-words-too-many = die Liste hat mehr als { $max } Einträge; entfernen Sie einige und versuchen Sie es erneut
desk-trust-days-range = Das Kontoalter für Vertrauen muss eine ganze Zahl von Tagen von 0 bis { $max } sein.
desk-trust-approved-range = Die freigegebenen Kommentare für Vertrauen müssen eine ganze Zahl von 0 bis { $max } sein.
desk-trust-window-range = Der Zeitraum, in dem Ablehnungen zählen, muss eine ganze Zahl von 0 bis { $max } Tagen sein.
desk-trust-after-range = Die Ablehnungen, nach denen ein Mitglied wieder neu ist, müssen eine ganze Zahl von 0 bis { $max } sein (0: nie).
desk-trust-hold-choice = Wählen Sie, ob der erste Kommentar eines neuen Mitglieds auf Prüfung wartet: Ja oder Nein.
desk-ban-length = Wählen Sie die Dauer der Sperre: eine Zahl von Tagen von 1 bis 3650 oder dauerhaft.
desk-note-too-long = Die Notiz ist { $count } Zeichen lang; erlaubt sind { $max }. Kürzen Sie sie.
