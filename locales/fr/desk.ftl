# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = Tableau de bord
desk-link-questions = Questions des lecteurs
desk-link-members = Membres
desk-link-policies = Règles et listes de mots
desk-link-log = Journal
desk-link-desk = Modération
desk-link-role-changes = Changements de rôle
desk-forbidden = Votre rôle ne le permet pas : demandez à un administrateur si vous en avez besoin.
desk-yes = Oui
desk-no = Non
desk-reason = Motif
desk-note = Note
desk-status = Statut
desk-undo = Annuler
desk-undone = (annulé)
desk-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## The desk (/admin/moderation)

desk-title = Modération
desk-queues = Files d’attente
desk-queue-pending = En attente
desk-queue-reported = Signalés
desk-queue-flagged = Repérés automatiquement
desk-order = Ordre :
desk-order-priority = priorité
desk-order-oldest = plus anciens d’abord
desk-keys = Clavier :
desk-keys-move = suivant et précédent
desk-keys-approve = approuver
desk-keys-reject = refuser (avec le motif choisi)
desk-keys-select = sélectionner.
desk-queue-empty = Rien n’attend dans « { $queue } ». Bravo.
desk-with-selected = Pour les commentaires sélectionnés
desk-approve-selected = Approuver la sélection
desk-reject-selected = Refuser la sélection
desk-first-hundred = Seuls les 100 premiers sont affichés ; tranchez-les pour voir la suite.
desk-comment-by = Commentaire de { $author }
desk-comment-on = sur
desk-editors-pick = Choix de la rédaction
desk-why-held = Motif de la retenue
desk-spam-score = Score de spam
desk-not-scored = pas encore évalué
desk-author = Auteur
desk-trust-level = Niveau de confiance
desk-reports = Signalements
desk-report-uncounted = (d’un nouveau membre : ne compte pas pour le masquage)
desk-report-double = (d’un membre de confiance : compte double)
desk-in-reply-to = En réponse à { $name } : { $text }
desk-deleted-author = [supprimé]
desk-earlier-decisions = Décisions précédentes ({ $count })
desk-decision-by = { $what } par { $by }
desk-approve = Approuver
desk-reject = Refuser
desk-pin = Épingler comme choix de la rédaction
desk-unpin = Désépingler
desk-ban-for = Exclure pour
desk-ban-good = toujours
desk-ban-author = Exclure l’auteur
desk-record-published = { $count ->
    [one] { $count } publié
   *[other] { $count } publiés
}
desk-record-waiting = { $count } en attente
desk-record-rejected = { $count ->
    [one] { $count } refusé
   *[other] { $count } refusés
}
desk-record-deleted = { $count ->
    [one] { $count } supprimé
   *[other] { $count } supprimés
}
desk-member-since = membre depuis le { $day }
desk-banned-for-good = exclu définitivement
desk-banned-until = exclu jusqu’au { $day }

desk-status-visible = Visible des lecteurs
desk-status-held = Retenu
desk-status-rejected = Refusé
desk-status-deleted = Supprimé

desk-held-premoderation = Modération a priori
desk-held-first-comment = Premier commentaire d’un nouveau membre
desk-held-link = Lien d’un nouveau membre
desk-held-suspect-word = Mot suspect
desk-held-spam = Filtre antispam
desk-held-reports = Masqué après signalements

desk-reject-spam = Spam ou publicité
desk-reject-abuse = Injurieux, haineux ou attaque personnelle
desk-reject-off-topic = Hors sujet
desk-reject-personal = Divulgue des informations personnelles sur quelqu’un
desk-reject-other = Enfreint la charte de la communauté
desk-rejection-with-note = { $reason } : { $note }

desk-trust-new = nouveau
desk-trust-member = membre
desk-trust-trusted = de confiance

desk-why-premoderated-first = modération a priori : l’un des { $count } premiers commentaires d’un membre
desk-why-premoderated = modération a priori : chaque commentaire attend ici
desk-why-first-comment = premier commentaire d’un nouveau membre
desk-why-first-link = premier lien d’un nouveau membre
desk-why-link = lien d’un membre (niveau : { $level }) ayant peu de commentaires approuvés
desk-why-suspect-word = mot suspect : { $word }
desk-why-suspect = mot suspect
desk-why-spam-score = score de spam { $score }
desk-why-spam = filtre antispam
desk-why-reports-weighing = masqué après des signalements d’un poids de { $weight }
desk-why-reports = masqué après signalements
desk-why-edited = modifié après publication ; { $why }

