# كلمات سجل الإشراف الخاصة وكلمات خلاصات الموقع (logf-).

## السجل

logf-actor-site = Broadsheet (تلقائيًا)
logf-actor-command-line = سطر الأوامر
logf-role-change = { $old } ← { $new }
logf-auto-hide = بلاغات مفتوحة من أعضاء راسخين وزنها { $weight } (من أصل { $count })
logf-undo-of = تراجع عن #{ $id } ({ $action })

## لماذا بقي الشيء على حاله

logf-no-comment = التعليق { $id } غير موجود
logf-comment-deleted = حذف كاتبُ التعليق { $id } تعليقَه ويبقى محذوفًا
logf-comment-not-pinnable = التعليق { $id } غير ظاهر للقرّاء، فلا يمكن أن يكون من اختيارات المحرّرين
logf-comment-unchanged = التعليق { $id } على هذه الحال أصلًا
logf-no-member = العضو { $id } غير موجود
logf-staff-not-banned = { $name } من فريق التحرير ولا يمكن حظره؛ يمكن لمدير أن يغيّر دوره أولًا
logf-no-question = السؤال #{ $id } غير موجود
logf-question-answered = السؤال #{ $id }: أُجيب عنه من قبل
logf-question-approved = السؤال #{ $id }: مقبول من قبل
logf-question-rejected = السؤال #{ $id }: مرفوض من قبل
logf-question-changed = تغيّر السؤال #{ $id } في أثناء ذلك

## تغييرات سياسة التعليقات في السجل

logf-policy-site = الموقع: { $mode }
logf-policy-section = القسم { $name }: { $mode }
logf-policy-article = المقال { $name }: { $mode }
logf-policy-embed-site = الموقع المضمَّن { $name }: { $mode }
logf-policy-embed-thread = النقاش المضمَّن { $name }: { $mode }

## الخلاصات

logf-feed-of = { $name } — { $site }
logf-feed-comments-on = التعليقات على { $title } — { $site }
logf-feed-comments-by = تعليقات { $name } — { $site }
logf-feed-comment = { $name } على «{ $title }»
