# Die öffentlichen Leseseiten: Startseite, Ressorts, Artikel, Suche, Liveticker und Newsletter.

reading-live-badge = Live
reading-by = Von
reading-and = und
reading-list-comma = { ", " }
reading-comment-count =
    { $count ->
        [one] { $shown } Kommentar
       *[other] { $shown } Kommentare
    }

reading-front-heading = { $site }: die neuesten Artikel
reading-front-lead = Aufmacher
reading-front-empty = Es wurden noch keine Artikel veröffentlicht.
reading-front-discussed = Meistdiskutiert

reading-kind-section = Ressort
reading-kind-topic = Thema
reading-kind-author = Autor/in
reading-listing-empty = Hier gibt es noch keine Artikel.
reading-listing-no-older = Es gibt keine älteren Artikel.
reading-listing-stories = Artikel
reading-listing-pages = Seiten
reading-listing-newest = Neueste Artikel
reading-listing-older = Ältere Artikel
reading-listing-older-title = { $heading } (ältere Artikel)
reading-listing-bad-cursor = Dieser Seitenlink ist ungültig. Blättern Sie mit den Links „Ältere Artikel“ durch die Liste oder beginnen Sie wieder auf der ersten Seite.

reading-published = Veröffentlicht am
reading-updated = Aktualisiert am
reading-read-in-label = Lesen auf
reading-read-in = Lesen auf:
reading-corrections = Korrekturen
reading-topics = Themen
reading-related = Mehr zum Thema
reading-feed-live-updates = Liveticker zu { $title } (Atom)
reading-feed-comments = Kommentare zu { $title } (Atom)

reading-live-updates = Liveticker
reading-coverage-ended = Der Liveticker ist beendet
reading-no-updates = Noch keine Einträge.
reading-older-updates = Ältere Einträge
reading-ask-heading = Fragen Sie die Redaktion
reading-ask-blurb = Sie haben eine Frage zu diesem Thema? Unsere Journalistinnen und Journalisten beantworten Leserfragen hier im Liveticker.
reading-ask-link = Eine Frage stellen
reading-key-events = Das Wichtigste
reading-key-event = Wichtig
reading-question-from = Frage von
reading-a-reader = Ein Leser
reading-the-newsroom = Die Redaktion
reading-asked = { $asker } fragte: { $question }
reading-earlier-updates = Frühere Einträge
reading-earlier-updates-title = Frühere Einträge: { $title }
reading-no-earlier = Keine früheren Einträge.
reading-back-to-latest = Zurück zu den neuesten Einträgen
reading-live-bad-cursor = Diese Seite des Livetickers gibt es nicht. Gehen Sie zurück zum Artikel.
reading-feed-live-title = Live: { $title } — { $site }

reading-ask-title = Fragen Sie die Redaktion: { $title }
reading-ask-sent = Danke, Ihre Frage ist bei der Redaktion. Zuerst liest sie jemand aus der Moderation; beantwortet sie eine Journalistin oder ein Journalist, erscheint die Antwort mit Ihrer Frage und Ihrem Namen im <a>Liveticker</a>.
reading-ask-ended = Der Liveticker ist beendet, die Redaktion nimmt hier keine Fragen mehr an. <a>Zu den Einträgen</a>.
reading-ask-sign-in = <a>Melden Sie sich an</a>, um der Redaktion eine Frage zu diesem Thema zu stellen.
reading-ask-intro = Stellen Sie eine Frage zu diesem Thema. Jede Frage liest zuerst jemand aus der Moderation; einige beantworten unsere Journalistinnen und Journalisten im Liveticker und zitieren dabei die Frage mit Ihrem Anzeigenamen.
reading-ask-your-question = Ihre Frage
reading-ask-hint = Höchstens { $max } Zeichen, als reiner Text.
reading-ask-notify = Per E-Mail benachrichtigen, wenn meine Frage beantwortet ist
reading-ask-send = Frage senden
reading-ask-back = Zurück zum Liveticker
reading-ask-not-live = Fragen werden nur angenommen, solange der Liveticker läuft, und dieser läuft nicht.
reading-ask-empty = Schreiben Sie Ihre Frage, bevor Sie sie senden.
reading-ask-too-long = Eine Frage hat höchstens { $max } Zeichen, Ihre hat { $chars }. Kürzen Sie sie und senden Sie sie erneut.
reading-ask-closed = Die Diskussion zu diesem Artikel ist geschlossen und damit auch die Fragen.
reading-ask-banned-word = Ihre Frage enthält „{ $word }“, das hier nicht erlaubt ist. Entfernen Sie es und senden Sie die Frage erneut – Ihr Text steht unten noch.
reading-ask-too-fast =
    { $wait ->
        [one] Sie stellen mehr als { $max } Fragen pro Minute. Warten Sie eine Sekunde und senden Sie dann erneut – Ihr Text steht unten noch.
       *[other] Sie stellen mehr als { $max } Fragen pro Minute. Warten Sie { $wait } Sekunden und senden Sie dann erneut – Ihr Text steht unten noch.
    }

