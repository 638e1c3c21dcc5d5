mail-hello-name = Hola, { $name }:
mail-hello = Hola:

mail-reset-subject = Restablece tu contraseña
mail-reset-intro = Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de { $site }.
mail-reset-open = Abre este enlace en la próxima hora para elegir una contraseña nueva:
mail-reset-ignore = Si no lo has pedido tú, ignora este mensaje: tu contraseña sigue como está.

mail-signin-subject = Tu enlace de acceso
mail-signin-intro = Alguien (esperamos que tú) ha pedido entrar en { $site } sin contraseña.
mail-signin-open = Abre este enlace { $minutes ->
    [one] en el próximo minuto
   *[other] en los próximos { $minutes } minutos
} y pulsa «Iniciar sesión»:
mail-signin-ignore = El enlace funciona una sola vez. Si no lo has pedido, ignora este mensaje: nadie puede entrar sin él.

mail-signup-subject = Termina de crear tu cuenta
mail-signup-intro = Alguien (esperamos que tú) ha pedido crear una cuenta en { $site } con esta dirección. Abre este enlace { $hours ->
    [one] en la próxima hora
   *[other] en las próximas { $hours } horas
} y pulsa «Crear cuenta» para terminar:
mail-signup-ignore = El enlace funciona una sola vez. Si no lo has pedido tú, ignora este mensaje: no se crea ninguna cuenta sin él.

mail-taken-subject = Alguien ha intentado crear una cuenta con tu dirección
mail-taken-intro = Alguien (quizá tú) ha intentado crear una cuenta nueva en { $site } con esta dirección. Ya tienes una cuenta, así que no se ha creado otra y la tuya sigue igual.
mail-taken-sign-in = Iniciar sesión:
mail-taken-reset = ¿Has olvidado tu contraseña? Elige una nueva:
mail-taken-ignore = Si no has sido tú, no tienes que hacer nada.

mail-verify-subject = Confirma tu dirección de correo
mail-verify-intro = Confirma que esta es tu dirección para { $site }: abre este enlace { $hours ->
    [one] en la próxima hora
   *[other] en las próximas { $hours } horas
}.
mail-verify-until = Hasta entonces, { $site } solo te enviará lo que pidas tú mismo.
mail-verify-ignore = Si no has creado ninguna cuenta, ignora este mensaje.

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

mail-reply-subject = { $author } respondió a tu comentario en «{ $title }»
mail-mention-subject = { $author } te mencionó en «{ $title }»
mail-read-and-answer = Léelo y responde:
mail-why-replies = Recibes este correo de { $site } porque pediste que te avisáramos de las respuestas a tus comentarios.
mail-why-mentions = Recibes este correo de { $site } porque pediste que te avisáramos cuando alguien te mencione.
mail-why-digest = Recibes este resumen diario de { $site } porque pediste recibir las respuestas y menciones una vez al día.
mail-stop-these = Deja de recibir estos correos con un clic:
mail-choose-what = Elige qué recibes:
mail-digest-subject = { $count ->
    [one] Tu resumen diario: { $count } respuesta o mención
   *[other] Tu resumen diario: { $count } respuestas y menciones
}
mail-digest-since = { $count ->
    [one] Desde tu último resumen: { $count } respuesta o mención.
   *[other] Desde tu último resumen: { $count } respuestas y menciones.
}

## The moderation-queue alert to staff.

mail-alert-subject = { $count ->
    [one] La cola de moderación tiene { $count } elemento
   *[other] La cola de moderación tiene { $count } elementos
}
mail-alert-holds = { $count ->
    [one] La cola de moderación tiene { $count } elemento, igual o más que los { $threshold } que elegiste:
   *[other] La cola de moderación tiene { $count } elementos, igual o más que los { $threshold } que elegiste:
}
mail-queue-pending = pendientes
mail-queue-reported = denunciados
mail-queue-flagged = marcados
mail-alert-open = Abre la moderación:
mail-alert-quiet = No volverás a recibir avisos hasta que la cola baje de { $threshold } y vuelva a crecer.
mail-alert-stop = Deja de recibir estos avisos con un clic:
mail-alert-change = Cambia el umbral:

## A reader's question answered in live coverage.

mail-answered-subject = La redacción respondió a tu pregunta — { $site }
mail-answered-asked = Preguntaste a la redacción, en «{ $title }»:
mail-answered-where = La respuesta está en la cobertura en directo:
mail-answered-why = Recibes solo este correo porque pediste que te avisáramos cuando respondieran tu pregunta.

## The words around a newsletter edition.

mail-newsletter-web = Lee esta edición en la web
mail-newsletter-why = Recibes { $newsletter } de { $site } porque te suscribiste.
mail-newsletter-unsubscribe = Date de baja con un clic
