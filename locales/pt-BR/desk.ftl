# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = Painel
desk-link-questions = Perguntas dos leitores
desk-link-members = Membros
desk-link-policies = Regras e listas de palavras
desk-link-log = Registro de auditoria
desk-link-desk = Moderação
desk-link-role-changes = Mudanças de papel
desk-forbidden = Seu papel não permite isso: peça a um administrador se precisar.
desk-yes = Sim
desk-no = Não
desk-reason = Motivo
desk-note = Observação
desk-status = Situação
desk-undo = Desfazer
desk-undone = (desfeito)
desk-days = { $count ->
    [one] { $count } dia
   *[other] { $count } dias
}

## The desk (/admin/moderation)

desk-title = Moderação
desk-queues = Filas
desk-queue-pending = Pendentes
desk-queue-reported = Denunciados
desk-queue-flagged = Sinalizados automaticamente
desk-order = Ordem:
desk-order-priority = prioridade
desk-order-oldest = mais antigos primeiro
desk-keys = Teclado:
desk-keys-move = próximo e anterior
desk-keys-approve = aprovar
desk-keys-reject = rejeitar (com o motivo escolhido)
desk-keys-select = selecionar.
desk-queue-empty = Nada esperando em “{ $queue }”. Bom trabalho.
desk-with-selected = Com os comentários selecionados
desk-approve-selected = Aprovar selecionados
desk-reject-selected = Rejeitar selecionados
desk-first-hundred = Mostrando os 100 primeiros; decida sobre eles para ver mais.
desk-comment-by = Comentário de { $author }
desk-comment-on = em
desk-editors-pick = Escolha da redação
desk-why-held = Por que foi retido
desk-spam-score = Pontuação de spam
desk-not-scored = ainda sem pontuação
desk-author = Autor
desk-trust-level = Nível de confiança
desk-reports = Denúncias
desk-report-uncounted = (de um membro novo: não conta para ocultar)
desk-report-double = (de um membro de confiança: conta em dobro)
desk-in-reply-to = Em resposta a { $name }: { $text }
desk-deleted-author = [excluído]
desk-earlier-decisions = Decisões anteriores ({ $count })
desk-decision-by = { $what } por { $by }
desk-approve = Aprovar
desk-reject = Rejeitar
desk-pin = Fixar como escolha da redação
desk-unpin = Desafixar
desk-ban-for = Banir por
desk-ban-good = tempo indeterminado
desk-ban-author = Banir autor
desk-record-published = { $count ->
    [one] { $count } publicado
   *[other] { $count } publicados
}
desk-record-waiting = { $count } aguardando
desk-record-rejected = { $count ->
    [one] { $count } rejeitado
   *[other] { $count } rejeitados
}
desk-record-deleted = { $count ->
    [one] { $count } excluído
   *[other] { $count } excluídos
}
desk-member-since = membro desde { $day }
desk-banned-for-good = banido por tempo indeterminado
desk-banned-until = banido até { $day }

desk-status-visible = Visível para os leitores
desk-status-held = Retido
desk-status-rejected = Rejeitado
desk-status-deleted = Excluído

desk-held-premoderation = Moderação prévia
desk-held-first-comment = Primeiro comentário de um membro novo
desk-held-link = Link de um membro novo
desk-held-suspect-word = Palavra suspeita
desk-held-spam = Filtro de spam
desk-held-reports = Ocultado após denúncias

desk-reject-spam = Spam ou propaganda
desk-reject-abuse = Ofensivo, de ódio ou ataque pessoal
desk-reject-off-topic = Fora do assunto
desk-reject-personal = Expõe informações pessoais de alguém
desk-reject-other = Viola as regras da comunidade
desk-rejection-with-note = { $reason }: { $note }

desk-trust-new = novo
desk-trust-member = membro
desk-trust-trusted = de confiança