reading-search-title = Suche
reading-search-page-title = Suche: { $query }
reading-search-landmark = Artikel durchsuchen
reading-search-for = Suchen nach
reading-search-section = Ressort
reading-search-all-sections = Alle Ressorts
reading-search-from = Von
reading-search-to = Bis
reading-search-order = Sortierung
reading-search-best-match = Relevanz
reading-search-newest-first = Neueste zuerst
reading-search-button = Suchen
reading-search-none = Keine Artikel zu „{ $query }“.
reading-search-none-on-page = Keine Artikel zu „{ $query }“ auf Seite { $page }.
reading-search-results = Ergebnisse für „{ $query }“
reading-search-results-page = Ergebnisse für „{ $query }“, Seite { $page }
reading-search-try-again = Versuchen Sie es mit weniger oder anderen Wörtern oder entfernen Sie die Filter.
reading-search-result-pages = Ergebnisseiten
reading-search-previous = Vorherige Ergebnisse
reading-search-more = Weitere Ergebnisse
reading-search-help = Geben Sie ein paar Wörter aus einer Überschrift, einem Artikel, einem Thema oder dem Namen einer Autorin oder eines Autors ein. Setzen Sie eine Wortgruppe in „Anführungszeichen“.
reading-search-bad-from = Das Datum „Von“ sollte so aussehen: 2026-11-27; „{ $value }“ wurde ignoriert.
reading-search-bad-to = Das Datum „Bis“ sollte so aussehen: 2026-11-27; „{ $value }“ wurde ignoriert.
reading-search-limit-chars = Nur die ersten { $max } Zeichen der Suche wurden verwendet.
reading-search-limit-words = Nur nach den ersten { $max } Wörtern wurde gesucht (Wörter in Anführungszeichen zählen mit).
reading-search-limit-short-prefixes = Ein * findet längere Wörter erst ab { $min } Buchstaben; kürzere wurden als ganze Wörter gesucht.
reading-search-limit-prefixes = Nur die ersten { $max } Wörter wurden als Wortanfänge gesucht, die übrigen als ganze Wörter.
reading-search-swapped = Das Datum „Von“ lag nach dem Datum „Bis“, deshalb wurden beide getauscht.
reading-search-no-section = Es gibt kein Ressort „{ $section }“, deshalb wurden alle Ressorts durchsucht.
reading-search-timeout = Diese Suche hat zu lange gedauert und wurde abgebrochen. Versuchen Sie es mit weniger oder genaueren Wörtern, weniger Wortanfängen (*), einem Ressort oder einem kürzeren Zeitraum.
reading-search-nothing = Diese Suche enthält keine Buchstaben oder Ziffern. Versuchen Sie es mit Wörtern aus dem Artikel.

reading-feed-latest = Das Neueste von { $title }
reading-feed-correction = Korrektur, { $time }:

reading-newsletters-title = Newsletter
reading-newsletters-subscribed = Sie haben den Newsletter abonniert.
reading-newsletters-left = Sie haben den Newsletter abbestellt.
reading-newsletters-none = Es gibt noch keine Newsletter.
reading-newsletters-receiving = Sie erhalten diesen Newsletter.
reading-newsletters-unsubscribe-from = { $name } abbestellen
reading-newsletters-unsubscribe = Abbestellen
reading-newsletters-subscribe-to = { $name } abonnieren
reading-newsletters-subscribe = Abonnieren
reading-newsletters-too-many =
    { $minutes ->
        [one] Aus Ihrem Netzwerk wurden in der letzten Stunde zu viele Abonnements angefragt. Versuchen Sie es in einer Minute erneut.
       *[other] Aus Ihrem Netzwerk wurden in der letzten Stunde zu viele Abonnements angefragt. Versuchen Sie es in { $minutes } Minuten erneut.
    }
