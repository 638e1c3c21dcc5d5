field-email = E-mail
field-password = Senha
field-display-name = Nome de exibição

signin-title = Entrar
signin-button = Entrar
signin-forgotten = Esqueceu a senha?
signin-link-instead = Prefiro receber um link de acesso por e-mail
signin-with-sso = Entrar com { $provider }
signin-new-here = É novo por aqui?
signin-create-link = Crie uma conta

signup-title = Criar uma conta
signup-standfirst = Participe da conversa embaixo de cada reportagem.
signup-password-hint = No mínimo 10 caracteres. Algumas palavras sem relação entre si formam uma senha forte.
signup-notify = Avisar por e-mail quando alguém me responder ou me mencionar
signup-honeypot = Site
signup-button = Criar conta
signup-mail-note = Vamos enviar um link para você confirmar o endereço; a conta é criada quando você abrir o link.
signup-already-member = Já tem conta?
signup-sign-in-link = Entrar
signup-sent-title = Confira seu e-mail
signup-sent = Enviamos uma mensagem para <strong>{ $email }</strong>. Abra o link dela em até 24 horas para terminar de criar sua conta. Se ela não chegar em alguns minutos, dê uma olhada na pasta de spam.
signup-sent-wrong = Digitou o endereço errado? <a>Comece de novo</a>. Já tem conta? <a>Entre</a>.

signup-confirm-title = Crie sua conta
signup-confirm-intro = Aperte o botão para criar sua conta para <strong>{ $email }</strong> e entrar.
signup-confirm-button = Criar conta
signup-confirm-taken = Já existe uma conta com este endereço de e-mail: ela foi criada depois que este link foi enviado, então nenhuma segunda conta foi criada.
signup-confirm-taken-next = <a>Entre</a>, ou <a>escolha uma nova senha</a> se você a esqueceu.
signup-confirm-expired = Este link de cadastro expirou ou já foi usado. Os links funcionam uma única vez, por 24 horas.
signup-confirm-expired-next = Se você já usou o link, sua conta existe: <a>entre</a>. Se não, <a>cadastre-se de novo</a>.

reset-title = Redefinir a senha
reset-sent = Se alguma conta usa esse endereço, um link para escolher uma nova senha está a caminho. Ele funciona uma única vez, por uma hora.
reset-button = Enviar o link
reset-new-title = Escolha uma nova senha
reset-new-hint = No mínimo 10 caracteres. Ao salvar, você sai de todos os lugares, todos os seus tokens de API são revogados e todos os outros links de acesso ou de redefinição que enviamos deixam de valer.
reset-new-button = Salvar a nova senha
reset-expired = Este link expirou ou já foi usado. <a>Peça um novo</a>.

signin-link-title = Entrar por e-mail
signin-link-sent = Se alguma conta usa esse endereço, um link de acesso está a caminho. Ele funciona uma única vez, por 15 minutos.
signin-link-intro = Vamos enviar um link que faz você entrar sem senha.
signin-link-button = Enviar um link de acesso
signin-link-password = Entrar com a senha
signin-link-confirm-intro = Aperte o botão para entrar com a conta para a qual este link foi enviado.
signin-link-expired = Este link de acesso expirou ou já foi usado. Os links funcionam uma única vez, por 15 minutos.
signin-link-expired-next = <a>Peça um novo link</a> ou <a>entre com a sua senha</a>.

verify-title = Confirme seu endereço de e-mail
verify-done = Obrigado: seu endereço de e-mail está confirmado. Você pode escolher o que o site envia para você nas <a>suas configurações</a>.
verify-expired = Este link expirou ou já foi usado. Depois de entrar, você pode pedir um novo nas <a>suas configurações</a>.

signup-sent-page-title = Confira seu e-mail
signin-password-changed = Sua senha foi alterada. Entre com a nova.
signin-mismatch = Esse e-mail e essa senha não correspondem a nenhuma conta. Confira os dois e tente de novo.
signin-throttled = Tentativas de acesso malsucedidas demais. Espere { $seconds ->
    [one] um segundo
   *[other] { $seconds } segundos
} e tente de novo, ou redefina sua senha.
signup-honeypot-filled = Não foi possível aceitar este formulário. Se você é uma pessoa, deixe vazio o campo oculto "Site".
signup-too-many = Foram criadas contas demais a partir da sua rede na última hora. Tente de novo em { $minutes ->
    [one] um minuto
   *[other] { $minutes } minutos
}.
reset-too-many = Houve tentativas demais de escolher uma nova senha a partir da sua rede na última hora. Tente de novo em { $minutes ->
    [one] um minuto
   *[other] { $minutes } minutos
}.
form-email-needed = Digite o endereço de e-mail da sua conta, como nome@example.org.
signin-link-too-many = Foram pedidos links de acesso demais na última hora. Use o último que você recebeu ou tente de novo em { $minutes ->
    [one] um minuto
   *[other] { $minutes } minutos
}.
sso-denied = O acesso com { $provider } foi cancelado. Tente de novo ou entre com a sua senha.
sso-expired = O acesso com { $provider } demorou demais ou foi iniciado em outro navegador. Tente de novo.
sso-state = A resposta de { $provider } não correspondia ao acesso iniciado neste navegador, por isso foi recusada. Tente de novo a partir desta página.
sso-unverified = { $provider } não verificou o endereço de e-mail da sua conta lá, então não pode fazer você entrar aqui. Verifique antes o endereço com { $provider } ou entre com a sua senha.
sso-unavailable = Não é possível acessar { $provider } agora. Tente de novo em alguns minutos ou entre com a sua senha ou com um link por e-mail.
sso-failed = { $provider } não conseguiu fazer você entrar. Tente de novo ou entre com a sua senha ou com um link por e-mail.

user-invalid-email = Digite um endereço de e-mail como nome@example.org.
user-email-too-long = O endereço de e-mail tem mais de 254 caracteres.
user-password-too-short = A senha precisa ter no mínimo 10 caracteres.
user-password-too-long = A senha pode ter no máximo 1024 caracteres.
name-empty = Digite um nome de exibição: ele aparece ao lado dos seus comentários.
name-too-long = O nome de exibição pode ter no máximo 60 caracteres.
name-control = O nome de exibição não pode conter caracteres de controle.
name-reserved = Esse nome de exibição é reservado.
