# التغطية المباشرة: ما يقوله app.js عند وصول التحديثات، ورفض مكتب التغطية المباشرة، ومقارنة
# مراجعات سجل المقال.

## ما يقوله app.js في صفحة مباشرة (كتلة البيانات `live-words`)

live-js-new-update = تحديث جديد
live-js-new-updates =
    { $count ->
        [zero] لا تحديثات جديدة
        [one] تحديث جديد واحد
        [two] تحديثان جديدان
        [few] { $count } تحديثات جديدة
        [many] { $count } تحديثًا جديدًا
       *[other] { $count } تحديث جديد
    }

## رفض مكتب التغطية المباشرة

live-writers-only = يكتب التغطية المباشرة المساهمون والمحررون والمديرون.
live-editors-only-coverage = لا يفتح التغطية المباشرة وينهيها إلا المحررون والمديرون؛ ويكتب المساهمون تحديثات لينشرها المحررون.
live-editors-only-publish = لا ينشر التحديثات إلا المحررون والمديرون؛ ويكتب المساهمون تحديثات لينشرها المحررون.
live-editors-only-change = لا ينشر التحديثات ويعدّلها ويحذفها إلا المحررون والمديرون؛ ويكتب المساهمون تحديثات لينشرها المحررون.
live-editors-only-answers = لا ينشر الإجابات إلا المحررون والمديرون؛ ويكتب المساهمون تحديثات لينشرها المحررون.
live-choose-coverage = اختر فتح التغطية أو إنهاءها.
live-choose-update-action = اختر نشر التحديث أو تعديله أو حذفه.
live-already-published = هذا التحديث منشور بالفعل.
live-coverage-changed = غيّر أحدهم هذه التغطية في هذه الأثناء: أعد التحميل وحاول مرة أخرى.
live-update-changed = غيّر أحدهم هذا التحديث في هذه الأثناء: أعد تحميله وحاول مرة أخرى.
live-question-changed = أجاب أحدهم عن هذا السؤال أو رفضه في هذه الأثناء: أعد تحميل المكتب.
live-answer-not-live = يُجاب عن الأسئلة ما دامت التغطية مباشرة.
live-answer-answered = أُجيب عن هذا السؤال بالفعل.
live-answer-not-approved = لا يُجاب إلا عن الأسئلة التي وافق عليها مشرف.

## مقارنة مراجعات مقال: حقل في كل سطر، ثم النص

live-diff-headline = العنوان: { $value }
live-diff-slug = المعرّف: { $value }
live-diff-summary = الملخص: { $value }
live-diff-section = القسم: { $value }
live-diff-authors = الكتّاب: { $value }
live-diff-tags = الوسوم: { $value }
live-diff-image = الصورة: { $value }
live-diff-alt-text = النص البديل: { $value }
live-diff-caption = التعليق: { $value }