desk-did-approve = approuvé
desk-did-reject = refusé
desk-did-pin = épinglé comme choix de la rédaction
desk-did-unpin = désépinglé
desk-did-auto-hide = masqué après signalements
desk-did-ban = exclu
desk-did-unban = exclusion levée
desk-did-role = rôle changé
desk-did-question-approve = question approuvée
desk-did-question-reject = question refusée
desk-did-undo = annulé
desk-did-policy = règle de commentaires changée
desk-did-words = listes de mots changées
desk-did-settings = réglages changés
desk-did-other = modifié

desk-done-items = { $count ->
    [one] { $count } élément { $what }
   *[other] { $count } éléments { $what }
}
desk-done = Fait : { $list }.
desk-not-changed = Non modifié : { $list }.
desk-refuse-action = L’action de ce bouton n’a pas été comprise ; rechargez la page.
desk-refuse-comment = Le commentaire de ce bouton n’a pas été compris ; rechargez la page.
desk-refuse-none-selected = Sélectionnez d’abord au moins un commentaire, puis choisissez une action.
desk-refuse-too-many = Agissez sur { $count } commentaires au plus à la fois.
desk-refuse-ban = Votre rôle ne permet pas d’exclure.
desk-refuse-reason = Choisissez un motif de refus : l’auteur le lira.
desk-refuse-unknown = Choisissez approuver, refuser, épingler ou exclure.

desk-undone-count = { $count ->
    [one] Annulé : { $count } action.
   *[other] Annulé : { $count } actions.
}
desk-not-undone = Non annulé : { $list }.
desk-undo-no-entry = #{ $id } n’existe pas
desk-undo-missing = #{ $id } : n’existe pas
desk-undo-role = #{ $id } : votre rôle ne permet pas de l’annuler
desk-undo-already = #{ $id } : déjà annulé
desk-undo-settings = #{ $id } : c’est une modification des réglages ; modifiez-les de nouveau
desk-undo-changed = #{ $id } : modifié depuis par une autre décision ; annulez d’abord celle-ci

## The audit log (/admin/moderation/log)

desk-log-title = Journal
desk-log-action = Action
desk-log-any = Toutes
desk-log-by-member = Par le membre n°
desk-log-comment = Commentaire n°
desk-log-about-member = Concernant le membre n°
desk-log-filter = Filtrer
desk-log-none = Rien de correspondant dans le journal.
desk-log-when = Quand
desk-log-who = Qui
desk-log-what = Quoi
desk-log-about = Concernant
desk-log-why = Pourquoi
desk-undo-entry = Annuler #{ $id }
desk-log-older = Entrées plus anciennes
desk-log-comment-by = commentaire #{ $id } de { $name }
desk-log-comment-number = commentaire #{ $id }
desk-log-member = membre { $name }
desk-action-approve = approbation
desk-action-reject = refus
desk-action-pin = épinglage
desk-action-unpin = désépinglage
desk-action-auto-hide = masquage automatique
desk-action-ban = exclusion
desk-action-unban = levée d’exclusion
desk-action-undo = annulation
desk-action-role = rôle
desk-action-policy = règle
desk-action-words = mots
desk-action-settings = réglages

## Members (/admin/users)

desk-users-title = Membres
desk-users-search = Le nom ou l’adresse e-mail contient
desk-users-find = Chercher
desk-users-none = Aucun membre ne correspond.
desk-users-member = Membre
desk-users-role = Rôle
desk-users-conversation = Discussion
desk-users-joined = inscrit le
desk-users-role-of = Rôle de { $name }
desk-users-set-role-of = Définir le rôle de { $name }
desk-users-set-role = Définir le rôle
desk-users-ban-for = Exclure { $name } pour
desk-users-lift = Lever l’exclusion
desk-for-good = définitivement
desk-users-apply-to = Appliquer à { $name }
desk-users-apply = Appliquer
desk-users-more = Plus de membres
desk-users-banned-for-good = Exclu définitivement
desk-users-banned-until = Exclu jusqu’au { $day }
desk-users-own-role = Vous ne pouvez pas changer votre propre rôle ; demandez à un autre administrateur.
desk-users-role-set = Rôle défini : { $role }.
desk-users-ban-lifted = Exclusion levée.
desk-users-banned = Membre exclu.
desk-role-member = membre
desk-role-contributor = contributeur
desk-role-moderator = modérateur
desk-role-editor = éditeur
desk-role-admin = administrateur

