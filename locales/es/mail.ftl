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
