mail-hello-name = Olá, { $name },
mail-hello = Olá,

mail-reset-subject = Redefina sua senha
mail-reset-intro = Alguém (esperamos que você) pediu para redefinir a senha da sua conta em { $site }.
mail-reset-open = Abra este link em até uma hora para escolher uma nova senha:
mail-reset-ignore = Se não foi você quem pediu, ignore esta mensagem: sua senha continua a mesma.

mail-signin-subject = Seu link de acesso
mail-signin-intro = Alguém (esperamos que você) pediu para entrar em { $site } sem senha.
mail-signin-open = Abra este link em até { $minutes ->
    [one] um minuto
   *[other] { $minutes } minutos
} e aperte "Entrar":
mail-signin-ignore = O link funciona uma única vez. Se você não pediu, ignore esta mensagem: ninguém consegue entrar sem ele.

mail-signup-subject = Termine de criar sua conta
mail-signup-intro = Alguém (esperamos que você) pediu para criar uma conta em { $site } com este endereço. Abra este link em até { $hours ->
    [one] uma hora
   *[other] { $hours } horas
} e aperte "Criar conta" para terminar:
mail-signup-ignore = O link funciona uma única vez. Se não foi você quem pediu, ignore esta mensagem: nenhuma conta é criada sem ele.

mail-taken-subject = Alguém tentou criar uma conta com o seu endereço
mail-taken-intro = Alguém (talvez você) tentou criar uma nova conta em { $site } com este endereço. Você já tem uma conta, então nenhuma nova foi criada e a sua continua igual.
mail-taken-sign-in = Entrar:
mail-taken-reset = Esqueceu a senha? Escolha uma nova:
mail-taken-ignore = Se não foi você, não é preciso fazer nada.

mail-verify-subject = Confirme seu endereço de e-mail
mail-verify-intro = Confirme que este é o seu endereço em { $site }: abra este link em até { $hours ->
    [one] uma hora
   *[other] { $hours } horas
}.
mail-verify-until = Até lá, { $site } só envia o que você mesmo pedir.
mail-verify-ignore = Se você não criou uma conta, ignore esta mensagem.

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

mail-reply-subject = { $author } respondeu ao seu comentário em “{ $title }”
mail-mention-subject = { $author } mencionou você em “{ $title }”
mail-read-and-answer = Leia e responda:
mail-why-replies = Você recebe este e-mail de { $site } porque pediu para saber das respostas aos seus comentários.
mail-why-mentions = Você recebe este e-mail de { $site } porque pediu para saber quando alguém mencionar você.
mail-why-digest = Você recebe este resumo diário de { $site } porque pediu respostas e menções uma vez por dia.
mail-stop-these = Pare de receber estes e-mails com um clique:
mail-choose-what = Escolha o que você recebe:
mail-digest-subject = { $count ->
    [one] Seu resumo diário: { $count } resposta ou menção
   *[other] Seu resumo diário: { $count } respostas e menções
}
mail-digest-since = { $count ->
    [one] Desde o seu último resumo: { $count } resposta ou menção.
   *[other] Desde o seu último resumo: { $count } respostas e menções.
}

## The moderation-queue alert to staff.

mail-alert-subject = { $count ->
    [one] A fila de moderação tem { $count } item
   *[other] A fila de moderação tem { $count } itens
}
mail-alert-holds = { $count ->
    [one] A fila de moderação tem { $count } item, no limite de { $threshold } que você escolheu ou acima dele:
   *[other] A fila de moderação tem { $count } itens, no limite de { $threshold } que você escolheu ou acima dele:
}
mail-queue-pending = pendentes
mail-queue-reported = denunciados
mail-queue-flagged = sinalizados
mail-alert-open = Abra a moderação:
mail-alert-quiet = Você só terá notícias de novo quando a fila cair abaixo de { $threshold } e voltar a crescer.
mail-alert-stop = Pare de receber estes alertas com um clique:
mail-alert-change = Mude o limite:

## A reader's question answered in live coverage.

mail-answered-subject = A redação respondeu à sua pergunta — { $site }
mail-answered-asked = Você perguntou à redação, em “{ $title }”:
mail-answered-where = A resposta está na cobertura ao vivo:
mail-answered-why = Você recebe só este e-mail porque pediu para ser avisado quando sua pergunta fosse respondida.

## The words around a newsletter edition.

mail-newsletter-web = Leia esta edição na web
mail-newsletter-why = Você recebe { $newsletter } de { $site } porque se inscreveu.
mail-newsletter-unsubscribe = Cancele a inscrição com um clique
