# As recusas e os tamanhos da biblioteca de mídia e as verificações das newsletters (ids `nlm-`).

## Tamanhos
nlm-size-kb = { $size } KB
nlm-size-mb = { $size } MB

## Enviar uma imagem
nlm-upload-too-large = O arquivo passa dos { $size } que este site aceita para uma imagem. Diminua o arquivo (uma foto raramente precisa de mais de 4000 pixels de largura) e envie de novo.
nlm-upload-too-large-early = O arquivo passa dos { $size } que este site aceita para uma imagem. Diminua o arquivo e envie de novo.
nlm-upload-garbled = O arquivo chegou incompleto ou corrompido. Escolha o arquivo e envie o formulário de novo.
nlm-upload-one-at-a-time = Envie uma imagem de cada vez.
nlm-upload-field-too-long = O campo “{ $field }” está longo demais.
nlm-upload-not-multipart = Envie o formulário de upload como multipart/form-data, com o arquivo no campo `file`.
nlm-upload-not-stored = Não foi possível guardar a imagem. Tente de novo.
nlm-upload-store-failed = Não foi possível guardar a imagem agora, e nada foi mantido. Tente de novo daqui a pouco.
nlm-storage-down = O armazenamento de imagens está fora do ar no momento. Tente de novo daqui a pouco.
nlm-image-unavailable = Não é possível buscar esta imagem agora. Tente de novo daqui a pouco.
nlm-former-member = um ex-membro

## Por que uma imagem foi recusada
nlm-image-empty = O arquivo está vazio. Escolha um arquivo de imagem e envie de novo.
nlm-image-gif = Imagens GIF não são aceitas. Salve a imagem como JPEG, PNG ou WebP e envie esse arquivo.
nlm-image-svg = Desenhos SVG não são aceitos (podem conter scripts). Exporte o desenho como PNG e envie esse arquivo.
nlm-image-not-an-image = Este arquivo não é uma imagem que o site consiga ler: o conteúdo não é JPEG, PNG nem WebP, não importa o nome. Envie um arquivo JPEG, PNG ou WebP.
nlm-image-no-pixels = A imagem não declara nenhum pixel (0 de largura ou 0 de altura): o arquivo está danificado. Exporte de novo e envie o novo arquivo.
nlm-image-limits = no máximo { $side } pixels de lado e { $megapixels } megapixels
nlm-image-too-large = A imagem tem { $dimensions } pixels, grande demais para processar: o site aceita { $limits }. Redimensione e envie de novo.
nlm-image-too-large-to-decode = A imagem é grande demais para processar: o site aceita { $limits }. Redimensione e envie de novo.
nlm-image-truncated = O arquivo termina antes da imagem: este { $kind } foi cortado, talvez ao ser copiado ou enviado. Exporte ou baixe de novo e envie o novo arquivo.
nlm-image-unsupported = Este { $kind } usa um recurso que o site não consegue ler. Abra-o em um editor de imagens, exporte de novo como JPEG, PNG ou WebP comum e envie esse arquivo.
nlm-image-damaged = Não foi possível ler o arquivo como { $kind }: ele está danificado ou não é de fato um { $kind }, apesar dos primeiros bytes. Exporte de novo e envie o novo arquivo.
nlm-image-not-encoded = A imagem foi lida, mas não pôde ser salva de novo. Tente mais uma vez; se continuar falhando, exporte como JPEG e envie esse arquivo.
nlm-image-failed = Não foi possível processar esta imagem. Exporte de novo e envie o novo arquivo.
nlm-image-shutting-down = O servidor está sendo desligado; tente de novo daqui a pouco.

## Newsletters e edições
nlm-editors-only = Só editores e administradores gerenciam newsletters.
nlm-name-required = O nome é obrigatório.
nlm-sender-required = O nome do remetente é obrigatório.
nlm-subject-required = O assunto é obrigatório.
nlm-description-required = A descrição é obrigatória.
nlm-intro-required = A introdução é obrigatória.
nlm-name-too-long = O nome pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-description-too-long = A descrição pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-sender-too-long = O nome do remetente pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-subject-too-long = O assunto pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-intro-too-long = A introdução pode ter no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-sender-chars = O nome do remetente não pode ter quebras de linha nem os caracteres < > " \.
nlm-hour-range = A hora deve ser de 0 a 23.
nlm-subject-one-line = O assunto deve caber em uma linha.
nlm-slug-too-long = O slug de uma matéria tem no máximo { $max } { $max ->
        [one] caractere
       *[other] caracteres
    }.
nlm-too-many-articles = Uma edição traz no máximo { $max } { $max ->
        [one] matéria
       *[other] matérias
    }.
nlm-name-taken = Já existe uma newsletter chamada “{ $name }”.
nlm-no-published-article = Nenhuma matéria publicada tem o slug “{ $slug }”.
nlm-edition-sent = Esta edição já foi enviada: não pode mais ser alterada.
nlm-embed-thumbnail-alt = Miniatura do conteúdo incorporado