## Moderation settings (/admin/moderation/settings)

desk-settings-title = Réglages de la modération
desk-settings-site = Pour tout le site
desk-settings-comments = Commentaires
desk-settings-open = Ouverts
desk-settings-premoderated = Modérés a priori
desk-settings-closed = Fermés
desk-settings-first = Ne modérer a priori que les N premiers commentaires approuvés d’un membre (vide : tous)
desk-settings-close = Fermer les commentaires ce nombre de jours après la publication (0 : jamais)
desk-settings-link-hold = Retenir les liens des membres ayant moins de commentaires approuvés que
desk-settings-report-threshold = Masquer un commentaire pour examen à partir de ce nombre de signalements (0 : jamais)
desk-settings-reporters-hint = Chaque signalement arrive à la modération ; seuls ceux des membres établis comptent pour masquer un commentaire, ceux des membres de confiance comptent double. Les signalements de l’équipe comptent toujours. Les trois réglages suivants fixent le seuil de confiance des lecteurs : un membre qui ne l’atteint pas est
desk-settings-reporters-new = nouveau
desk-settings-reporters-links = (ses liens attendent un examen).
desk-settings-report-verified = Ne compter que les signalements des membres ayant confirmé leur adresse e-mail
desk-settings-report-days = Ne compter que les signalements des comptes ayant au moins ce nombre de jours
desk-settings-report-approved = Ne compter que les signalements des membres ayant au moins ce nombre de commentaires approuvés
desk-settings-spam-threshold = Retenir les commentaires dont le score de spam atteint au moins
desk-settings-spam-trained = Le filtre antispam apprend des décisions des modérateurs : { $spam } commentaires appris comme spam, { $ham } comme légitimes.
desk-settings-banned = Mots interdits (un par ligne ; les commentaires qui en contiennent sont refusés)
desk-settings-suspect = Mots suspects (un par ligne ; les commentaires qui en contiennent attendent un examen)
desk-settings-matching = La recherche ignore la casse et les accents, déjoue les caractères ressemblants (0 pour o, @ pour a), les lettres espacées, pointées ou étirées, et ne trouve que des mots entiers.
desk-settings-save = Enregistrer les réglages
desk-settings-saved = Réglages enregistrés.
desk-trust-hold-first = Retenir pour examen le premier commentaire d’un nouveau membre
desk-trust-days = Faire confiance aux membres dont le compte a au moins ce nombre de jours
desk-trust-approved = … et qui ont au moins ce nombre de commentaires approuvés
desk-trust-hint = Les membres de confiance ont une adresse confirmée et aucun refus récent ; leurs liens ne sont jamais retenus et leurs signalements comptent double.
desk-trust-demote-after = Refaire d’un membre un nouveau après ce nombre de commentaires refusés (0 : jamais)
desk-trust-demote-window = … en ce nombre de jours
desk-trust-demote-hint = Un seul refus pendant cette période suffit à retirer la confiance à un membre.

desk-policy-title = Une rubrique ou un article
desk-policy-for = Pour
desk-policy-a-section = une rubrique
desk-policy-an-article = un article
desk-policy-target = Adresse de la rubrique ou de l’article (par ex. { $example }, ou pour un article la partie après /articles/)
desk-policy-inherit = Comme le réglage général
desk-policy-close = Fermer ce nombre de jours après la publication (vide : comme le réglage général ; 0 : jamais)
desk-policy-save = Enregistrer la règle
desk-policy-saved = Règle enregistrée.
desk-policy-where = Où
desk-policy-name = Nom
desk-policy-closing = Fermeture
desk-policy-section = Rubrique
desk-policy-article = Article
desk-policy-as-wider = comme le réglage général
desk-policy-never = jamais
desk-policy-days-after = { $count ->
    [one] { $count } jour après la publication
   *[other] { $count } jours après la publication
}
desk-mode-open = ouverts
desk-mode-closed = fermés
desk-mode-premoderated = modérés a priori (chaque commentaire)
desk-mode-premoderated-first = modérés a priori (les { $count } premiers commentaires approuvés d’un membre)
desk-policy-no-section = Aucune rubrique n’a l’adresse « { $target } ».
desk-policy-no-article = Aucun article n’a l’adresse « { $target } » : indiquez la partie après /articles/.
desk-policy-no-scope = Choisissez si la règle vaut pour une rubrique ou un article.