reading-newsletters-check-mail = Sehen Sie in Ihr Postfach: Wir haben einen Link an { $email } geschickt, mit dem Sie Ihr Abonnement von { $newsletter } bestätigen.
reading-newsletters-mail-subject = Bestätigen Sie Ihr Abonnement von { $newsletter }
reading-newsletters-mail-asked = Jemand (hoffentlich Sie) möchte { $newsletter } von { $site } an diese Adresse erhalten. Öffnen Sie diesen Link innerhalb von 48 Stunden und klicken Sie auf „Abonnement bestätigen“:
reading-newsletters-mail-ignore = Der Link funktioniert einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ohne Bestätigung erhalten Sie nichts.
reading-confirm-title = Abonnement bestätigen
reading-confirm-done = Sie haben { $newsletter } abonniert. Die nächste Ausgabe kommt per E-Mail; jede Ausgabe enthält einen Link, mit dem Sie sie mit einem Klick abbestellen.
reading-confirm-sign-in-later = Um sich später anzumelden, fordern Sie einen <a>Anmeldelink per E-Mail</a> an.
reading-confirm-press = Klicken Sie auf die Schaltfläche, um <strong>{ $newsletter }</strong> an <strong>{ $email }</strong> zu erhalten.
reading-confirm-button = Abonnement bestätigen
reading-confirm-expired = Dieser Bestätigungslink ist abgelaufen oder wurde schon verwendet. Links funktionieren einmal, 48 Stunden lang.
reading-confirm-again = Sie können den Newsletter auf der <a>Newsletter-Seite</a> erneut abonnieren.
reading-unsubscribe-title = Abbestellen
reading-unsubscribe-newsletter-invalid = Dieser Abmeldelink ist ungültig. Angemeldet können Sie Ihre Newsletter auf der <a>Newsletter-Seite</a> auswählen.
reading-unsubscribe-newsletter-done = Erledigt: Sie erhalten { $name } nicht mehr. Auf der <a>Newsletter-Seite</a> können Sie ihn erneut abonnieren.
reading-unsubscribe-newsletter-ask = { $name } nicht mehr erhalten?
reading-unsubscribe-button = Abbestellen
reading-edition-subscribe = Unsere Newsletter abonnieren

reading-unsubscribe-invalid = Dieser Abmeldelink ist ungültig. Angemeldet können Sie in <a>Ihren Einstellungen</a> wählen, welche E-Mails Sie von der Website erhalten.
reading-unsubscribe-done =
    { $kind ->
        [replies] Erledigt: Sie erhalten keine E-Mail mehr, wenn jemand auf Ihre Kommentare antwortet. In <a>Ihren Einstellungen</a> können Sie das wieder einschalten.
        [mentions] Erledigt: Sie erhalten keine E-Mail mehr, wenn jemand Sie in einem Kommentar erwähnt. In <a>Ihren Einstellungen</a> können Sie das wieder einschalten.
        [digest] Erledigt: Sie erhalten die tägliche Zusammenfassung von Antworten und Erwähnungen nicht mehr. In <a>Ihren Einstellungen</a> können Sie sie wieder einschalten.
       *[queue-alert] Erledigt: Sie erhalten keine Hinweise zur Moderationswarteschlange mehr. In <a>Ihren Einstellungen</a> können Sie sie wieder einschalten.
    }
reading-unsubscribe-ask =
    { $kind ->
        [replies] Keine E-Mails mehr, wenn jemand auf Ihre Kommentare antwortet?
        [mentions] Keine E-Mails mehr, wenn jemand Sie in einem Kommentar erwähnt?
        [digest] Die tägliche Zusammenfassung von Antworten und Erwähnungen abbestellen?
       *[queue-alert] Keine Hinweise zur Moderationswarteschlange mehr?
    }
