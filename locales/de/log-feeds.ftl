# Die eigenen Worte des Moderationsprotokolls und der Feeds der Website (logf-).

## Das Protokoll

logf-actor-site = Broadsheet (automatisch)
logf-actor-command-line = Kommandozeile
logf-role-change = { $old } → { $new }
logf-auto-hide = offene Meldungen etablierter Mitglieder mit Gewicht { $weight } (insgesamt { $count })
logf-undo-of = Rücknahme von #{ $id } ({ $action })

## Warum etwas unverändert blieb

logf-no-comment = Kommentar { $id } gibt es nicht
logf-comment-deleted = Kommentar { $id } wurde von seinem Verfasser gelöscht und bleibt gelöscht
logf-comment-not-pinnable = Kommentar { $id } ist für Leser nicht sichtbar und kann daher keine Empfehlung der Redaktion sein
logf-comment-unchanged = Kommentar { $id } ist bereits in diesem Zustand
logf-no-member = Mitglied { $id } gibt es nicht
logf-staff-not-banned = { $name } gehört zur Redaktion und kann nicht gesperrt werden; eine Administratorin oder ein Administrator kann zuerst die Rolle ändern
logf-no-question = Frage #{ $id } gibt es nicht
logf-question-answered = Frage #{ $id } wurde bereits beantwortet
logf-question-approved = Frage #{ $id } ist bereits freigegeben
logf-question-rejected = Frage #{ $id } ist bereits abgelehnt
logf-question-changed = Frage #{ $id } wurde inzwischen geändert

## Änderungen der Kommentarregeln im Protokoll

logf-policy-site = Website: { $mode }
logf-policy-section = Ressort { $name }: { $mode }
logf-policy-article = Artikel { $name }: { $mode }
logf-policy-embed-site = eingebettete Website { $name }: { $mode }
logf-policy-embed-thread = eingebettete Diskussion { $name }: { $mode }

## Feeds

logf-feed-of = { $name } — { $site }
logf-feed-comments-on = Kommentare zu { $title } — { $site }
logf-feed-comments-by = Kommentare von { $name } — { $site }
logf-feed-comment = { $name } zu „{ $title }“
