# صفحات القراءة العامة: الصفحة الرئيسية والأقسام والمقالات والبحث والتغطية المباشرة والنشرات البريدية.

reading-live-badge = مباشر
reading-by = بقلم
reading-and = و
reading-list-comma = { "، " }
reading-comment-count =
    { $count ->
        [zero] لا تعليقات
        [one] تعليق واحد
        [two] تعليقان
        [few] { $shown } تعليقات
        [many] { $shown } تعليقًا
       *[other] { $shown } تعليق
    }

reading-front-heading = { $site }: آخر الأخبار
reading-front-lead = الخبر الرئيسي
reading-front-empty = لم يُنشر أي خبر بعد.
reading-front-discussed = الأكثر نقاشًا

reading-kind-section = قسم
reading-kind-topic = موضوع
reading-kind-author = كاتب
reading-listing-empty = لا أخبار هنا بعد.
reading-listing-no-older = لا توجد أخبار أقدم.
reading-listing-stories = الأخبار
reading-listing-pages = الصفحات
reading-listing-newest = أحدث الأخبار
reading-listing-older = أخبار أقدم
reading-listing-older-title = { $heading } (أخبار أقدم)
reading-listing-bad-cursor = رابط هذه الصفحة غير صالح. استخدم روابط «أخبار أقدم» للتنقل في القائمة، أو ابدأ من جديد من الصفحة الأولى.

reading-published = نُشر في
reading-updated = حُدّث في
reading-read-in-label = اقرأ بلغة أخرى
reading-read-in = اقرأ بـ:
reading-corrections = تصحيحات
reading-topics = مواضيع
reading-related = مقالات ذات صلة
reading-feed-live-updates = التغطية المباشرة: { $title } (Atom)
reading-feed-comments = التعليقات على { $title } (Atom)

reading-live-updates = التغطية المباشرة
reading-coverage-ended = انتهت التغطية المباشرة
reading-no-updates = لا تحديثات بعد.
reading-older-updates = تحديثات أقدم
reading-ask-heading = اسأل غرفة الأخبار
reading-ask-blurb = لديك سؤال عن هذا الخبر؟ يجيب صحفيونا عن أسئلة القرّاء هنا، في التغطية المباشرة.
reading-ask-link = اطرح سؤالًا
reading-key-events = أبرز المستجدات
reading-key-event = حدث بارز
reading-question-from = سؤال من
reading-a-reader = أحد القرّاء
reading-the-newsroom = غرفة الأخبار
reading-asked = سأل { $asker }: { $question }
reading-earlier-updates = تحديثات سابقة
reading-earlier-updates-title = تحديثات سابقة: { $title }
reading-no-earlier = لا تحديثات سابقة.
reading-back-to-latest = العودة إلى آخر التحديثات
reading-live-bad-cursor = صفحة التحديثات هذه غير موجودة: عُد إلى المقال.
reading-feed-live-title = مباشر: { $title } — { $site }

