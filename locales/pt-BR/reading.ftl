# As páginas públicas de leitura: capa, editorias, matérias, busca, tempo real e newsletters.

reading-live-badge = Ao vivo
reading-by = Por
reading-and = e
reading-list-comma = { ", " }
reading-comment-count =
    { $count ->
        [one] { $shown } comentário
       *[other] { $shown } comentários
    }

reading-front-heading = { $site }: últimas notícias
reading-front-lead = Manchete
reading-front-empty = Nenhuma matéria foi publicada ainda.
reading-front-discussed = Mais comentadas

reading-kind-section = Editoria
reading-kind-topic = Assunto
reading-kind-author = Autor
reading-listing-empty = Ainda não há matérias aqui.
reading-listing-no-older = Não há matérias mais antigas.
reading-listing-stories = Matérias
reading-listing-pages = Páginas
reading-listing-newest = Matérias mais recentes
reading-listing-older = Matérias anteriores
reading-listing-older-title = { $heading } (matérias anteriores)
reading-listing-bad-cursor = Este link de página não é válido. Use os links “Matérias anteriores” para navegar pela lista ou comece de novo pela primeira página.

reading-published = Publicado em
reading-updated = Atualizado em
reading-read-in-label = Leia em
reading-read-in = Leia em:
reading-corrections = Correções
reading-topics = Assuntos
reading-related = Matérias relacionadas
reading-feed-live-updates = Tempo real: { $title } (Atom)
reading-feed-comments = Comentários sobre { $title } (Atom)

reading-live-updates = Tempo real
reading-coverage-ended = A cobertura ao vivo terminou
reading-no-updates = Ainda não há atualizações.
reading-older-updates = Atualizações anteriores
reading-ask-heading = Pergunte à redação
reading-ask-blurb = Tem uma pergunta sobre esta matéria? Nossos jornalistas respondem às perguntas dos leitores aqui, na cobertura em tempo real.
reading-ask-link = Fazer uma pergunta
reading-key-events = Principais momentos
reading-key-event = Destaque
reading-question-from = Pergunta de
reading-a-reader = Um leitor
reading-the-newsroom = A redação
reading-asked = { $asker } perguntou: { $question }
reading-earlier-updates = Atualizações anteriores
reading-earlier-updates-title = Atualizações anteriores: { $title }
reading-no-earlier = Não há atualizações anteriores.
reading-back-to-latest = Voltar às últimas atualizações
reading-live-bad-cursor = Essa página de atualizações não existe: volte para a matéria.
reading-feed-live-title = Ao vivo: { $title } — { $site }

reading-ask-title = Pergunte à redação: { $title }
reading-ask-sent = Obrigado: sua pergunta chegou à redação. Um moderador lê primeiro; se um jornalista responder, a resposta aparece na <a>cobertura em tempo real</a>, com a sua pergunta e o seu nome.
reading-ask-ended = A cobertura ao vivo terminou, e a redação não recebe mais perguntas aqui. <a>Leia as atualizações</a>.
reading-ask-sign-in = <a>Entre</a> para fazer uma pergunta à redação sobre esta matéria.
reading-ask-intro = Faça uma pergunta sobre esta matéria. Um moderador lê cada pergunta primeiro; os jornalistas respondem a algumas delas na cobertura em tempo real, citando a pergunta com o seu nome de exibição.
reading-ask-your-question = Sua pergunta
reading-ask-hint = Até { $max } caracteres, em texto simples.
reading-ask-notify = Avisar por e-mail quando minha pergunta for respondida
reading-ask-send = Enviar pergunta
reading-ask-back = Voltar à cobertura ao vivo
reading-ask-not-live = As perguntas só são aceitas enquanto a cobertura está ao vivo, e esta não está.
reading-ask-empty = Escreva sua pergunta antes de enviar.
reading-ask-too-long = Uma pergunta tem no máximo { $max } caracteres; a sua tem { $chars }. Encurte e envie de novo.
reading-ask-closed = Os comentários desta matéria estão fechados, e as perguntas também.
reading-ask-banned-word = Sua pergunta contém “{ $word }”, que não é permitido aqui. Tire a palavra e envie de novo: seu texto continua aí embaixo.
reading-ask-too-fast =
    { $wait ->
        [one] Você está enviando mais de { $max } perguntas por minuto. Espere { $wait } segundo e envie de novo: seu texto continua aí embaixo.
       *[other] Você está enviando mais de { $max } perguntas por minuto. Espere { $wait } segundos e envie de novo: seu texto continua aí embaixo.
    }

