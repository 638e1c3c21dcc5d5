# Der Seitenrahmen, den alle Seiten teilen: Kopf, Navigation, Fuß.

skip-link = Zum Inhalt springen
search-landmark = Website
search-label = Suche
search-placeholder = Suchen
sections-nav = Ressorts
nav-newsroom = Redaktion
nav-moderation = Moderation
nav-admin = Verwaltung
nav-settings = Einstellungen
nav-sign-out = Abmelden
nav-sign-in = Anmelden
nav-create-account = Konto anlegen
footer-tagline = <a>{ $site }</a> – Nachrichten, Analysen und Meinungen, mit einer Diskussion unter jedem Artikel.
footer-demo = Die Beispielinhalte dieser Website sind frei erfunden.
site-description = Aktuelle Nachrichten, Analysen und Meinungen, mit einer Diskussion unter jedem Artikel.