desk-why-premoderated-first = moderação prévia: um dos { $count } primeiros comentários de um membro
desk-why-premoderated = moderação prévia: aqui todo comentário espera
desk-why-first-comment = primeiro comentário de um membro novo
desk-why-first-link = primeiro link de um membro novo
desk-why-link = link de um membro (nível: { $level }) com poucos comentários aprovados
desk-why-suspect-word = palavra suspeita: { $word }
desk-why-suspect = palavra suspeita
desk-why-spam-score = pontuação de spam { $score }
desk-why-spam = filtro de spam
desk-why-reports-weighing = ocultado após denúncias com peso { $weight }
desk-why-reports = ocultado após denúncias
desk-why-edited = editado depois de publicado; { $why }

desk-did-approve = aprovado
desk-did-reject = rejeitado
desk-did-pin = fixado como escolha da redação
desk-did-unpin = desafixado
desk-did-auto-hide = ocultado após denúncias
desk-did-ban = banido
desk-did-unban = banimento suspenso
desk-did-role = papel alterado
desk-did-question-approve = pergunta aprovada
desk-did-question-reject = pergunta rejeitada
desk-did-undo = desfeito
desk-did-policy = regra de comentários alterada
desk-did-words = listas de palavras alteradas
desk-did-settings = configurações alteradas
desk-did-other = alterado

desk-done-items = { $count ->
    [one] { $count } item { $what }
   *[other] { $count } itens { $what }
}
desk-done = Feito: { $list }.
desk-not-changed = Sem alteração: { $list }.
desk-refuse-action = A ação desse botão não foi entendida; recarregue a página.
desk-refuse-comment = O comentário desse botão não foi entendido; recarregue a página.
desk-refuse-none-selected = Selecione pelo menos um comentário e depois escolha uma ação.
desk-refuse-too-many = Aja sobre no máximo { $count } comentários de uma vez.
desk-refuse-ban = Seu papel não permite banir.
desk-refuse-reason = Escolha um motivo para rejeitar: o autor vai lê-lo.
desk-refuse-unknown = Escolha aprovar, rejeitar, fixar ou banir.

desk-undone-count = { $count ->
    [one] Desfeito: { $count } ação.
   *[other] Desfeito: { $count } ações.
}
desk-not-undone = Não desfeito: { $list }.
desk-undo-no-entry = #{ $id } não existe
desk-undo-missing = #{ $id }: não existe
desk-undo-role = #{ $id }: seu papel não pode desfazer isso
desk-undo-already = #{ $id }: já tinha sido desfeito
desk-undo-settings = #{ $id }: é uma mudança de configurações; altere-as de novo
desk-undo-changed = #{ $id }: foi alterado depois por outra decisão; desfaça aquela primeiro

## The audit log (/admin/moderation/log)

desk-log-title = Registro de auditoria
desk-log-action = Ação
desk-log-any = Qualquer
desk-log-by-member = Pelo membro nº
desk-log-comment = Comentário nº
desk-log-about-member = Sobre o membro nº
desk-log-filter = Filtrar
desk-log-none = Nada registrado corresponde.
desk-log-when = Quando
desk-log-who = Quem
desk-log-what = O quê
desk-log-about = Sobre
desk-log-why = Por quê
desk-undo-entry = Desfazer #{ $id }
desk-log-older = Registros anteriores
desk-log-comment-by = comentário #{ $id } de { $name }
desk-log-comment-number = comentário #{ $id }
desk-log-member = membro { $name }
desk-action-approve = aprovação
desk-action-reject = rejeição
desk-action-pin = fixação
desk-action-unpin = desafixação
desk-action-auto-hide = ocultação automática
desk-action-ban = banimento
desk-action-unban = fim do banimento
desk-action-undo = desfazer
desk-action-role = papel
desk-action-policy = regra
desk-action-words = palavras
desk-action-settings = configurações

## Members (/admin/users)

