# Die auf anderen Websites eingebettete Diskussion, ihr Anmeldefenster und ihre Regeln.

## Die eingebettete Diskussion (/embed/thread)

embed-frame-title = Kommentare: { $title }
embed-comments-heading = Kommentare ({ $count })
embed-join-title = Diskutieren Sie mit
embed-join = <a>Melden Sie sich an</a>, um Ihre Meinung zu teilen und mitzudiskutieren.
embed-premoderated = Kommentare hier werden von der Moderation gelesen, bevor sie erscheinen.
embed-no-comments = Noch keine Kommentare
embed-be-first = Schreiben Sie den ersten Kommentar!
embed-sort-label = Kommentare sortieren
embed-signed-in-as = Angemeldet als { $name }
embed-your-data = Ihre Daten
embed-sign-out = Abmelden
embed-source = Die Diskussion zu <a>dieser Seite</a>.
embed-closed = Die Kommentare sind hier geschlossen.
embed-closed-refusal = Die Kommentare sind hier geschlossen, es kann nichts mehr veröffentlicht werden.
embed-reply-invalid = Der Kommentar, auf den Sie antworten, ist ungültig.
embed-honeypot = Dieser Kommentar konnte nicht angenommen werden. Wenn Sie ein Mensch sind, lassen Sie das versteckte Feld „Website“ leer.

## Warum eine Einbettung abgelehnt wird (für die Entwickler der einbettenden Website)

embed-site-not-number = Die Website (data-site) muss die Nummer sein, die /admin/sites anzeigt.
embed-no-such-site = Es gibt keine registrierte Website { $id }.
embed-page-not-address = Die Seitenadresse (data-page) ist keine vollständige http(s)-Adresse.
embed-no-site-for-origin = Keine registrierte Website erlaubt die Diskussion auf Seiten unter { $origin }.
embed-origin-refused = Die Website „{ $site }“ erlaubt nicht, die Diskussion auf Seiten unter { $origin } zu zeigen.

## Das Anmeldefenster (/embed/signin)

embed-signin-title = Bei der Diskussion angemeldet
embed-signin-heading = Sie sind angemeldet
embed-signin-as = Angemeldet als { $name } für die Diskussion auf { $site }.
embed-signin-close = Falls sich dieses Fenster nicht von selbst schließt, schließen Sie es und wählen Sie in der Diskussion erneut „Anmelden“.
embed-signin-site-number = Die Website muss die Nummer sein, die /admin/sites anzeigt.
embed-signin-code-spent = Diese Anmeldung ist abgelaufen oder wurde schon verwendet. Wählen Sie erneut „Anmelden“.
embed-signin-other-site = Diese Anmeldung galt der Diskussion einer anderen Website. Wählen Sie erneut „Anmelden“.

## Die Websites (/admin/sites)

embed-sites-title = Websites
embed-admins-only = Nur Administratoren können die Websites verwalten, die die Diskussion einbetten.
embed-sites-intro = Websites, die die Diskussion unter ihren eigenen Seiten zeigen. Jede nennt die Ursprünge, deren Seiten sie einbetten dürfen (Schema, Host und Port, etwa { $example }); Seiten anderswo bekommen keine Diskussion. Mit dem Signaturschlüssel signiert die Website ihre eigenen Anmelde-Token: Er wird nur einmal angezeigt, wenn die Website hinzugefügt oder ihr Schlüssel ersetzt wird.
embed-secret-heading = Signaturschlüssel von „{ $site }“ (Website { $id })
embed-secret-copy = Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.
embed-add-site = Website hinzufügen
embed-site-name = Name
embed-site-origins = Erlaubte Ursprünge
embed-site-origins-hint = Einer oder mehrere, getrennt durch Leerzeichen oder Zeilenumbrüche. Nur https; einfaches http nur für localhost und 127.0.0.1.
embed-add-site-button = Website hinzufügen
embed-registered-sites = Registrierte Websites
embed-no-sites = Noch keine Websites.
embed-site-added = (Website { $id }, hinzugefügt am { $date })
embed-site-origins-of = Erlaubte Ursprünge von { $site }
embed-save-origins = Ursprünge speichern
embed-replace-secret-label = Schlüssel von { $site } ersetzen
embed-replace-secret = Schlüssel ersetzen
embed-snippet-intro = Unter jeder Seite einfügen, mit Adresse und Titel dieser Seite:
embed-count-snippet-intro = Auf Übersichtsseiten die Kommentarzahl jeder Seite (eine Anfrage für alle Links einer Seite):
embed-snippet-page-title = Titel Ihrer Seite
embed-snippet-count-text = Kommentare
embed-default-policy = Standardregel für Kommentare
embed-threads-of = Diskussionen von { $site }
embed-site-name-taken = Es gibt schon eine Website namens „{ $name }“: Wählen Sie einen anderen Namen.
embed-site-origins-problem = Website { $id }: { $problem }

## Die Diskussionen einer Website und eine Diskussion

embed-all-sites = Alle Websites
embed-site-policy-intro = Jede Diskussion von { $site } folgt dieser Regel, sofern sie keine eigene hat; was „wie die übergeordnete Einstellung“ bleibt, folgt der Regel der ganzen Website unter <a>Moderationseinstellungen</a>.
embed-threads = Diskussionen
embed-no-threads = Noch keine Seite hat die Diskussion geladen.
embed-column-page = Seite
embed-column-address = Adresse
embed-column-comments = Kommentare
embed-column-first-loaded = Zuerst geladen
embed-thread-page-title = Diskussion: { $title }
embed-thread-page = Seite
embed-thread-site = Website
embed-thread-comments = Kommentare
embed-thread-comment-count = { $count } (<a>Diskussion lesen</a>; zurückgehaltene und gemeldete stehen am <a>Moderationsdesk</a>)
embed-thread-in-force = Geltende Regel
embed-thread-own-policy = Eigene Regel dieser Diskussion
embed-thread-own-policy-intro = Was „wie die übergeordnete Einstellung“ bleibt, folgt der Standardregel der Website.
embed-in-force-open = offen
embed-in-force-closed = geschlossen
embed-in-force-premoderated = vormoderiert (jeder Kommentar)
embed-in-force-premoderated-first = { $count ->
    [one] vormoderiert (der erste freigegebene Kommentar eines Mitglieds)
   *[other] vormoderiert (die ersten { $count } freigegebenen Kommentare eines Mitglieds)
}
embed-in-force-closed-since = { $mode }; geschlossen seit { $date }
embed-in-force-closes = { $mode }; schließt am { $date }

## Das Regelformular

embed-policy-site = Kommentare auf { $site }
embed-policy-thread = Kommentare in dieser Diskussion
embed-policy-save-site = Regel von { $site } speichern
embed-policy-save-thread = Regel dieser Diskussion speichern
embed-policy-inherit = Wie die übergeordnete Einstellung
embed-policy-open = Offen
embed-policy-premoderated = Vormoderiert
embed-policy-closed = Geschlossen
embed-policy-first = Nur die ersten N freigegebenen Kommentare eines Mitglieds vormoderieren (leer: alle)
embed-policy-days = So viele Tage nach dem ersten Laden der Seite schließen (leer: wie die übergeordnete Einstellung; 0: nie)
embed-policy-save = Regel speichern