reading-ask-title = اسأل غرفة الأخبار: { $title }
reading-ask-sent = شكرًا: وصل سؤالك إلى غرفة الأخبار. يقرؤه مشرف أولًا، وإن أجاب عنه أحد الصحفيين ظهرت الإجابة في <a>التغطية المباشرة</a> مع سؤالك واسمك.
reading-ask-ended = انتهت التغطية المباشرة، فلم تعد غرفة الأخبار تستقبل أسئلة هنا. <a>اقرأ التحديثات</a>.
reading-ask-sign-in = <a>سجّل الدخول</a> لتطرح على غرفة الأخبار سؤالًا عن هذا الخبر.
reading-ask-intro = اطرح سؤالًا واحدًا عن هذا الخبر. يقرأ مشرف كل سؤال أولًا، ويجيب الصحفيون عن بعض الأسئلة في التغطية المباشرة مقتبسين السؤال مع اسمك الظاهر.
reading-ask-your-question = سؤالك
reading-ask-hint = حتى { $max } حرف، نصًّا عاديًا.
reading-ask-notify = أرسل لي بريدًا عندما يُجاب عن سؤالي
reading-ask-send = أرسل السؤال
reading-ask-back = العودة إلى التغطية المباشرة
reading-ask-not-live = تُقبل الأسئلة ما دامت التغطية مباشرة، وهذه التغطية ليست كذلك.
reading-ask-empty = اكتب سؤالك قبل إرساله.
reading-ask-too-long = لا يتجاوز السؤال { $max } حرف، وسؤالك فيه { $chars }. اختصره وأرسله مجددًا.
reading-ask-closed = النقاش على هذا المقال مغلق، ومعه الأسئلة.
reading-ask-banned-word = يحتوي سؤالك على «{ $word }»، وهي كلمة غير مسموح بها هنا. احذفها وأرسل السؤال مجددًا: نصّك محفوظ في الأسفل.
reading-ask-too-fast = أنت ترسل أكثر من { $max } أسئلة في الدقيقة. انتظر { $wait ->
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $wait } ثوانٍ
   *[other] { $wait } ثانية
} ثم أرسل مجددًا: نصّك محفوظ في الأسفل.

reading-search-title = بحث
reading-search-page-title = بحث: { $query }
reading-search-landmark = البحث في المقالات
reading-search-for = ابحث عن
reading-search-section = القسم
reading-search-all-sections = كل الأقسام
reading-search-from = من
reading-search-to = إلى
reading-search-order = الترتيب
reading-search-best-match = الأكثر صلة
reading-search-newest-first = الأحدث أولًا
reading-search-button = ابحث
reading-search-none = لا مقالات تطابق «{ $query }».
reading-search-none-on-page = لا مقالات تطابق «{ $query }» في الصفحة { $page }.
reading-search-results = نتائج «{ $query }»
reading-search-results-page = نتائج «{ $query }»، الصفحة { $page }
reading-search-try-again = جرّب كلمات أقل أو مختلفة، أو أزل عوامل التصفية.
reading-search-result-pages = صفحات النتائج
reading-search-previous = النتائج السابقة
reading-search-more = مزيد من النتائج
reading-search-help = اكتب بضع كلمات من عنوان أو خبر أو موضوع أو اسم كاتب. ضع العبارة بين «علامتي تنصيص».
reading-search-bad-from = يجب أن يكون تاريخ «من» بصيغة 2026-11-27؛ تُجوهل «{ $value }».
reading-search-bad-to = يجب أن يكون تاريخ «إلى» بصيغة 2026-11-27؛ تُجوهل «{ $value }».
reading-search-limit-chars = استُخدم أول { $max } حرف فقط من البحث.
reading-search-limit-words = بُحث عن أول { $max } كلمات فقط (تُحسب الكلمات بين علامات التنصيص أيضًا).
reading-search-limit-short-prefixes = لا تجد علامة * كلمات أطول إلا بعد { $min } أحرف على الأقل؛ بُحث عن الأقصر منها ككلمات كاملة.
reading-search-limit-prefixes = بُحث عن أول { $max } كلمات فقط كبدايات كلمات، والباقي ككلمات كاملة.
reading-search-swapped = كان تاريخ «من» بعد تاريخ «إلى»، فبُدّل بينهما.
reading-search-no-section = لا يوجد قسم «{ $section }»، فشمل البحث كل الأقسام.
reading-search-timeout = استغرق هذا البحث وقتًا طويلًا فأُوقف. جرّب كلمات أقل أو أدق، أو بدايات كلمات (*) أقل، أو قسمًا، أو مدة أقصر.
reading-search-nothing = لا يحتوي هذا البحث على أحرف أو أرقام. جرّب كلمات من الخبر.

reading-feed-latest = آخر الأخبار من { $title }
reading-feed-correction = تصحيح، { $time }:

