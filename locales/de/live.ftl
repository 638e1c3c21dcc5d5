# Live-Berichterstattung: was app.js sagt, wenn Updates eintreffen, die Absagen des Live-Desks
# und der Revisionsvergleich der Artikelhistorie.

## Was app.js auf einer Live-Seite sagt (der Datenblock `live-words`)

live-js-new-update = Neues Update
live-js-new-updates =
    { $count ->
        [one] { $count } neues Update
       *[other] { $count } neue Updates
    }

## Die Absagen des Live-Desks

live-writers-only = Live-Berichterstattung schreiben freie Mitarbeiter, Redakteure und Administratoren.
live-editors-only-coverage = Nur Redakteure und Administratoren eröffnen und beenden eine Live-Berichterstattung; freie Mitarbeiter schreiben Updates, die Redakteure dann veröffentlichen.
live-editors-only-publish = Nur Redakteure und Administratoren veröffentlichen Updates; freie Mitarbeiter schreiben Updates, die Redakteure dann veröffentlichen.
live-editors-only-change = Nur Redakteure und Administratoren veröffentlichen, bearbeiten und löschen Updates; freie Mitarbeiter schreiben Updates, die Redakteure dann veröffentlichen.
live-editors-only-answers = Nur Redakteure und Administratoren veröffentlichen Antworten; freie Mitarbeiter schreiben Updates, die Redakteure dann veröffentlichen.
live-choose-coverage = Wählen Sie, ob die Berichterstattung eröffnet oder beendet werden soll.
live-choose-update-action = Wählen Sie, ob das Update veröffentlicht, bearbeitet oder gelöscht werden soll.
live-already-published = Dieses Update ist bereits veröffentlicht.
live-coverage-changed = Jemand hat diese Berichterstattung inzwischen geändert: Laden Sie neu und versuchen Sie es noch einmal.
live-update-changed = Jemand hat dieses Update inzwischen geändert: Laden Sie es neu und versuchen Sie es noch einmal.
live-question-changed = Jemand hat diese Frage inzwischen beantwortet oder abgelehnt: Laden Sie den Desk neu.
live-answer-not-live = Fragen werden beantwortet, solange die Berichterstattung live ist.
live-answer-answered = Diese Frage wurde bereits beantwortet.
live-answer-not-approved = Nur Fragen, die von der Moderation freigegeben wurden, können beantwortet werden.

## Der Revisionsvergleich eines Artikels: ein Feld pro Zeile, dann der Text

live-diff-headline = Überschrift: { $value }
live-diff-slug = Slug: { $value }
live-diff-summary = Zusammenfassung: { $value }
live-diff-section = Ressort: { $value }
live-diff-authors = Autoren: { $value }
live-diff-tags = Schlagwörter: { $value }
live-diff-image = Bild: { $value }
live-diff-alt-text = Alternativtext: { $value }
live-diff-caption = Bildunterschrift: { $value }
