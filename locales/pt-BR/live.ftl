# A cobertura ao vivo: o que o app.js diz quando chegam atualizações, as recusas da mesa ao vivo
# e a comparação de revisões do histórico de um artigo.

## O que o app.js diz numa página ao vivo (o bloco de dados `live-words`)

live-js-new-update = Nova atualização
live-js-new-updates =
    { $count ->
        [one] { $count } nova atualização
        [many] { $count } novas atualizações
       *[other] { $count } novas atualizações
    }

## As recusas da mesa ao vivo

live-writers-only = A cobertura ao vivo é escrita por colaboradores, editores e administradores.
live-editors-only-coverage = Só editores e administradores abrem e encerram a cobertura ao vivo; os colaboradores escrevem atualizações para os editores publicarem.
live-editors-only-publish = Só editores e administradores publicam atualizações; os colaboradores escrevem atualizações para os editores publicarem.
live-editors-only-change = Só editores e administradores publicam, editam e excluem atualizações; os colaboradores escrevem atualizações para os editores publicarem.
live-editors-only-answers = Só editores e administradores publicam respostas; os colaboradores escrevem atualizações para os editores publicarem.
live-choose-coverage = Escolha abrir ou encerrar a cobertura.
live-choose-update-action = Escolha publicar, editar ou excluir a atualização.
live-already-published = Esta atualização já foi publicada.
live-coverage-changed = Alguém alterou esta cobertura nesse meio-tempo: recarregue e tente de novo.
live-update-changed = Alguém alterou esta atualização nesse meio-tempo: recarregue-a e tente de novo.
live-question-changed = Alguém respondeu ou recusou esta pergunta nesse meio-tempo: recarregue a mesa.
live-answer-not-live = As perguntas são respondidas enquanto a cobertura está ao vivo.
live-answer-answered = Esta pergunta já foi respondida.
live-answer-not-approved = Só é possível responder a perguntas aprovadas por um moderador.

## A comparação de revisões de um artigo: um campo por linha, depois o texto

live-diff-headline = Título: { $value }
live-diff-slug = Slug: { $value }
live-diff-summary = Resumo: { $value }
live-diff-section = Seção: { $value }
live-diff-authors = Autores: { $value }
live-diff-tags = Tags: { $value }
live-diff-image = Imagem: { $value }
live-diff-alt-text = Texto alternativo: { $value }
live-diff-caption = Legenda: { $value }
