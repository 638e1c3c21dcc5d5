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