desk-users-title = Membros
desk-users-search = Nome ou e-mail contém
desk-users-find = Buscar
desk-users-none = Nenhum membro corresponde.
desk-users-member = Membro
desk-users-role = Papel
desk-users-conversation = Conversa
desk-users-joined = entrou em
desk-users-role-of = Papel de { $name }
desk-users-set-role-of = Definir o papel de { $name }
desk-users-set-role = Definir papel
desk-users-ban-for = Banir { $name } por
desk-users-lift = Suspender o banimento
desk-for-good = tempo indeterminado
desk-users-apply-to = Aplicar a { $name }
desk-users-apply = Aplicar
desk-users-more = Mais membros
desk-users-banned-for-good = Banido por tempo indeterminado
desk-users-banned-until = Banido até { $day }
desk-users-own-role = Você não pode mudar seu próprio papel; peça a outro administrador.
desk-users-role-set = Papel definido: { $role }.
desk-users-ban-lifted = Banimento suspenso.
desk-users-banned = Membro banido.
desk-role-member = membro
desk-role-contributor = colaborador
desk-role-moderator = moderador
desk-role-editor = editor
desk-role-admin = administrador

## Moderation settings (/admin/moderation/settings)

desk-settings-title = Configurações de moderação
desk-settings-site = Para todo o site
desk-settings-comments = Comentários
desk-settings-open = Abertos
desk-settings-premoderated = Com moderação prévia
desk-settings-closed = Fechados
desk-settings-first = Moderar antes só os N primeiros comentários aprovados de um membro (vazio: todos)
desk-settings-close = Fechar os comentários este número de dias após a publicação (0: nunca)
desk-settings-link-hold = Reter links de membros com menos comentários aprovados que
desk-settings-report-threshold = Ocultar um comentário para revisão a partir deste número de denúncias (0: nunca)
desk-settings-reporters-hint = Toda denúncia chega à moderação; só as de membros estabelecidos contam para ocultar um comentário, e as de membros de confiança contam em dobro. As denúncias da equipe sempre contam. As três configurações abaixo definem o patamar de confiança dos leitores: quem não o alcança é
desk-settings-reporters-new = novo
desk-settings-reporters-links = (seus links aguardam revisão).
desk-settings-report-verified = Contar só denúncias de membros que confirmaram o e-mail
desk-settings-report-days = Contar só denúncias de contas com pelo menos este número de dias
desk-settings-report-approved = Contar só denúncias de membros com pelo menos este número de comentários aprovados
desk-settings-spam-threshold = Reter comentários cuja pontuação de spam seja de pelo menos
desk-settings-spam-trained = O filtro de spam aprende com as decisões da moderação: { $spam } comentários aprendidos como spam, { $ham } como legítimos.
desk-settings-banned = Palavras proibidas (uma por linha; comentários com elas são recusados)
desk-settings-suspect = Palavras suspeitas (uma por linha; comentários com elas aguardam revisão)
desk-settings-matching = A comparação ignora maiúsculas e acentos, percebe caracteres parecidos (0 por o, @ por a), letras espaçadas, pontuadas ou esticadas, e só encontra palavras inteiras.
desk-settings-save = Salvar configurações
desk-settings-saved = Configurações salvas.
desk-trust-hold-first = Reter para revisão o primeiro comentário de um membro novo
desk-trust-days = Confiar em membros cuja conta tenha pelo menos este número de dias
desk-trust-approved = … e que tenham pelo menos este número de comentários aprovados
desk-trust-hint = Membros de confiança têm e-mail confirmado e nenhuma rejeição recente; seus links nunca são retidos e suas denúncias contam em dobro.
desk-trust-demote-after = Tornar um membro novo outra vez após este número de comentários rejeitados (0: nunca)
desk-trust-demote-window = … em até este número de dias
desk-trust-demote-hint = Uma única rejeição nesse período basta para um membro deixar de ser de confiança.

