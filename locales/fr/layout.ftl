# Le cadre commun à toutes les pages : en-tête, navigation, pied de page.

skip-link = Aller au contenu
search-landmark = Site
search-label = Rechercher
search-placeholder = Rechercher
sections-nav = Rubriques
nav-newsroom = Rédaction
nav-moderation = Modération
nav-admin = Administration
nav-settings = Paramètres
nav-sign-out = Se déconnecter
nav-sign-in = Se connecter
nav-create-account = Créer un compte
footer-tagline = <a>{ $site }</a> — actualité, analyses et opinions, avec une discussion sous chaque article.
footer-demo = Les contenus de démonstration de ce site sont fictifs.
site-description = Toute l’actualité, des analyses et des opinions, avec une discussion sous chaque article.