## Webhooks (/admin/webhooks)

desk-hooks-title = Webhooks
desk-hooks-sent-as = Chaque événement est envoyé en JSON signé, par une requête
desk-hooks-header = : l’en-tête
desk-hooks-header-is = vaut
desk-hooks-hmac = , où HEX est le HMAC-SHA256, avec le secret du point de terminaison, de
desk-hooks-retried = , d’un point et du corps. Une livraison échouée est retentée à intervalles croissants (30 secondes, doublés à chaque fois, 8 tentatives).
desk-hooks-add-heading = Ajouter un point de terminaison
desk-hooks-url = URL du point de terminaison
desk-hooks-events = Événements
desk-hooks-add = Ajouter le point de terminaison
desk-hooks-endpoints = Points de terminaison
desk-hooks-none = Aucun point de terminaison pour l’instant.
desk-hooks-col-url = URL
desk-hooks-col-secret = Secret de signature
desk-hooks-col-actions = Actions
desk-hooks-added = ajouté le
desk-hooks-its-deliveries = ses livraisons
desk-hooks-delete-named = Supprimer le point de terminaison { $url }
desk-hooks-delete = Supprimer
desk-hooks-log = Journal des livraisons
desk-hooks-filtered = Livraisons au point de terminaison { $id } uniquement.
desk-hooks-show-all = <a>Tout afficher</a>.
desk-hooks-nothing-sent = Rien n’a encore été envoyé.
desk-hooks-col-event = Événement
desk-hooks-col-endpoint = Point de terminaison
desk-hooks-col-attempts = Tentatives
desk-hooks-col-answer = Dernière réponse
desk-hooks-next-try = prochain essai
desk-hooks-redeliver-named = Renvoyer la livraison { $id }
desk-hooks-redeliver = Renvoyer
desk-delivery-pending = en attente
desk-delivery-delivered = livrée
desk-delivery-failed = échouée
desk-hooks-admins-only = Seuls les administrateurs peuvent gérer les webhooks.
desk-hooks-no-events = Choisissez au moins un événement à envoyer.
desk-hooks-url-empty = Saisissez l’URL qui doit recevoir les événements.
desk-hooks-url-long = L’URL ne peut dépasser { $max } caractères.
desk-hooks-url-scheme = L’URL doit commencer par https:// (ou http:// pour un récepteur sur votre propre réseau).
desk-hooks-url-host = L’URL doit nommer un hôte, comme dans https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = Jetons d’API
desk-tokens-intro = Un jeton permet à un script ou à un autre service d’utiliser l’<a>API Broadsheet</a> en votre nom.
desk-tokens-send-as = Envoyez-le sous la forme
desk-tokens-revoked-by = . Changer ou réinitialiser votre mot de passe, ou vous déconnecter partout, révoque tous les jetons.
desk-tokens-back = <a>Retour aux paramètres</a>.
desk-tokens-new = <strong>Votre nouveau jeton</strong> — copiez-le maintenant : il ne sera plus affiché.
desk-tokens-token = Jeton
desk-tokens-create-heading = Créer un jeton
desk-tokens-name = Nom du jeton
desk-tokens-name-example = Script de la newsletter
desk-tokens-may = Ce qu’il peut faire
desk-scope-read = Lire : l’API telle que vous voyez le site
desk-scope-comment = Commenter : publier, modifier et supprimer vos commentaires
desk-scope-publish = Publier : créer des articles
desk-scope-name-read = lecture
desk-scope-name-comment = commentaires
desk-scope-name-publish = publication
desk-tokens-password = Votre mot de passe (nécessaire pour un jeton qui peut publier)
desk-tokens-create = Créer le jeton
desk-tokens-yours = Vos jetons
desk-tokens-none = Vous n’avez aucun jeton.
desk-tokens-col-name = Nom
desk-tokens-col-scopes = Droits
desk-tokens-col-used = Dernière utilisation
desk-tokens-col-action = Action
desk-tokens-created = créé le
desk-tokens-never = jamais
desk-tokens-revoked = révoqué le
desk-tokens-revoke-named = Révoquer { $name }
desk-tokens-revoke = Révoquer
desk-tokens-no-password = Un jeton qui peut publier exige votre mot de passe, et votre compte n’en a pas encore (vous vous connectez par authentification unique ou par lien envoyé par e-mail). Définissez-en un d’abord : « Mot de passe oublié ? » sur la page de connexion vous envoie un lien pour le choisir. Créez ensuite le jeton.
desk-tokens-wrong-password = Saisissez votre mot de passe actuel pour créer un jeton qui peut publier. Le jeton n’a pas été créé.
desk-tokens-too-many = Vous avez déjà { $count } jetons actifs. Révoquez-en un dont vous ne vous servez plus, puis créez celui-ci.
desk-tokens-name-empty = Donnez un nom au jeton, par exemple celui du script ou du service qui l’utilisera.
desk-tokens-name-long = Le nom d’un jeton ne peut dépasser { $max } caractères.
desk-tokens-name-control = Le nom d’un jeton ne peut pas contenir de caractères de contrôle.
desk-scope-none = Choisissez au moins un droit : read, comment ou publish
desk-scope-unknown = « { $scope } » n’est pas un droit : utilisez read, comment ou publish
desk-scope-not-allowed = Votre rôle n’autorise pas le droit « { $scope } »

