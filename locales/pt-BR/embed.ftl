# A conversa incorporada em outros sites, sua janela de login e suas regras.

## A conversa incorporada (/embed/thread)

embed-frame-title = Comentários: { $title }
embed-comments-heading = Comentários ({ $count })
embed-join-title = Participe da conversa
embed-join = <a>Entre</a> para dar sua opinião e conversar com a comunidade.
embed-premoderated = Os comentários são lidos por um moderador antes de aparecer.
embed-no-comments = Ainda não há comentários
embed-be-first = Seja o primeiro a opinar!
embed-sort-label = Ordenar comentários
embed-signed-in-as = Conectado como { $name }
embed-your-data = Seus dados
embed-sign-out = Sair
embed-source = A conversa sobre <a>esta página</a>.
embed-closed = Os comentários estão encerrados.
embed-closed-refusal = Os comentários estão encerrados: não é mais possível publicar.
embed-reply-invalid = O comentário que você está respondendo não é válido.
embed-honeypot = Não foi possível aceitar este comentário. Se você é uma pessoa, deixe vazio o campo oculto “Site”.

## Por que uma incorporação é recusada (para quem desenvolve o site anfitrião)

embed-site-not-number = O site (data-site) precisa ser o número que /admin/sites mostra.
embed-no-such-site = Não há nenhum site { $id } registrado.
embed-page-not-address = O endereço da página (data-page) não é um endereço http(s) completo.
embed-no-site-for-origin = Nenhum site registrado permite a conversa em páginas de { $origin }.
embed-origin-refused = O site “{ $site }” não permite mostrar a conversa em páginas de { $origin }.

## A janela de login (/embed/signin)

embed-signin-title = Conectado à conversa
embed-signin-heading = Você entrou
embed-signin-as = Conectado como { $name } para a conversa em { $site }.
embed-signin-close = Se esta janela não fechar sozinha, feche-a e escolha “Entrar” de novo na conversa.
embed-signin-site-number = O site precisa ser o número que /admin/sites mostra.
embed-signin-code-spent = Este login expirou ou já foi usado. Escolha “Entrar” de novo.
embed-signin-other-site = Este login era para a conversa de outro site. Escolha “Entrar” de novo.

## Os sites (/admin/sites)

embed-sites-title = Sites
embed-admins-only = Só administradores podem gerenciar os sites que incorporam a conversa.
embed-sites-intro = Sites que mostram a conversa abaixo das próprias páginas. Cada um lista as origens cujas páginas podem incorporá-la (esquema, host e porta, como { $example }); uma página em outro lugar não recebe conversa. A chave de assinatura assina os tokens de login do próprio site: ela aparece uma só vez, quando o site é adicionado ou a chave é trocada.
embed-secret-heading = Chave de assinatura de “{ $site }” (site { $id })
embed-secret-copy = Copie agora: ela não será mostrada de novo.
embed-add-site = Adicionar um site
embed-site-name = Nome
embed-site-origins = Origens permitidas
embed-site-origins-hint = Uma ou mais, separadas por espaços ou quebras de linha. Só https; http simples para localhost e 127.0.0.1.
embed-add-site-button = Adicionar site
embed-registered-sites = Sites registrados
embed-no-sites = Nenhum site ainda.
embed-site-added = (site { $id }, adicionado em { $date })
embed-site-origins-of = Origens permitidas de { $site }
embed-save-origins = Salvar origens
embed-replace-secret-label = Trocar a chave de { $site }
embed-replace-secret = Trocar chave
embed-snippet-intro = Cole abaixo de cada página, com o endereço e o título dela:
embed-count-snippet-intro = Nas páginas de listagem, o número de comentários de cada página (uma só requisição para todos os links de uma página):
embed-snippet-page-title = Título da sua página
embed-snippet-count-text = Comentários
embed-default-policy = Regra padrão de comentários
embed-threads-of = Conversas de { $site }
embed-site-name-taken = Já existe um site chamado “{ $name }”: escolha outro nome.
embed-site-origins-problem = Site { $id }: { $problem }

## As conversas de um site e uma conversa

embed-all-sites = Todos os sites
embed-site-policy-intro = Cada conversa de { $site } segue esta regra, a menos que tenha a sua; o que fica “como a configuração geral” segue a regra do site inteiro nas <a>configurações de moderação</a>.
embed-threads = Conversas
embed-no-threads = Nenhuma página carregou a conversa ainda.
embed-column-page = Página
embed-column-address = Endereço
embed-column-comments = Comentários
embed-column-first-loaded = Primeiro carregamento
embed-thread-page-title = Conversa: { $title }
embed-thread-page = Página
embed-thread-site = Site
embed-thread-comments = Comentários
embed-thread-comment-count = { $count } (<a>ler a conversa</a>; os retidos e denunciados estão na <a>mesa de moderação</a>)
embed-thread-in-force = Regra em vigor
embed-thread-own-policy = Regra própria desta conversa
embed-thread-own-policy-intro = O que fica “como a configuração geral” segue a regra padrão do site.
embed-in-force-open = abertos
embed-in-force-closed = encerrados
embed-in-force-premoderated = com moderação prévia (todo comentário)
embed-in-force-premoderated-first = { $count ->
    [one] com moderação prévia (o primeiro comentário aprovado de cada membro)
   *[other] com moderação prévia (os { $count } primeiros comentários aprovados de cada membro)
}
embed-in-force-closed-since = { $mode }; encerrados desde { $date }
embed-in-force-closes = { $mode }; encerram em { $date }

## O formulário da regra

embed-policy-site = Comentários em { $site }
embed-policy-thread = Comentários nesta conversa
embed-policy-save-site = Salvar a regra de { $site }
embed-policy-save-thread = Salvar a regra desta conversa
embed-policy-inherit = Como a configuração geral
embed-policy-open = Abertos
embed-policy-premoderated = Com moderação prévia
embed-policy-closed = Encerrados
embed-policy-first = Moderar antes só os N primeiros comentários aprovados de cada membro (vazio: todos)
embed-policy-days = Encerrar tantos dias depois do primeiro carregamento da página (vazio: como a configuração geral; 0: nunca)
embed-policy-save = Salvar regra
