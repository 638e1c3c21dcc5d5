field-email = Adresse e-mail
field-password = Mot de passe
field-display-name = Nom affiché

signin-title = Connexion
signin-button = Se connecter
signin-forgotten = Mot de passe oublié ?
signin-link-instead = Recevoir plutôt un lien de connexion par e-mail
signin-with-sso = Se connecter avec { $provider }
signin-new-here = Nouveau venu ?
signin-create-link = Créer un compte

signup-title = Créer un compte
signup-standfirst = Participez à la discussion sous chaque article.
signup-password-hint = Au moins 10 caractères. Quelques mots sans rapport entre eux font un mot de passe solide.
signup-notify = Me prévenir par e-mail quand quelqu’un me répond ou me mentionne
signup-honeypot = Site web
signup-button = Créer le compte
signup-mail-note = Nous vous enverrons un lien pour confirmer votre adresse ; votre compte sera créé quand vous l’ouvrirez.
signup-already-member = Déjà inscrit ?
signup-sign-in-link = Se connecter
signup-sent-title = Consultez votre messagerie
signup-sent = Nous avons envoyé un message à <strong>{ $email }</strong>. Ouvrez le lien qu’il contient dans les 24 heures pour finaliser la création de votre compte. S’il n’est pas arrivé d’ici quelques minutes, regardez dans vos indésirables.
signup-sent-wrong = Erreur dans l’adresse ? <a>Recommencer</a>. Déjà inscrit ? <a>Se connecter</a>.

signup-confirm-title = Créez votre compte
signup-confirm-intro = Appuyez sur le bouton pour créer votre compte pour <strong>{ $email }</strong> et vous connecter.
signup-confirm-button = Créer le compte
signup-confirm-taken = Un compte existe déjà avec cette adresse e-mail : il a été créé après l’envoi de ce lien, aucun second compte n’a donc été créé.
signup-confirm-taken-next = <a>Connectez-vous</a>, ou <a>choisissez un nouveau mot de passe</a> si vous l’avez oublié.
signup-confirm-expired = Ce lien d’inscription a expiré ou a déjà servi. Les liens fonctionnent une seule fois, pendant 24 heures.
signup-confirm-expired-next = Si vous l’avez déjà utilisé, votre compte existe : <a>connectez-vous</a>. Sinon, <a>inscrivez-vous à nouveau</a>.

reset-title = Réinitialiser votre mot de passe
reset-sent = Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une seule fois, pendant une heure.
reset-button = Envoyer le lien
reset-new-title = Choisir un nouveau mot de passe
reset-new-hint = Au moins 10 caractères. L’enregistrer vous déconnecte partout, révoque tous vos jetons d’API et annule tous les autres liens de connexion ou de réinitialisation que nous vous avons envoyés.
reset-new-button = Enregistrer le nouveau mot de passe
reset-expired = Ce lien a expiré ou a déjà servi. <a>Demandez-en un nouveau</a>.

signin-link-title = Connexion par e-mail
signin-link-sent = Si un compte utilise cette adresse, un lien de connexion est en route. Il fonctionne une seule fois, pendant 15 minutes.
signin-link-intro = Nous vous enverrons un lien qui vous connecte sans mot de passe.
signin-link-button = M’envoyer un lien de connexion
signin-link-password = Se connecter avec son mot de passe
signin-link-confirm-intro = Appuyez sur le bouton pour vous connecter avec le compte auquel ce lien a été envoyé.
signin-link-expired = Ce lien de connexion a expiré ou a déjà servi. Les liens fonctionnent une seule fois, pendant 15 minutes.
signin-link-expired-next = <a>Demandez un nouveau lien</a> ou <a>connectez-vous avec votre mot de passe</a>.

verify-title = Confirmez votre adresse e-mail
verify-done = Merci : votre adresse e-mail est confirmée. Vous pouvez choisir ce que le site vous envoie dans <a>vos paramètres</a>.
verify-expired = Ce lien a expiré ou a déjà servi. Une fois connecté, vous pouvez en demander un nouveau dans <a>vos paramètres</a>.

signup-sent-page-title = Consultez votre messagerie
signin-password-changed = Votre mot de passe a été modifié. Connectez-vous avec le nouveau.
signin-mismatch = Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte. Vérifiez-les et réessayez.
signin-throttled = Trop de tentatives de connexion échouées. Patientez { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
} avant de réessayer, ou réinitialisez votre mot de passe.
signup-honeypot-filled = Ce formulaire n’a pas pu être accepté. Si vous êtes une personne, laissez vide le champ caché « Site web ».
signup-too-many = Trop de comptes ont été créés depuis votre réseau au cours de la dernière heure. Réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
reset-too-many = Trop de tentatives de choix d’un nouveau mot de passe depuis votre réseau au cours de la dernière heure. Réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
form-email-needed = Saisissez l’adresse e-mail de votre compte, par exemple nom@example.org.
signin-link-too-many = Trop de liens de connexion ont été demandés au cours de la dernière heure. Utilisez le dernier reçu, ou réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
sso-denied = La connexion avec { $provider } a été annulée. Réessayez, ou connectez-vous avec votre mot de passe.
sso-expired = La connexion avec { $provider } a pris trop de temps ou a été commencée dans un autre navigateur. Réessayez.
sso-state = La réponse de { $provider } ne correspondait pas à la connexion commencée dans ce navigateur : elle a été refusée. Réessayez depuis cette page.
sso-unverified = { $provider } n’a pas vérifié l’adresse e-mail de votre compte chez lui, et ne peut donc pas vous connecter ici. Vérifiez d’abord l’adresse auprès de { $provider }, ou connectez-vous avec votre mot de passe.
sso-unavailable = { $provider } est injoignable pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe ou un lien par e-mail.
sso-failed = { $provider } n’a pas pu vous connecter. Réessayez, ou connectez-vous avec votre mot de passe ou un lien par e-mail.

user-invalid-email = Saisissez une adresse e-mail comme nom@example.org.
user-email-too-long = L’adresse e-mail dépasse 254 caractères.
user-password-too-short = Le mot de passe doit comporter au moins 10 caractères.
user-password-too-long = Le mot de passe ne peut pas dépasser 1024 caractères.
name-empty = Saisissez un nom affiché : il apparaît à côté de vos commentaires.
name-too-long = Le nom affiché ne peut pas dépasser 60 caractères.
name-control = Le nom affiché ne peut pas contenir de caractères de contrôle.
name-reserved = Ce nom affiché est réservé.