## Refused settings forms

desk-settings-number = { $what } doit être un nombre entier de 0 à { $max }.
desk-settings-whole = { $what } doit être un nombre entier.
desk-field-close-days = Le nombre de jours avant la fermeture des commentaires
desk-field-link-hold = Le nombre de commentaires approuvés avant que les liens paraissent
desk-field-reports = Le nombre de signalements qui masquent un commentaire
desk-field-report-days = L’ancienneté du compte pour que les signalements comptent (en jours)
desk-field-report-approved = Le nombre de commentaires approuvés pour que les signalements d’un membre comptent
desk-field-trusted-days = L’ancienneté du compte pour être de confiance
desk-field-trusted-approved = Le nombre de commentaires approuvés pour être de confiance
desk-field-demote-window = Le nombre de jours pendant lesquels les refus comptent
desk-field-demote-after = Le nombre de refus qui refont d’un membre un nouveau
desk-settings-verified-choice = Indiquez si seuls comptent les signalements des membres à l’adresse confirmée : oui ou non.
desk-settings-spam-range = Le score de spam qui retient un commentaire doit être un nombre de 0,5 à 1.
desk-mode-first-range = Le nombre de premiers commentaires à retenir doit être un nombre entier de 1 à 1000, ou vide pour tous.
desk-mode-unknown = Mode de commentaires inconnu « { $mode } » : choisissez ouverts, fermés ou modérés a priori.
desk-words-banned = Mots interdits
desk-words-suspect = Mots suspects
desk-words-long-line = la ligne { $line } fait { $chars } caractères
desk-words-entry-max = une entrée ne peut dépasser { $max } caractères
desk-words-too-many = la liste compte plus de { $max } entrées ; retirez-en et réessayez
desk-trust-days-range = L’ancienneté du compte pour être de confiance doit être un nombre entier de jours de 0 à { $max }.
desk-trust-approved-range = Le nombre de commentaires approuvés pour être de confiance doit être un nombre entier de 0 à { $max }.
desk-trust-window-range = Le nombre de jours pendant lesquels les refus comptent doit être un nombre entier de 0 à { $max }.
desk-trust-after-range = Le nombre de refus qui refont d’un membre un nouveau doit être un nombre entier de 0 à { $max } (0 : jamais).
desk-trust-hold-choice = Indiquez si le premier commentaire d’un nouveau membre attend un examen : oui ou non.
desk-ban-length = Choisissez la durée de l’exclusion : un nombre de jours de 1 à 3650, ou définitivement.
desk-note-too-long = La note fait { $count } caractères ; la limite est de { $max }. Raccourcissez-la.
