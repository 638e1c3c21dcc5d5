mail-hello-name = مرحبًا { $name }،
mail-hello = مرحبًا،

mail-reset-subject = أعد تعيين كلمة المرور
mail-reset-intro = طلب أحدهم (ونأمل أن تكون أنت) إعادة تعيين كلمة مرور حسابك على { $site }.
mail-reset-open = افتح هذا الرابط خلال ساعة لاختيار كلمة مرور جديدة:
mail-reset-ignore = إن لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.

mail-signin-subject = رابط الدخول الخاص بك
mail-signin-intro = طلب أحدهم (ونأمل أن تكون أنت) الدخول إلى { $site } دون كلمة مرور.
mail-signin-open = افتح هذا الرابط خلال { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
} واضغط «تسجيل الدخول»:
mail-signin-ignore = يعمل الرابط مرة واحدة. إن لم تطلبه، فتجاهل هذه الرسالة: لا يستطيع أحد الدخول من دونه.

mail-signup-subject = أكمل إنشاء حسابك
mail-signup-intro = طلب أحدهم (ونأمل أن تكون أنت) إنشاء حساب على { $site } بهذا العنوان. افتح هذا الرابط خلال { $hours ->
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
   *[other] { $hours } ساعة
} واضغط «إنشاء حساب» لإكمال التسجيل:
mail-signup-ignore = يعمل الرابط مرة واحدة. إن لم تطلب ذلك، فتجاهل هذه الرسالة: لا يُنشأ أي حساب من دونه.

mail-taken-subject = حاول أحدهم إنشاء حساب بعنوانك
mail-taken-intro = حاول أحدهم (ربما أنت) إنشاء حساب جديد على { $site } بهذا العنوان. لديك حساب بالفعل، لذلك لم يُنشأ حساب جديد وبقي حسابك كما هو.
mail-taken-sign-in = تسجيل الدخول:
mail-taken-reset = نسيت كلمة المرور؟ اختر كلمة جديدة:
mail-taken-ignore = إن لم يكن ذلك أنت، فلا شيء عليك فعله.

mail-verify-subject = أكّد عنوان بريدك الإلكتروني
mail-verify-intro = يُرجى تأكيد أن هذا عنوانك على { $site }: افتح هذا الرابط خلال { $hours ->
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
   *[other] { $hours } ساعة
}.
mail-verify-until = إلى أن تفعل، لا يرسل إليك { $site } إلا ما تطلبه بنفسك.
mail-verify-ignore = إن لم تنشئ حسابًا، فتجاهل هذه الرسالة.

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

mail-reply-subject = ردّ { $author } على تعليقك في «{ $title }»
mail-mention-subject = ذكرك { $author } في «{ $title }»
mail-read-and-answer = اقرأه وردّ عليه:
mail-why-replies = تصلك هذه الرسالة من { $site } لأنك طلبت أن نُعلمك بالردود على تعليقاتك.
mail-why-mentions = تصلك هذه الرسالة من { $site } لأنك طلبت أن نُعلمك حين يذكرك أحد.
mail-why-digest = يصلك هذا الملخص اليومي من { $site } لأنك طلبت الردود والإشارات مرة في اليوم.
mail-stop-these = أوقف هذه الرسائل بنقرة واحدة:
mail-choose-what = اختر ما يصلك:
mail-digest-subject = { $count ->
    [zero] ملخصك اليومي: لا ردود ولا إشارات
    [one] ملخصك اليومي: رد أو إشارة واحدة
    [two] ملخصك اليومي: ردّان أو إشارتان
    [few] ملخصك اليومي: { $count } ردود وإشارات
    [many] ملخصك اليومي: { $count } ردًا وإشارة
   *[other] ملخصك اليومي: { $count } رد وإشارة
}
mail-digest-since = { $count ->
    [zero] منذ ملخصك الأخير: لا ردود ولا إشارات.
    [one] منذ ملخصك الأخير: رد أو إشارة واحدة.
    [two] منذ ملخصك الأخير: ردّان أو إشارتان.
    [few] منذ ملخصك الأخير: { $count } ردود وإشارات.
    [many] منذ ملخصك الأخير: { $count } ردًا وإشارة.
   *[other] منذ ملخصك الأخير: { $count } رد وإشارة.
}

## The moderation-queue alert to staff.

mail-alert-subject = { $count ->
    [zero] لا عناصر في قائمة انتظار الإشراف
    [one] في قائمة انتظار الإشراف عنصر واحد
    [two] في قائمة انتظار الإشراف عنصران
    [few] في قائمة انتظار الإشراف { $count } عناصر
    [many] في قائمة انتظار الإشراف { $count } عنصرًا
   *[other] في قائمة انتظار الإشراف { $count } عنصر
}
mail-alert-holds = { $count ->
    [zero] لا عناصر في قائمة انتظار الإشراف، والحد الذي اخترته { $threshold }:
    [one] في قائمة انتظار الإشراف عنصر واحد، أي الحد الذي اخترته ({ $threshold }) أو أكثر:
    [two] في قائمة انتظار الإشراف عنصران، أي الحد الذي اخترته ({ $threshold }) أو أكثر:
    [few] في قائمة انتظار الإشراف { $count } عناصر، أي الحد الذي اخترته ({ $threshold }) أو أكثر:
    [many] في قائمة انتظار الإشراف { $count } عنصرًا، أي الحد الذي اخترته ({ $threshold }) أو أكثر:
   *[other] في قائمة انتظار الإشراف { $count } عنصر، أي الحد الذي اخترته ({ $threshold }) أو أكثر:
}
mail-queue-pending = بانتظار المراجعة
mail-queue-reported = مُبلَّغ عنها
mail-queue-flagged = مُعلَّمة
mail-alert-open = افتح مكتب الإشراف:
mail-alert-quiet = لن نراسلك مجددًا حتى تنخفض القائمة عن { $threshold } ثم تعود فتكبر.
mail-alert-stop = أوقف هذه التنبيهات بنقرة واحدة:
mail-alert-change = غيّر الحد:

## A reader's question answered in live coverage.

mail-answered-subject = أجابت غرفة الأخبار عن سؤالك — { $site }
mail-answered-asked = سألت غرفة الأخبار، في «{ $title }»:
mail-answered-where = الإجابة في التغطية المباشرة:
mail-answered-why = تصلك هذه الرسالة وحدها لأنك طلبت أن نُعلمك حين يُجاب عن سؤالك.

## The words around a newsletter edition.

mail-newsletter-web = اقرأ هذا العدد على الويب
mail-newsletter-why = تصلك { $newsletter } من { $site } لأنك اشتركت فيها.
mail-newsletter-unsubscribe = ألغِ الاشتراك بنقرة واحدة