reading-newsletters-title = النشرات البريدية
reading-newsletters-subscribed = اشتركت بنجاح.
reading-newsletters-left = ألغيت اشتراكك.
reading-newsletters-none = لا نشرات بريدية بعد.
reading-newsletters-receiving = أنت مشترك في هذه النشرة.
reading-newsletters-unsubscribe-from = إلغاء الاشتراك في { $name }
reading-newsletters-unsubscribe = إلغاء الاشتراك
reading-newsletters-subscribe-to = الاشتراك في { $name }
reading-newsletters-subscribe = اشترك
reading-newsletters-too-many = طُلبت اشتراكات كثيرة من شبكتك خلال الساعة الماضية. حاول مجددًا بعد { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
}.
reading-newsletters-check-mail = تفقّد بريدك: أرسلنا رابطًا إلى { $email } لتأكيد اشتراكك في { $newsletter }.
reading-newsletters-mail-subject = أكّد اشتراكك في { $newsletter }
reading-newsletters-mail-asked = طلب شخص ما (نرجو أن تكون أنت) تلقّي { $newsletter } من { $site } على هذا العنوان. افتح هذا الرابط خلال 48 ساعة واضغط «تأكيد الاشتراك»:
reading-newsletters-mail-ignore = يعمل الرابط مرة واحدة. إن لم تطلب ذلك فتجاهل هذه الرسالة: لن يصلك شيء دون تأكيد.
reading-confirm-title = أكّد اشتراكك
reading-confirm-done = اشتركت في { $newsletter }. سيصلك العدد القادم بالبريد الإلكتروني، وفي كل عدد رابط لإلغاء الاشتراك بنقرة واحدة.
reading-confirm-sign-in-later = لتسجيل الدخول لاحقًا، اطلب <a>رابط دخول بالبريد الإلكتروني</a>.
reading-confirm-press = اضغط الزر لتتلقّى <strong>{ $newsletter }</strong> على <strong>{ $email }</strong>.
reading-confirm-button = تأكيد الاشتراك
reading-confirm-expired = انتهت صلاحية رابط التأكيد هذا أو استُخدم من قبل. تعمل الروابط مرة واحدة، خلال 48 ساعة.
reading-confirm-again = يمكنك الاشتراك مجددًا من <a>صفحة النشرات البريدية</a>.
reading-unsubscribe-title = إلغاء الاشتراك
reading-unsubscribe-newsletter-invalid = رابط إلغاء الاشتراك هذا غير صالح. بعد تسجيل الدخول يمكنك اختيار نشراتك من <a>صفحة النشرات البريدية</a>.
reading-unsubscribe-newsletter-done = تم: لن تصلك { $name } بعد الآن. يمكنك الاشتراك مجددًا من <a>صفحة النشرات البريدية</a>.
reading-unsubscribe-newsletter-ask = إيقاف تلقّي { $name }؟
reading-unsubscribe-button = إلغاء الاشتراك
reading-edition-subscribe = اشترك في نشراتنا البريدية

reading-unsubscribe-invalid = رابط إلغاء الاشتراك هذا غير صالح. بعد تسجيل الدخول يمكنك اختيار ما يرسله إليك الموقع من <a>إعداداتك</a>.
reading-unsubscribe-done =
    { $kind ->
        [replies] تم: لن يصلك بريد عندما يردّ أحد على تعليقاتك. يمكنك إعادة تفعيله من <a>إعداداتك</a>.
        [mentions] تم: لن يصلك بريد عندما يذكرك أحد في تعليق. يمكنك إعادة تفعيله من <a>إعداداتك</a>.
        [digest] تم: لن يصلك الملخص اليومي للردود والإشارات. يمكنك إعادة تفعيله من <a>إعداداتك</a>.
       *[queue-alert] تم: لن تصلك تنبيهات طابور الإشراف. يمكنك إعادة تفعيلها من <a>إعداداتك</a>.
    }
reading-unsubscribe-ask =
    { $kind ->
        [replies] إيقاف البريد عندما يردّ أحد على تعليقاتك؟
        [mentions] إيقاف البريد عندما يذكرك أحد في تعليق؟
        [digest] إيقاف الملخص اليومي للردود والإشارات؟
       *[queue-alert] إيقاف تنبيهات طابور الإشراف؟
    }