desk-policy-title = Uma seção ou uma matéria
desk-policy-for = Para
desk-policy-a-section = uma seção
desk-policy-an-article = uma matéria
desk-policy-target = Endereço da seção ou da matéria (por exemplo { $example }, ou numa matéria a parte depois de /articles/)
desk-policy-inherit = Como a configuração geral
desk-policy-close = Fechar este número de dias após a publicação (vazio: como a configuração geral; 0: nunca)
desk-policy-save = Salvar regra
desk-policy-saved = Regra salva.
desk-policy-where = Onde
desk-policy-name = Nome
desk-policy-closing = Fechamento
desk-policy-section = Seção
desk-policy-article = Matéria
desk-policy-as-wider = como a configuração geral
desk-policy-never = nunca
desk-policy-days-after = { $count ->
    [one] { $count } dia após a publicação
   *[other] { $count } dias após a publicação
}
desk-mode-open = abertos
desk-mode-closed = fechados
desk-mode-premoderated = com moderação prévia (todo comentário)
desk-mode-premoderated-first = com moderação prévia (os { $count } primeiros comentários aprovados de um membro)
desk-policy-no-section = Não há seção com o endereço “{ $target }”.
desk-policy-no-article = Não há matéria com o endereço “{ $target }”: informe a parte depois de /articles/.
desk-policy-no-scope = Escolha se a regra vale para uma seção ou uma matéria.

## Webhooks (/admin/webhooks)

desk-hooks-title = Webhooks
desk-hooks-sent-as = Cada evento é enviado como JSON assinado, numa requisição
desk-hooks-header = : o cabeçalho
desk-hooks-header-is = é
desk-hooks-hmac = , em que HEX é o HMAC-SHA256, com o segredo do endpoint, de
desk-hooks-retried = , um ponto final e o corpo. Uma entrega que falha é repetida com intervalos crescentes (30 segundos, dobrando, 8 tentativas).
desk-hooks-add-heading = Adicionar um endpoint
desk-hooks-url = URL do endpoint
desk-hooks-events = Eventos
desk-hooks-add = Adicionar endpoint
desk-hooks-endpoints = Endpoints
desk-hooks-none = Nenhum endpoint ainda.
desk-hooks-col-url = URL
desk-hooks-col-secret = Segredo de assinatura
desk-hooks-col-actions = Ações
desk-hooks-added = adicionado em
desk-hooks-its-deliveries = suas entregas
desk-hooks-delete-named = Excluir o endpoint { $url }
desk-hooks-delete = Excluir
desk-hooks-log = Registro de entregas
desk-hooks-filtered = Só as entregas ao endpoint { $id }.
desk-hooks-show-all = <a>Mostrar todas</a>.
desk-hooks-nothing-sent = Nada foi enviado ainda.
desk-hooks-col-event = Evento
desk-hooks-col-endpoint = Endpoint
desk-hooks-col-attempts = Tentativas
desk-hooks-col-answer = Última resposta
desk-hooks-next-try = próxima tentativa
desk-hooks-redeliver-named = Reenviar a entrega { $id }
desk-hooks-redeliver = Reenviar
desk-delivery-pending = pendente
desk-delivery-delivered = entregue
desk-delivery-failed = falhou
desk-hooks-admins-only = Só administradores podem gerenciar webhooks.
desk-hooks-no-events = Escolha pelo menos um evento para enviar.
desk-hooks-url-empty = Informe a URL que deve receber os eventos.
desk-hooks-url-long = A URL pode ter no máximo { $max } caracteres.
desk-hooks-url-scheme = A URL deve começar com https:// (ou http:// para um receptor na sua própria rede).
desk-hooks-url-host = A URL deve indicar um servidor, como em https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = Tokens de API
desk-tokens-intro = Um token permite que um script ou outro serviço use a <a>API do Broadsheet</a> em seu nome.
desk-tokens-send-as = Envie-o como
desk-tokens-revoked-by = . Mudar ou redefinir sua senha, ou sair de todos os lugares, revoga todos os tokens.
desk-tokens-back = <a>Voltar às configurações</a>.
desk-tokens-new = <strong>Seu novo token</strong> — copie agora: ele não será mostrado de novo.
desk-tokens-token = Token
desk-tokens-create-heading = Criar um token
desk-tokens-name = Nome do token
desk-tokens-name-example = Script da newsletter
desk-tokens-may = O que ele pode fazer
desk-scope-read = Ler: a API como você vê o site
desk-scope-comment = Comentar: publicar, editar e excluir seus comentários
desk-scope-publish = Publicar: criar matérias
desk-scope-name-read = leitura
desk-scope-name-comment = comentários
desk-scope-name-publish = publicação
desk-tokens-password = Sua senha (necessária para um token que pode publicar)
desk-tokens-create = Criar token
desk-tokens-yours = Seus tokens
desk-tokens-none = Você não tem tokens.
desk-tokens-col-name = Nome
desk-tokens-col-scopes = Permissões
desk-tokens-col-used = Último uso
desk-tokens-col-action = Ação
desk-tokens-created = criado em
desk-tokens-never = nunca
desk-tokens-revoked = revogado em
desk-tokens-revoke-named = Revogar { $name }
desk-tokens-revoke = Revogar
desk-tokens-no-password = Um token que pode publicar exige sua senha, e sua conta ainda não tem uma (você entra com login único ou com links por e-mail). Crie uma primeiro: “Esqueceu a senha?” na página de entrada envia um link para escolhê-la. Depois crie o token.
desk-tokens-wrong-password = Digite sua senha atual para criar um token que pode publicar. O token não foi criado.
desk-tokens-too-many = Você já tem { $count } tokens ativos. Revogue um que não usa mais e depois crie este.
desk-tokens-name-empty = Dê um nome ao token, como o do script ou serviço que vai usá-lo.
desk-tokens-name-long = O nome de um token pode ter no máximo { $max } caracteres.
desk-tokens-name-control = O nome de um token não pode conter caracteres de controle.
desk-scope-none = Escolha pelo menos uma permissão: read, comment ou publish
desk-scope-unknown = “{ $scope }” não é uma permissão: use read, comment ou publish
desk-scope-not-allowed = Seu papel não permite a permissão “{ $scope }”

