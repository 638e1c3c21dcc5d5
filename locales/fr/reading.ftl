# Les pages de lecture publiques : une, rubriques, articles, recherche, direct et lettres d'information.

reading-live-badge = En direct
reading-by = Par
reading-and = et
reading-list-comma = { ", " }
reading-comment-count =
    { $count ->
        [one] { $shown } commentaire
       *[other] { $shown } commentaires
    }

reading-front-heading = { $site } : les derniers articles
reading-front-lead = À la une
reading-front-empty = Aucun article n'a encore été publié.
reading-front-discussed = Les plus commentés

reading-kind-section = Rubrique
reading-kind-topic = Sujet
reading-kind-author = Auteur
reading-listing-empty = Pas encore d'article ici.
reading-listing-no-older = Il n'y a pas d'articles plus anciens.
reading-listing-stories = Articles
reading-listing-pages = Pages
reading-listing-newest = Articles les plus récents
reading-listing-older = Articles plus anciens
reading-listing-older-title = { $heading } (articles plus anciens)
reading-listing-bad-cursor = Ce lien de page n'est pas valide. Parcourez la liste avec les liens « Articles plus anciens » ou recommencez depuis la première page.

reading-published = Publié le
reading-updated = Mis à jour le
reading-read-in-label = Lire en
reading-read-in = Lire en :
reading-corrections = Rectificatifs
reading-topics = Sujets
reading-related = Sur le même sujet
reading-feed-live-updates = Le direct : { $title } (Atom)
reading-feed-comments = Commentaires sur { $title } (Atom)

reading-live-updates = En direct
reading-coverage-ended = Ce direct est terminé
reading-no-updates = Pas encore de mise à jour.
reading-older-updates = Mises à jour précédentes
reading-ask-heading = Posez votre question à la rédaction
reading-ask-blurb = Une question sur ce sujet ? Nos journalistes répondent aux questions des lecteurs ici, dans le direct.
reading-ask-link = Poser une question
reading-key-events = L'essentiel
reading-key-event = Essentiel
reading-question-from = Question de
reading-a-reader = Un lecteur
reading-the-newsroom = La rédaction
reading-asked = { $asker } demande : { $question }
reading-earlier-updates = Mises à jour précédentes
reading-earlier-updates-title = Mises à jour précédentes : { $title }
reading-no-earlier = Aucune mise à jour précédente.
reading-back-to-latest = Retour aux dernières mises à jour
reading-live-bad-cursor = Cette page de mises à jour n'existe pas : revenez à l'article.
reading-feed-live-title = En direct : { $title } — { $site }

reading-ask-title = Posez votre question à la rédaction : { $title }
reading-ask-sent = Merci : votre question est entre les mains de la rédaction. Un modérateur la lit d'abord ; si un journaliste y répond, la réponse paraît dans le <a>direct</a>, avec votre question et votre nom.
reading-ask-ended = Ce direct est terminé : la rédaction ne prend plus de questions ici. <a>Lire les mises à jour</a>.
reading-ask-sign-in = <a>Connectez-vous</a> pour poser une question à la rédaction sur ce sujet.
reading-ask-intro = Posez une question sur ce sujet. Un modérateur lit d'abord chaque question ; nos journalistes répondent à certaines d'entre elles dans le direct, en citant la question avec votre nom d'affichage.
reading-ask-your-question = Votre question
reading-ask-hint = { $max } caractères au plus, en texte brut.
reading-ask-notify = Me prévenir par e-mail quand ma question reçoit une réponse
reading-ask-send = Envoyer la question
reading-ask-back = Retour au direct
reading-ask-not-live = Les questions ne sont acceptées que pendant le direct, et celui-ci n'est pas en cours.
reading-ask-empty = Écrivez votre question avant de l'envoyer.
reading-ask-too-long = Une question compte au plus { $max } caractères ; la vôtre en compte { $chars }. Raccourcissez-la et renvoyez-la.
reading-ask-closed = Les commentaires sur cet article sont fermés, et les questions aussi.
reading-ask-banned-word = Votre question contient « { $word } », qui n'est pas admis ici. Retirez-le et renvoyez-la : votre texte est conservé ci-dessous.
reading-ask-too-fast =
    { $wait ->
        [one] Vous posez plus de { $max } questions par minute. Attendez { $wait } seconde, puis renvoyez-la : votre texte est conservé ci-dessous.
       *[other] Vous posez plus de { $max } questions par minute. Attendez { $wait } secondes, puis renvoyez-la : votre texte est conservé ci-dessous.
    }

reading-search-title = Recherche
reading-search-page-title = Recherche : { $query }
reading-search-landmark = Rechercher des articles
reading-search-for = Rechercher
reading-search-section = Rubrique
reading-search-all-sections = Toutes les rubriques
reading-search-from = Du
reading-search-to = Au
reading-search-order = Tri
reading-search-best-match = Pertinence
reading-search-newest-first = Les plus récents
reading-search-button = Rechercher
reading-search-none = Aucun article ne correspond à « { $query } ».
reading-search-none-on-page = Aucun article ne correspond à « { $query } » en page { $page }.
reading-search-results = Résultats pour « { $query } »
reading-search-results-page = Résultats pour « { $query } », page { $page }
reading-search-try-again = Essayez avec moins de mots ou d'autres mots, ou retirez les filtres.
reading-search-result-pages = Pages de résultats
reading-search-previous = Résultats précédents
reading-search-more = Plus de résultats
reading-search-help = Tapez quelques mots d'un titre, d'un article, d'un sujet ou le nom d'un auteur. Mettez une expression entre « guillemets ».
reading-search-bad-from = La date « Du » doit ressembler à 2026-11-27 ; « { $value } » a été ignoré.
reading-search-bad-to = La date « Au » doit ressembler à 2026-11-27 ; « { $value } » a été ignoré.
reading-search-limit-chars = Seuls les { $max } premiers caractères de la recherche ont été pris en compte.
reading-search-limit-words = Seuls les { $max } premiers mots ont été recherchés (les mots entre guillemets comptent aussi).
reading-search-limit-short-prefixes = Un * ne trouve des mots plus longs qu'à partir de { $min } lettres ; les plus courts ont été recherchés comme mots entiers.
reading-search-limit-prefixes = Seuls les { $max } premiers mots ont été recherchés comme débuts de mots ; les autres comme mots entiers.
reading-search-swapped = La date « Du » était postérieure à la date « Au » : les deux ont été inversées.
reading-search-no-section = Il n'y a pas de rubrique « { $section } » : toutes les rubriques ont été parcourues.
reading-search-timeout = Cette recherche a pris trop de temps et a été interrompue. Essayez avec moins de mots ou des mots plus précis, moins de débuts de mots (*), une rubrique ou une période plus courte.
reading-search-nothing = Cette recherche ne contient ni lettre ni chiffre. Essayez quelques mots de l'article.

