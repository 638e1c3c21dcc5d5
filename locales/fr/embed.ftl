# La conversation intégrée à d'autres sites, sa fenêtre de connexion et ses règles.

## La conversation intégrée (/embed/thread)

embed-frame-title = Commentaires : { $title }
embed-comments-heading = Commentaires ({ $count })
embed-join-title = Participez à la conversation
embed-join = <a>Connectez-vous</a> pour donner votre avis et échanger avec les autres lecteurs.
embed-premoderated = Les commentaires sont lus par un modérateur avant d'être publiés.
embed-no-comments = Aucun commentaire pour l'instant
embed-be-first = Soyez le premier à donner votre avis !
embed-sort-label = Trier les commentaires
embed-signed-in-as = Connecté en tant que { $name }
embed-your-data = Vos données
embed-sign-out = Se déconnecter
embed-source = La conversation à propos de <a>cette page</a>.
embed-closed = Les commentaires sont fermés.
embed-closed-refusal = Les commentaires sont fermés : plus rien ne peut être publié.
embed-reply-invalid = Le commentaire auquel vous répondez n'est pas valide.
embed-honeypot = Ce commentaire n'a pas pu être accepté. Si vous êtes une personne, laissez vide le champ caché « Site web ».

## Pourquoi une intégration est refusée (pour les développeurs du site hôte)

embed-site-not-number = Le site (data-site) doit être le numéro qu'affiche /admin/sites.
embed-no-such-site = Aucun site { $id } n'est enregistré.
embed-page-not-address = L'adresse de la page (data-page) n'est pas une adresse http(s) complète.
embed-no-site-for-origin = Aucun site enregistré n'autorise la conversation sur les pages de { $origin }.
embed-origin-refused = Le site « { $site } » n'autorise pas l'affichage de la conversation sur les pages de { $origin }.

## La fenêtre de connexion (/embed/signin)

embed-signin-title = Connecté à la conversation
embed-signin-heading = Vous êtes connecté
embed-signin-as = Connecté en tant que { $name } pour la conversation sur { $site }.
embed-signin-close = Si cette fenêtre ne se ferme pas d'elle-même, fermez-la et choisissez de nouveau « Se connecter » dans la conversation.
embed-signin-site-number = Le site doit être le numéro qu'affiche /admin/sites.
embed-signin-code-spent = Cette connexion a expiré ou a déjà servi. Choisissez de nouveau « Se connecter ».
embed-signin-other-site = Cette connexion était destinée à la conversation d'un autre site. Choisissez de nouveau « Se connecter ».

## Les sites (/admin/sites)

embed-sites-title = Sites
embed-admins-only = Seuls les administrateurs peuvent gérer les sites qui intègrent la conversation.
embed-sites-intro = Les sites qui affichent la conversation sous leurs propres pages. Chacun indique les origines dont les pages peuvent l'intégrer (schéma, hôte et port, par exemple { $example }) ; une page ailleurs n'a pas de conversation. La clé de signature signe les jetons de connexion du site : elle n'est affichée qu'une fois, à l'ajout du site ou au remplacement de sa clé.
embed-secret-heading = Clé de signature de « { $site } » (site { $id })
embed-secret-copy = Copiez-la maintenant : elle ne sera plus affichée.
embed-add-site = Ajouter un site
embed-site-name = Nom
embed-site-origins = Origines autorisées
embed-site-origins-hint = Une ou plusieurs, séparées par des espaces ou des retours à la ligne. https uniquement ; http simple pour localhost et 127.0.0.1.
embed-add-site-button = Ajouter le site
embed-registered-sites = Sites enregistrés
embed-no-sites = Aucun site pour l'instant.
embed-site-added = (site { $id }, ajouté le { $date })
embed-site-origins-of = Origines autorisées de { $site }
embed-save-origins = Enregistrer les origines
embed-replace-secret-label = Remplacer la clé de { $site }
embed-replace-secret = Remplacer la clé
embed-snippet-intro = À coller sous chaque page, avec l'adresse et le titre de cette page :
embed-count-snippet-intro = Sur les pages de liste, le nombre de commentaires de chaque page (une seule requête pour tous les liens d'une page) :
embed-snippet-page-title = Titre de votre page
embed-snippet-count-text = Commentaires
embed-default-policy = Règle de commentaires par défaut
embed-threads-of = Conversations de { $site }
embed-site-name-taken = Un site nommé « { $name } » existe déjà : choisissez un autre nom.
embed-site-origins-problem = Site { $id } : { $problem }

## Les conversations d'un site, et une conversation

embed-all-sites = Tous les sites
embed-site-policy-intro = Chaque conversation de { $site } suit cette règle, sauf si elle a la sienne ; ce qui reste « comme le réglage général » suit la règle de tout le site, dans les <a>réglages de modération</a>.
embed-threads = Conversations
embed-no-threads = Aucune page n'a encore chargé la conversation.
embed-column-page = Page
embed-column-address = Adresse
embed-column-comments = Commentaires
embed-column-first-loaded = Premier chargement
embed-thread-page-title = Conversation : { $title }
embed-thread-page = Page
embed-thread-site = Site
embed-thread-comments = Commentaires
embed-thread-comment-count = { $count } (<a>lire la conversation</a> ; ceux en attente et signalés sont sur le <a>bureau de modération</a>)
embed-thread-in-force = Règle en vigueur
embed-thread-own-policy = Règle propre à cette conversation
embed-thread-own-policy-intro = Ce qui reste « comme le réglage général » suit la règle par défaut du site.
embed-in-force-open = ouverts
embed-in-force-closed = fermés
embed-in-force-premoderated = prémodérés (chaque commentaire)
embed-in-force-premoderated-first = { $count ->
    [one] prémodérés (le premier commentaire approuvé d'un membre)
   *[other] prémodérés (les { $count } premiers commentaires approuvés d'un membre)
}
embed-in-force-closed-since = { $mode } ; fermés depuis le { $date }
embed-in-force-closes = { $mode } ; fermeture le { $date }

## Le formulaire de règle

embed-policy-site = Commentaires sur { $site }
embed-policy-thread = Commentaires de cette conversation
embed-policy-save-site = Enregistrer la règle de { $site }
embed-policy-save-thread = Enregistrer la règle de cette conversation
embed-policy-inherit = Comme le réglage général
embed-policy-open = Ouverts
embed-policy-premoderated = Prémodérés
embed-policy-closed = Fermés
embed-policy-first = Prémodérer seulement les N premiers commentaires approuvés d'un membre (vide : tous)
embed-policy-days = Fermer ce nombre de jours après le premier chargement de la page (vide : comme le réglage général ; 0 : jamais)
embed-policy-save = Enregistrer la règle
