# A conversa abaixo de uma matéria: comentários, respostas, denúncias, páginas de membros e app.js.

## O bloco de conversa da página de uma matéria

conv-heading = Comentários ({ $count })
conv-none-title = Ainda não há comentários
conv-none-first = Seja o primeiro a dar sua opinião!
conv-sort-label = Ordenar comentários
conv-sort-oldest = Mais antigos
conv-sort-newest = Mais recentes
conv-sort-most-liked = Mais curtidos
conv-show-more = Mostrar mais comentários
conv-closed = Os comentários desta matéria estão encerrados.
conv-join = Participe da conversa
conv-join-sign-in = <a>Entre</a> para dar sua opinião e conversar com a comunidade.

## O formulário de comentário

conv-replying-to = Respondendo a { $name }
conv-replying-to-comment = Respondendo a este comentário
conv-cancel-reply = Cancelar resposta
conv-comment-label = Comentário
conv-premoderated = Os comentários desta matéria são lidos por um moderador antes de aparecer.
conv-hint = Seja gentil e não fuja do assunto. O Markdown funciona: *ênfase*, [links](https://example.org), `código`, > citações e listas.
conv-honeypot-label = Site
conv-post = Publicar comentário

## Um comentário

conv-muted-summary = Comentário de um membro que você silenciou — mostrar
conv-deleted-author = [excluído]
conv-replying-to-lower = em resposta a { $name }
conv-edited = (editado)
conv-pick = Escolha da redação
conv-held = <strong>Aguardando revisão.</strong> Só você vê este comentário até que um moderador o aprove.
conv-rejected = <strong>Não publicado.</strong> Um moderador rejeitou este comentário: { $reason }. Só você pode vê-lo.
conv-likes =
    { $count ->
        [one] { $count } curtida
       *[other] { $count } curtidas
    }
conv-tombstone-removed = Este comentário foi removido por um moderador.
conv-tombstone-hidden = Este comentário está oculto enquanto os moderadores o analisam.
conv-tombstone-deleted = Este comentário foi excluído.
conv-like = Curtir
conv-reply = Responder
conv-edit = Editar
conv-delete = Excluir
conv-report = Denunciar
conv-mute = Silenciar
conv-unmute = Deixar de silenciar

## Editar um comentário

conv-edit-title = Edite seu comentário
conv-edit-hint = Os comentários podem ser editados por 15 minutos depois de publicados; um comentário editado mostra isso.
conv-save = Salvar alterações
conv-back = Voltar para a conversa

## Denunciar um comentário

conv-report-title = Denunciar um comentário
conv-report-thanks = Obrigado. Os moderadores vão analisar este comentário.
conv-report-why = Por que os moderadores deveriam analisá-lo?
conv-reason-spam = Spam ou propaganda
conv-reason-abuse = Ofensivo, de ódio ou assédio
conv-reason-off-topic = Fora do assunto
conv-reason-misinformation = Falso ou enganoso
conv-reason-other = Outro motivo
conv-report-note = Algo que os moderadores devam saber (opcional)
conv-report-send = Enviar denúncia

## A página pública de um membro

conv-member-kicker = Membro
conv-member-since = Membro desde { $date }
conv-member-comments = Comentários
conv-member-none = Ainda não há comentários.
conv-member-no-older = Não há comentários mais antigos.
conv-member-on = Em <a>{ $title }</a>
conv-member-pages = Páginas
conv-member-newest = Comentários mais recentes
conv-member-older = Comentários mais antigos
conv-member-comments-by = Comentários de { $name }

## Comentários de uma conta anterior (importados)

conv-earlier-title = Comentários de uma conta anterior
conv-earlier-intro = Os comentários trazidos do antigo sistema de comentários do site levam o endereço que o autor informou lá. Os escritos com o seu endereço, <strong>{ $email }</strong>, podem passar a ser seus. <a>Voltar para as configurações</a>.
conv-earlier-yours =
    { $count ->
        [one] { $count } comentário da sua conta anterior ({ $names }).
       *[other] { $count } comentários da sua conta anterior ({ $names }).
    }
conv-earlier-claim = Reivindicar
conv-earlier-verify-first =
    { $count ->
        [one] { $count } comentário de uma conta anterior leva o seu endereço. Primeiro confirme seu endereço (siga o link da mensagem que enviamos); depois você poderá reivindicá-lo aqui.
       *[other] { $count } comentários de uma conta anterior levam o seu endereço. Primeiro confirme seu endereço (siga o link da mensagem que enviamos); depois você poderá reivindicá-los aqui.
    }
conv-earlier-none = Nenhum comentário de uma conta anterior leva o seu endereço.
conv-earlier-claimed =
    { $count ->
        [one] { $count } comentário da sua conta anterior agora é seu.
       *[other] { $count } comentários da sua conta anterior agora são seus.
    }
conv-earlier-unverified = Seu endereço ainda não foi confirmado: siga o link da mensagem que enviamos e depois reivindique os comentários aqui.

## Recusas e erros

conv-empty = Escreva algo antes de publicar: o comentário está vazio.
conv-too-long = O comentário tem { $got } caracteres; o limite é { $max }. Encurte-o e publique de novo.
conv-too-fast =
    { $seconds ->
        [one] Você está publicando mais de { $limit } comentários por minuto. Espere { $seconds } segundo e publique de novo: seu texto continua abaixo.
       *[other] Você está publicando mais de { $limit } comentários por minuto. Espere { $seconds } segundos e publique de novo: seu texto continua abaixo.
    }
conv-honeypot = Não foi possível aceitar este comentário. Se você é uma pessoa, deixe vazio o campo oculto “Site”.
conv-bad-parent = O comentário que você está respondendo não é válido.
conv-parent-missing = O comentário que você está respondendo não existe (talvez tenha sido removido). Publique seu texto como um novo comentário.
conv-parent-elsewhere = O comentário que você está respondendo pertence a outra matéria. Publique seu texto aqui como um novo comentário.
conv-parent-deleted = O comentário que você está respondendo foi excluído. Publique seu texto como um novo comentário.
conv-closed-post = Os comentários desta matéria estão encerrados: nada mais pode ser publicado aqui.
conv-closed-edit = Os comentários desta matéria estão encerrados, então os comentários daqui não podem mais ser alterados. Seu texto continua aqui para você copiar.
conv-banned-word-post = Seu comentário contém “{ $word }”, que não é permitido aqui. Retire e publique de novo: seu texto continua abaixo.
conv-banned-word-save = Seu comentário contém “{ $word }”, que não é permitido aqui. Retire e salve de novo: seu texto continua abaixo.
conv-only-author = Só o autor de um comentário pode alterá-lo.
conv-edit-late = Os 15 minutos para editar este comentário já passaram, então ele não foi alterado. Seu texto continua aqui para você copiar.
conv-edit-deleted = Este comentário foi excluído, então não pode ser editado.
conv-already-deleted = Este comentário já tinha sido excluído.
conv-one-action = Escolha uma ação para um comentário: curtir, descurtir, excluir, silenciar ou deixar de silenciar.
conv-like-own = Você não pode curtir seu próprio comentário.
conv-like-cannot = Este comentário não pode ser curtido.
conv-like-already = Você já curtiu este comentário.
conv-like-not-liked = Você não tinha curtido este comentário, então não havia nada a desfazer.
conv-report-own = Você não pode denunciar seu próprio comentário.
conv-report-reason = Escolha um motivo para a denúncia.
conv-report-note-long = A observação pode ter no máximo 1.000 caracteres.
conv-report-already = Você já denunciou este comentário; os moderadores vão analisá-lo.
conv-mute-self = Você não pode silenciar a si mesmo.
conv-mute-cannot = O autor deste comentário não pode ser silenciado daqui (o comentário ou a conta do autor não existe mais). Gerencie os silenciados nas suas configurações.
conv-bad-page = Este link de página de comentários não é válido. Use o link “Mostrar mais comentários”.
conv-member-bad-page = Este link de página não é válido. Use o link “Comentários mais antigos” para percorrer a lista ou recomece pela primeira página.

## O que o script diz (app.js)

conv-js-posted = Seu comentário foi publicado
conv-js-not-posted = O comentário não foi publicado
conv-js-not-sent = Não foi possível enviar o comentário
conv-js-like-not-saved = A curtida não foi salva
conv-js-like-not-sent = Não foi possível enviar a curtida
conv-js-signed-out = { $what }: parece que você saiu da sua conta. Entre de novo e tente outra vez.
conv-js-failed = { $what } (erro { $status }). Recarregue a página e tente de novo.
conv-js-offline = { $what }: verifique sua conexão e tente de novo.
conv-js-new-from = Novo comentário de { $name }
conv-js-new = Novo comentário
conv-js-reload = Novos comentários – recarregar