reading-feed-latest = Les dernières nouvelles de { $title }
reading-feed-correction = Rectificatif, { $time } :

reading-newsletters-title = Lettres d'information
reading-newsletters-subscribed = Vous êtes abonné.
reading-newsletters-left = Vous êtes désabonné.
reading-newsletters-none = Il n'y a pas encore de lettre d'information.
reading-newsletters-receiving = Vous recevez cette lettre.
reading-newsletters-unsubscribe-from = Se désabonner de { $name }
reading-newsletters-unsubscribe = Se désabonner
reading-newsletters-subscribe-to = S'abonner à { $name }
reading-newsletters-subscribe = S'abonner
reading-newsletters-too-many =
    { $minutes ->
        [one] Trop d'abonnements ont été demandés depuis votre réseau au cours de la dernière heure. Réessayez dans { $minutes } minute.
       *[other] Trop d'abonnements ont été demandés depuis votre réseau au cours de la dernière heure. Réessayez dans { $minutes } minutes.
    }
reading-newsletters-check-mail = Consultez votre messagerie : nous avons envoyé à { $email } un lien pour confirmer votre abonnement à { $newsletter }.
reading-newsletters-mail-subject = Confirmez votre abonnement à { $newsletter }
reading-newsletters-mail-asked = Quelqu'un (vous, nous l'espérons) a demandé à recevoir { $newsletter } de { $site } à cette adresse. Ouvrez ce lien dans les 48 heures et cliquez sur « Confirmer l'abonnement » :
reading-newsletters-mail-ignore = Le lien ne fonctionne qu'une fois. Si vous n'avez rien demandé, ignorez ce message : rien ne vous sera envoyé sans confirmation.
reading-confirm-title = Confirmez votre abonnement
reading-confirm-done = Vous êtes abonné à { $newsletter }. Le prochain numéro vous parviendra par e-mail ; chaque numéro contient un lien pour vous désabonner en un clic.
reading-confirm-sign-in-later = Pour vous connecter plus tard, demandez un <a>lien de connexion par e-mail</a>.
reading-confirm-press = Cliquez sur le bouton pour recevoir <strong>{ $newsletter }</strong> à l'adresse <strong>{ $email }</strong>.
reading-confirm-button = Confirmer l'abonnement
reading-confirm-expired = Ce lien de confirmation a expiré ou a déjà servi. Les liens fonctionnent une fois, pendant 48 heures.
reading-confirm-again = Vous pouvez vous réabonner depuis la <a>page des lettres d'information</a>.
reading-unsubscribe-title = Se désabonner
reading-unsubscribe-newsletter-invalid = Ce lien de désabonnement n'est pas valide. Une fois connecté, vous pouvez choisir vos lettres sur la <a>page des lettres d'information</a>.
reading-unsubscribe-newsletter-done = C'est fait : vous ne recevrez plus { $name }. Vous pouvez vous réabonner depuis la <a>page des lettres d'information</a>.
reading-unsubscribe-newsletter-ask = Ne plus recevoir { $name } ?
reading-unsubscribe-button = Se désabonner
reading-edition-subscribe = Abonnez-vous à nos lettres d'information

reading-unsubscribe-invalid = Ce lien de désabonnement n'est pas valide. Une fois connecté, vous pouvez choisir les e-mails que le site vous envoie dans <a>vos paramètres</a>.
reading-unsubscribe-done =
    { $kind ->
        [replies] C'est fait : vous ne recevrez plus d'e-mail quand quelqu'un répond à vos commentaires. Vous pouvez le réactiver dans <a>vos paramètres</a>.
        [mentions] C'est fait : vous ne recevrez plus d'e-mail quand quelqu'un vous mentionne dans un commentaire. Vous pouvez le réactiver dans <a>vos paramètres</a>.
        [digest] C'est fait : vous ne recevrez plus le résumé quotidien des réponses et mentions. Vous pouvez le réactiver dans <a>vos paramètres</a>.
       *[queue-alert] C'est fait : vous ne recevrez plus d'alertes sur la file de modération. Vous pouvez les réactiver dans <a>vos paramètres</a>.
    }
reading-unsubscribe-ask =
    { $kind ->
        [replies] Ne plus recevoir d'e-mail quand quelqu'un répond à vos commentaires ?
        [mentions] Ne plus recevoir d'e-mail quand quelqu'un vous mentionne dans un commentaire ?
        [digest] Ne plus recevoir le résumé quotidien des réponses et mentions ?
       *[queue-alert] Ne plus recevoir d'alertes sur la file de modération ?
    }