## Refused settings forms

desk-settings-number = “{ $what }” deve ser um número inteiro de 0 a { $max }.
desk-settings-whole = “{ $what }” deve ser um número inteiro.
desk-field-close-days = Dias até fechar os comentários
desk-field-link-hold = Comentários aprovados antes de os links aparecerem
desk-field-reports = Denúncias que ocultam um comentário
desk-field-report-days = Idade da conta para as denúncias contarem (em dias)
desk-field-report-approved = Comentários aprovados para as denúncias de um membro contarem
desk-field-trusted-days = Idade da conta para ser de confiança
desk-field-trusted-approved = Comentários aprovados para ser de confiança
desk-field-demote-window = Dias em que as rejeições contam
desk-field-demote-after = Rejeições que tornam um membro novo outra vez
desk-settings-verified-choice = Escolha se só contam denúncias de membros com e-mail confirmado: sim ou não.
desk-settings-spam-range = A pontuação de spam que retém um comentário deve ser um número de 0,5 a 1.
desk-mode-first-range = O número de primeiros comentários a reter deve ser um número inteiro de 1 a 1000, ou vazio para todos.
desk-mode-unknown = Modo de comentários desconhecido “{ $mode }”: escolha abertos, fechados ou com moderação prévia.
desk-words-banned = Palavras proibidas
desk-words-suspect = Palavras suspeitas
desk-words-long-line = a linha { $line } tem { $chars } caracteres
desk-words-entry-max = uma entrada pode ter no máximo { $max }
desk-words-too-many = a lista tem mais de { $max } entradas; remova algumas e tente de novo
desk-trust-days-range = A idade da conta para ser de confiança deve ser um número inteiro de dias de 0 a { $max }.
desk-trust-approved-range = O número de comentários aprovados para ser de confiança deve ser um número inteiro de 0 a { $max }.
desk-trust-window-range = O número de dias em que as rejeições contam deve ser um número inteiro de 0 a { $max }.
desk-trust-after-range = O número de rejeições que tornam um membro novo outra vez deve ser um número inteiro de 0 a { $max } (0: nunca).
desk-trust-hold-choice = Escolha se o primeiro comentário de um membro novo aguarda revisão: sim ou não.
desk-ban-length = Escolha quanto tempo dura o banimento: um número de dias de 1 a 3650, ou por tempo indeterminado.
desk-note-too-long = A observação tem { $count } caracteres; o limite é { $max }. Encurte-a.
