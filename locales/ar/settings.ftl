settings-title = الإعدادات
settings-signed-in-as = مسجّل الدخول باسم <strong>{ $email }</strong>.
settings-profile = الملف الشخصي
settings-save-name = احفظ الاسم
settings-password = كلمة المرور
settings-current-password = كلمة المرور الحالية
settings-new-password = كلمة المرور الجديدة
settings-password-ends = تغيير كلمة المرور ينهي جلساتك الأخرى، ويلغي كل رموز API الخاصة بك، ويبطل أي روابط دخول أو إعادة تعيين أرسلناها إليك.
settings-change-password = غيّر كلمة المرور
settings-sessions = الجلسات
settings-sessions-ends = هل أنت مسجّل الدخول على جهاز لم يعد معك، أو تخشى أن يكون شخص آخر كذلك؟ الخروج من كل مكان ينهي كل الجلسات الأخرى، ويلغي كل رموز API الخاصة بك، ويبطل أي روابط دخول أو إعادة تعيين أرسلناها إليك. يبقى هذا المتصفح مسجّل الدخول.
settings-sign-out-everywhere = الخروج من كل مكان
settings-language = اللغة
settings-language-label = لغة صفحات الموقع ورسائله
settings-language-site = لغة الموقع ({ $language })
settings-save-language = احفظ اللغة
settings-email = البريد الإلكتروني
settings-email-confirmed = عنوانك مؤكَّد.
settings-email-unconfirmed = لم يتأكد عنوانك بعد، لذلك لا يرسل إليك الموقع أي إشعارات. افتح الرابط في الرسالة التي أرسلناها إليك.
settings-email-resend = أرسل الرابط مجددًا
settings-email-me = راسلني بالبريد
settings-email-replies = حين يرد أحد على تعليقاتي
settings-email-mentions = حين يذكرني أحد («@{ $name }»)
settings-how-often = كم مرة
settings-each = رسالة لكل إشعار
settings-daily = ملخص يومي واحد
settings-queue-alert = نبّهني حين يبلغ عدد العناصر في طابور الإشراف هذا الرقم على الأقل (فارغ: أبدًا)
settings-save-email = احفظ إعدادات البريد
settings-newsletters = النشرات البريدية
settings-no-newsletter = لا تصلك أي نشرة بريدية.
settings-unsubscribe-from = إلغاء الاشتراك في { $name }
settings-unsubscribe = إلغاء الاشتراك
settings-all-newsletters = كل النشرات البريدية
settings-muted = الأعضاء المكتومون
settings-muted-intro = اطوِ تعليقات الأعضاء الذين تفضّل ألا تقرأ لهم: <a>إدارة الأعضاء المكتومين</a>.
settings-api = رموز API
settings-api-intro = اسمح لبرامج وخدمات بقراءة الموقع أو التعليق أو النشر باسمك: <a>إدارة رموز API</a>.
settings-administration = الإدارة
settings-webhooks = خطافات الويب وسجل تسليمها
settings-data = بياناتك
settings-download = نزّل كل ما نحتفظ به عنك
settings-download-format = (JSON).
settings-earlier = <a>تعليقات من حساب سابق</a>: استعد التعليقات المستوردة بعنوانك.
settings-delete-warning = لا يمكن التراجع عن حذف حسابك. تبقى تعليقاتك، منسوبة إلى «[محذوف]».
settings-delete = احذف حسابي

mutes-title = الأعضاء المكتومون
mutes-intro = تظهر لك تعليقات الأعضاء الذين كتمتهم مطويّة: افتح أيًّا منها لقراءته. لا يعرف أحد غيرك من كتمت، ولا حتى هم أنفسهم. اكتم أحدًا بزر «كتم» تحت أحد تعليقاته. <a>العودة إلى الإعدادات</a>.
mutes-none = لم تكتم أحدًا.
mutes-unmute-label = إلغاء كتم { $name }
mutes-unmute = إلغاء الكتم
mutes-since = {"، "}مكتوم منذ
mutes-more = مزيد من الأعضاء المكتومين

settings-saved-profile = حُفظ اسمك الظاهر.
settings-saved-password = تغيّرت كلمة مرورك. انتهت جلساتك الأخرى ورموز API الخاصة بك، ولم تعد روابط الدخول أو إعادة التعيين التي أرسلناها إليك تعمل.
settings-saved-sessions = خرجت كل الجلسات الأخرى، وأُلغيت رموز API الخاصة بك، ولم تعد روابط الدخول أو إعادة التعيين التي أرسلناها إليك تعمل.
settings-saved-notifications = حُفظت إعدادات بريدك.
settings-saved-verify-sent = رابط جديد في الطريق إليك: افتحه لتأكيد عنوانك.
settings-saved-verified = عنوان بريدك الإلكتروني مؤكَّد بالفعل.
settings-saved-language = حُفظت لغتك.
settings-wrong-password = كلمة المرور الحالية غير صحيحة.
settings-delete-wrong-password = كلمة المرور غير صحيحة، لذلك لم يُحذف الحساب.
settings-unknown-language = اختر إحدى اللغات في القائمة ({ $languages }).
mutes-unmuted = أُلغي الكتم: تظهر تعليقاته كاملة من جديد.

settings-time-zone = المنطقة الزمنية
settings-time-zone-label = عرض الأوقات بتوقيت
settings-time-zone-site = المنطقة الزمنية للموقع ({ $zone })
settings-save-time-zone = حفظ المنطقة الزمنية
settings-saved-time-zone = حُفظت منطقتك الزمنية.
settings-verify-too-many = أُرسلت عدة روابط خلال الساعة الماضية. ابحث عنها في بريدك (وفي مجلد الرسائل غير المرغوب فيها)، أو اطلب رابطًا جديدًا بعد { $minutes ->
       [zero] { $minutes } دقيقة
       [one] دقيقة واحدة
       [two] دقيقتين
       [few] { $minutes } دقائق
       [many] { $minutes } دقيقة
       *[other] { $minutes } دقيقة
    }.
settings-delivery-choose = اختر رسالة لكل إشعار أو ملخصًا يوميًا.