reading-search-title = Busca
reading-search-page-title = Busca: { $query }
reading-search-landmark = Buscar matérias
reading-search-for = Buscar por
reading-search-section = Editoria
reading-search-all-sections = Todas as editorias
reading-search-from = De
reading-search-to = Até
reading-search-order = Ordem
reading-search-best-match = Mais relevantes
reading-search-newest-first = Mais recentes primeiro
reading-search-button = Buscar
reading-search-none = Nenhuma matéria corresponde a “{ $query }”.
reading-search-none-on-page = Nenhuma matéria corresponde a “{ $query }” na página { $page }.
reading-search-results = Resultados para “{ $query }”
reading-search-results-page = Resultados para “{ $query }”, página { $page }
reading-search-try-again = Tente menos palavras ou palavras diferentes, ou remova os filtros.
reading-search-result-pages = Páginas de resultados
reading-search-previous = Resultados anteriores
reading-search-more = Mais resultados
reading-search-help = Digite algumas palavras de um título, de uma matéria, de um assunto ou o nome de um autor. Coloque uma expressão entre “aspas”.
reading-search-bad-from = A data “De” deve ter o formato 2026-11-27; “{ $value }” foi ignorado.
reading-search-bad-to = A data “Até” deve ter o formato 2026-11-27; “{ $value }” foi ignorado.
reading-search-limit-chars = Só os primeiros { $max } caracteres da busca foram usados.
reading-search-limit-words = Só as primeiras { $max } palavras foram buscadas (palavras entre aspas também contam).
reading-search-limit-short-prefixes = Um * só encontra palavras mais longas a partir de { $min } letras; as mais curtas foram buscadas como palavras inteiras.
reading-search-limit-prefixes = Só as primeiras { $max } palavras foram buscadas como começos de palavra; as outras, como palavras inteiras.
reading-search-swapped = A data “De” era posterior à data “Até”, então as duas foram trocadas.
reading-search-no-section = Não existe a editoria “{ $section }”, então a busca foi feita em todas.
reading-search-timeout = A busca demorou demais e foi interrompida. Tente menos palavras ou palavras mais específicas, menos começos de palavra (*), uma editoria ou um período mais curto.
reading-search-nothing = A busca não tem letras nem números. Tente algumas palavras da matéria.

reading-feed-latest = As últimas de { $title }
reading-feed-correction = Correção, { $time }:

reading-newsletters-title = Newsletters
reading-newsletters-subscribed = Sua inscrição foi feita.
reading-newsletters-left = Sua inscrição foi cancelada.
reading-newsletters-none = Ainda não há newsletters.
reading-newsletters-receiving = Você recebe esta newsletter.
reading-newsletters-unsubscribe-from = Cancelar a inscrição em { $name }
reading-newsletters-unsubscribe = Cancelar inscrição
reading-newsletters-subscribe-to = Inscrever-se em { $name }
reading-newsletters-subscribe = Inscrever-se
reading-newsletters-too-many =
    { $minutes ->
        [one] Foram pedidas inscrições demais a partir da sua rede na última hora. Tente de novo em { $minutes } minuto.
       *[other] Foram pedidas inscrições demais a partir da sua rede na última hora. Tente de novo em { $minutes } minutos.
    }
reading-newsletters-check-mail = Confira seu e-mail: enviamos para { $email } um link para confirmar sua inscrição em { $newsletter }.
reading-newsletters-mail-subject = Confirme sua inscrição em { $newsletter }
reading-newsletters-mail-asked = Alguém (esperamos que você) pediu para receber { $newsletter }, de { $site }, neste endereço. Abra este link em até 48 horas e clique em “Confirmar inscrição”:
reading-newsletters-mail-ignore = O link funciona uma vez só. Se você não pediu nada, ignore esta mensagem: nada será enviado sem a sua confirmação.
reading-confirm-title = Confirme sua inscrição
reading-confirm-done = Sua inscrição em { $newsletter } está feita. A próxima edição chega por e-mail; toda edição traz um link para cancelar a inscrição com um clique.
reading-confirm-sign-in-later = Para entrar depois, peça um <a>link de acesso por e-mail</a>.
reading-confirm-press = Clique no botão para receber <strong>{ $newsletter }</strong> em <strong>{ $email }</strong>.
reading-confirm-button = Confirmar inscrição
reading-confirm-expired = Este link de confirmação expirou ou já foi usado. Os links funcionam uma vez, por 48 horas.
reading-confirm-again = Você pode se inscrever de novo na <a>página de newsletters</a>.
reading-unsubscribe-title = Cancelar inscrição
reading-unsubscribe-newsletter-invalid = Este link de cancelamento não é válido. Depois de entrar, você pode escolher suas newsletters na <a>página de newsletters</a>.
reading-unsubscribe-newsletter-done = Pronto: você não vai mais receber { $name }. Você pode se inscrever de novo na <a>página de newsletters</a>.
reading-unsubscribe-newsletter-ask = Parar de receber { $name }?
reading-unsubscribe-button = Cancelar inscrição
reading-edition-subscribe = Assine nossas newsletters

reading-unsubscribe-invalid = Este link de cancelamento não é válido. Depois de entrar, você escolhe os e-mails que o site envia nas <a>suas configurações</a>.
reading-unsubscribe-done =
    { $kind ->
        [replies] Pronto: você não vai mais receber e-mail quando alguém responder aos seus comentários. Dá para reativar nas <a>suas configurações</a>.
        [mentions] Pronto: você não vai mais receber e-mail quando alguém mencionar você num comentário. Dá para reativar nas <a>suas configurações</a>.
        [digest] Pronto: você não vai mais receber o resumo diário de respostas e menções. Dá para reativar nas <a>suas configurações</a>.
       *[queue-alert] Pronto: você não vai mais receber alertas sobre a fila de moderação. Dá para reativar nas <a>suas configurações</a>.
    }
reading-unsubscribe-ask =
    { $kind ->
        [replies] Parar de receber e-mail quando alguém responder aos seus comentários?
        [mentions] Parar de receber e-mail quando alguém mencionar você num comentário?
        [digest] Parar de receber o resumo diário de respostas e menções?
       *[queue-alert] Parar de receber alertas sobre a fila de moderação?
    }
