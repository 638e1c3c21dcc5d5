# As palavras próprias do registro de moderação e dos feeds do site (logf-).

## O registro

logf-actor-site = Broadsheet (automático)
logf-actor-command-line = linha de comando
logf-role-change = { $old } → { $new }
logf-auto-hide = denúncias abertas de membros estabelecidos com peso { $weight } ({ $count } no total)
logf-undo-of = desfazer #{ $id } ({ $action })

## Por que algo ficou como estava

logf-no-comment = o comentário { $id } não existe
logf-comment-deleted = o comentário { $id } foi apagado pelo autor e continua assim
logf-comment-not-pinnable = o comentário { $id } não está visível para os leitores, então não pode ser um destaque da redação
logf-comment-unchanged = o comentário { $id } já está nesse estado
logf-no-member = o membro { $id } não existe
logf-staff-not-banned = { $name } faz parte da equipe e não pode ser suspenso; um administrador pode mudar a função antes
logf-no-question = a pergunta #{ $id } não existe
logf-question-answered = pergunta #{ $id }: ela já foi respondida
logf-question-approved = pergunta #{ $id }: ela já está aprovada
logf-question-rejected = pergunta #{ $id }: ela já está rejeitada
logf-question-changed = a pergunta #{ $id } foi alterada nesse meio-tempo

## Mudanças das regras de comentários no registro

logf-policy-site = site: { $mode }
logf-policy-section = seção { $name }: { $mode }
logf-policy-article = artigo { $name }: { $mode }
logf-policy-embed-site = site incorporado { $name }: { $mode }
logf-policy-embed-thread = conversa incorporada { $name }: { $mode }

## Feeds

logf-feed-of = { $name } — { $site }
logf-feed-comments-on = Comentários sobre { $title } — { $site }
logf-feed-comments-by = Comentários de { $name } — { $site }
logf-feed-comment = { $name } em “{ $title }”
