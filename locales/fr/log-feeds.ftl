# Les mots propres au journal de modération et aux flux du site (logf-).

## Le journal

logf-actor-site = Broadsheet (automatique)
logf-actor-command-line = ligne de commande
logf-role-change = { $old } → { $new }
logf-auto-hide = signalements ouverts de membres confirmés pesant { $weight } ({ $count } au total)
logf-undo-of = annulation de #{ $id } ({ $action })

## Pourquoi rien n'a changé

logf-no-comment = le commentaire { $id } n'existe pas
logf-comment-deleted = le commentaire { $id } a été supprimé par son auteur et le reste
logf-comment-not-pinnable = le commentaire { $id } n'est pas visible des lecteurs et ne peut donc pas être un choix de la rédaction
logf-comment-unchanged = le commentaire { $id } est déjà dans cet état
logf-no-member = le membre { $id } n'existe pas
logf-staff-not-banned = { $name } fait partie de l'équipe et ne peut pas être banni ; un administrateur peut d'abord changer son rôle
logf-no-question = la question #{ $id } n'existe pas
logf-question-answered = question #{ $id } : elle a déjà reçu une réponse
logf-question-approved = question #{ $id } : elle est déjà approuvée
logf-question-rejected = question #{ $id } : elle est déjà rejetée
logf-question-changed = la question #{ $id } a été modifiée entre-temps

## Changements de règles de commentaire dans le journal

logf-policy-site = site : { $mode }
logf-policy-section = rubrique { $name } : { $mode }
logf-policy-article = article { $name } : { $mode }
logf-policy-embed-site = site intégré { $name } : { $mode }
logf-policy-embed-thread = fil intégré { $name } : { $mode }

## Flux

logf-feed-of = { $name } — { $site }
logf-feed-comments-on = Commentaires sur { $title } — { $site }
logf-feed-comments-by = Commentaires de { $name } — { $site }
logf-feed-comment = { $name } sur « { $title } »
