"""ConText modifier terms for lay symptom descriptions (English and Chinese).

English negation starts from negspacy's clinical NegEx termset; these lists adapt it to patients' own words:
"can't breathe" is a symptom, not a negation; "n't" (spaCy splits "haven't" into "have" + "n't") and plain
reassurance ("breathing is fine") negate. The other categories follow ConText (Harkema et al., 2009): hypothetical
("if", "in case"), historical ("used to", "years ago"), other experiencer ("family history of", "my mother had").
"""
from __future__ import annotations

# negspacy cues that mean something else in a patient's own words ("I can't breathe" is a symptom)
EN_REMOVED_NEGATION = ["cannot", "can't", "cant", "couldn't", "couldnt", "versus", "ro", "r/o", "doubt",
                       "evaluate for", "symptoms atypical"]

EN_EXTRA_NEGATION = {
    "preceding_negations": ["n't", "nothing", "nothing like", "no more", "not had", "not got", "no problems with",
                            "no problem with", "no trouble with", "neither", "nor", "no sign", "none of",
                            "not really", "never any", "haven't had", "have not had", "has not had", "hasn't had",
                            "not have", "do not have", "does not have", "did not have", "without any",
                            # "none" before what the items are not: "itchy bites, none hot or spreading"
                            "none are", "none is", "none look", "none looks", "none seem", "none seems", "none hot",
                            "none red", "none warm"],
    "following_negations": ["negative", "came back negative", "is fine", "are fine", "is ok", "are ok", "is okay", "are okay", "is normal",
                            "completely normal", "totally normal", "perfectly normal", "absolutely normal",
                            "are normal", "normally", "seems fine", "looks fine", "fine", "is not", "are not",
                            "isn't", "aren't", "not", "n't", "none", "gone", "has gone", "have gone", "went away",
                            "has settled", "no problem", "are clear", "is clear", "was not", "were not",
                            # "his voice sounds normal" (how a voice or a chest sounds)
                            "sounds normal", "sound normal", "sounds fine", "sounds ok", "sounds okay",
                            # "pee normal colour", "poo a normal colour": the colour said to be as usual
                            "normal colour", "normal color", "normal coloured", "normal-coloured", "usual colour"],
}

# "her face has gone droopy", "his lips have gone blue": gone + a describing word is a change, not a finding gone away
_BECAME = ["droopy", "floppy", "limp", "blue", "grey", "gray", "white", "pale", "red", "purple", "yellow", "black", "numb",
           "weak", "stiff", "cold", "hot", "quiet", "silent", "funny", "strange", "weird", "slurred", "blurry", "blurred",
           "dizzy", "faint", "dead", "rigid", "swollen",
           "puffy", "sleepy", "drowsy", "unresponsive", "vacant", "mottled", "clammy", "sweaty", "tight", "deaf", "blind",
           "dry", "itchy", "rough", "scaly", "flaky", "crusty", "hard", "dark", "patchy", "lumpy", "bumpy", "hoarse", "croaky",
           "yellowish", "bloodshot", "crooked", "wobbly", "shaky",
           # a voice that "has gone thick" or "gone muffled"
           "thick", "muffled", "raspy", "husky", "nasal",
           # a baby's vomit that "has gone green"
           "green", "greeny",
           # a mole that "has gone darker" or "gone bigger"
           "darker", "bigger", "blacker", "redder", "lumpier"]
EN_PSEUDO = [*{f"{verb} {degree}{adjective}" for verb in ("gone", "has gone", "have gone", "had gone", "'s gone")
               for degree in ("", "really ", "very ", "all ", "a bit ", "a little ", "quite ", "so ", "completely ", "totally ",
                              "bright ", "dark ", "deep ", "pale ")
               for adjective in _BECAME},
             # "my wee has gone the colour of cola": a change of colour, not something gone away
             *{f"{verb} {change}" for verb in ("gone", "has gone", "have gone", "had gone", "'s gone")
               for change in ("the colour", "the color", "a colour", "a color", "a funny", "a weird", "a strange", "a dark",
                              "a deep")},
             # a count of tablets gone from a packet: "got into her iron tablets, maybe 10 gone" (missing, not better)
             *{f"{count} {what}gone" for count in (*map(str, range(1, 101)), "one", "two", "three", "four", "five",
                                                   "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty",
                                                   "few", "some", "half", "most", "several", "lots", "loads", "couple")
               for what in ("", "of them ", "tablets ", "pills ", "tabs ", "capsules ")},
             "nothing stays down", "nothing stay down", "keep nothing down", "keeping nothing down", "nothing helps",
             "nothing works", "nothing helped", "nothing worked", "nothing settles", "nothing settled", "not moved at all", "not moved since", "not been able", "not able to pass", "can not", "could not", "cannot", "can't", "couldn't", "will not stop", "won't stop", "does not stop",
             "doesn't stop", "not stop", "not stopping", "not go away", "not going away", "not gone away",
             "not get better", "not getting better", "not got better", "not improve", "not improving",
             "not improved", "not help", "not helping", "not helped", "not work", "not working", "not worked",
             "not heal", "not healing", "not healed", "not healing up", "not heal up",
             # "2 wks of her creams n its not shifting"
             "not shift", "not shifting", "not shifted", "not budging",
             "no longer", "no idea", "not sure", "not certain", "do not know", "don't know", "not only", "not just",
             "no better", *[f"{verb} not {failing}" for verb in ("is", "are", "was", "were", "has", "have")
                              for failing in ("helping", "helped", "touching", "touched", "working", "worked",
                                              "doing anything", "doing much", "making a difference", "shifting")],
             "not touching", "not even touching", "not doing anything", "not doing much",
             "not making a difference", "not make a difference", "not making any difference", "not respond", "not responding", "not wake", "not waking", "will not wake", "won't wake",
             "not breathing", "is not breathing", "not able", "not fit", "not keep", "not kept", "not eaten",
             "not eat", "not drink", "not drinking", "not feeding", "not peed", "not pee", "not peeing",
             "not urinated", "not passed urine", "not passed any", "not passed water", "not passed a", "not passed much",
             "not passed wind", "not passed stool", "not passed anything", "not make sense", "not making sense", "not recognise", "not recognize",
             "not feel my", "not move", "not moving", "not lie", "not settle", "not settling", "not bear",
             "not touched", "not touch", "not find", "not remember", "not normal", "not himself", "not herself",
             "not themselves", "not myself", "not want to",
             # "which isn't like him at all": unlike the person, a finding; "it's not like it's pouring blood" denies one
             *[f"not like {whom}" for whom in ("him", "her", "them", "me", "us", "his", "my", "their", "our", "any", "the",
                                              "a", "an", "normal", "usual", "anything", "before", "last", "other")],
             "do not want", "does not want",
             # "the swelling will not go down", "the rash does not go white", "it will not go back in", "i can not go on": findings;
             # "he did not go blue or floppy" denies a colour and a tone
             *[f"not go {rest}" for rest in ("down", "on", "into", "in", "to", "anywhere", "back", "out", "through", "up", "off",
                                             "under", "white", "red", "pink", "away", "all", "low", "over", "past", "further")],
             # "a bend in it that shouldn't be there": where nothing should be, a finding
             "should not be there", "not supposed to be there", "not meant to be there",
             # "the hernia won't push back in", "won't pop back": a finding, not a denial
             "not push", "not pop", "not going back",
             # "did not get to the toilet", "does not get up" are findings; "i do not get chest pain" denies one
             *[f"not get {rest}" for rest in ("up", "out", "to", "in", "into", "off", "on", "back", "over", "through", "rid",
                                                "comfortable", "warm", "a breath", "my breath", "his breath", "her breath",
                                                "their breath", "any air", "enough air", "air", "enough", "any sleep", "him",
                                                "her", "them", "it", "the", "a word", "any words", "the words", "his words",
                                                "her words", "better", "any better")],
             "not stand", "not walk", "not talk", "not speak", "not see", "not swallow",
             "not hold", "no reason to", "not be here", "not be alive", "not fine", "not ok", "not okay",
             "without tears", "no tears", "no wet", "not shift", "not budge", "not ease", "not easing", "not clear",
             "not clearing", "that are not there", "who are not there", "that is not there", "who is not there",
             "that were not there", "not pooed", "not pooped", "not poo", "not had a poo", "not done a poo",
             # "no poo for 3 days": constipation told, not denied
             "no poo", "no poos", "no poop", "no bowel movement", "no number two", "no number twos",
             "without goggles", "without safety glasses", "without eye protection", "without protection",
             "without a helmet", "without gloves", "no helmet", "no seatbelt", "no seat belt", "not wearing a helmet",
             "not wearing his helmet", "not wearing her helmet", "not wearing a seatbelt", "without his helmet",
             "without her helmet", "without a seatbelt", "not opened bowels", "not opened my bowels", "not opened his bowels",
             "not opened her bowels", "not opened their bowels", "not been to the toilet", "not passed a stool", "not had a bowel",
             # what was not put on says how it happened, not a denial: "came without sun cream", "no suncream on"
             "without sun cream", "without suncream", "without sunscreen", "without sun block", "without sunblock",
             "no sun cream", "no suncream", "no sunscreen",
             # "she hasn't been for four days": the older words for not opening the bowels
             "not been for"]

EN_TERMINATORS = ["just", "only", "apart from", "other than", "except for", "now", "and now", "though", "whereas",
                  "instead", "because", "since then", "so", "then", "plus", "although", "but", "still",
                  # "and" with a new subject starts a new statement: "hasn't opened his bowels and he can't pass wind"
                  "and he", "and she", "and they", "and i", "and we"]

# a comma followed by one of these words starts a new clause: the scope of "no" before it ends there
EN_CLAUSE_OPENERS = {"i", "i'm", "im", "my", "he", "she", "it", "it's", "we", "they", "his", "her", "their", "our",
                     "this", "that", "there", "now", "just", "only", "but", "and", "then", "also", "since", "today",
                     "yesterday", "tonight", "although", "though", "which", "so", "because", "the", "a", "an",
                     "he's", "she's", "we're", "they're", "i've", "i'd", "you", "your",
                     # a question after the negatives: "no thoughts of harming myself, should i stop?"
                     "should", "what", "how", "can", "could", "would", "do", "does",
                     # a clause whose subject is left out: "hasn't slept in days, says voices are ...", "no fever, been
                     # sick all night", "no rash, got a headache"
                     "says", "said", "keeps", "kept", "thinks", "reckons", "been", "got", "feel", "feels", "feeling",
                     # "room isn't hot, lost a bit of weight": a past event with its subject left out
                     "lost", "losing", "gained", "noticed", "started", "woke",
                     # a fall with its subject left out: "onto the ice without his gripper on, went straight over backwards"
                     "went", "fell", "slipped", "tripped", "landed",
                     # a wish or a question after the negatives: "not slept properly in months, want to talk about hrt"
                     "want", "wants", "wanting", "hoping", "wondering", "asking", "need", "needs",
                     # a new subject after a comma: "34 weeks pregnant, baby has not moved" (the baby's statement does
                     # not deny the pregnancy)
                     "baby", "son", "daughter", "husband", "wife", "partner", "mum", "mom", "dad", "kid", "child",
                     "toddler", "hubby", "grandad", "grandma", "nan"}

EN_MODIFIERS: dict[tuple[str, str], list[str]] = {
    ("POSSIBLE", "forward"): ["if", "in case", "what if", "whether",
                              "watch for", "look out for", "signs of", "in case of", "risk of", "prevent",
                              "avoid", "check for", "screen for", "test for", "unless", "when to worry about",
                              "what to do if", "what happens if", "supposing",
                              # a worry or a question naming a diagnosis, and someone else's guess, are not findings
                              "is it a", "is this a", "could it be", "could this be", "convinced it is", "convinced it's",
                              "is convinced", "convinced i've got", "convinced i have", "convinced he's got", "convinced she's got",
                              "worried it is", "worried it's", "afraid it is", "afraid it's", "scared it is", "scared it's",
                              # "scared it could be something serious like appendicitis": a guess at a cause
                              "it could be", "it might be", "it may be", "this could be", "this might be",
                              "could be something", "might be something",
                              # someone's reading of how it looks: "my husband says it looks infected"
                              "says it looks", "said it looks", "thinks it looks", "reckons it looks",
                              # someone else's guess at what it is: "my friend thinks it's frostbite"
                              "thinks it's", "thinks it is", "reckons it's", "reckons it is",
                              "said it might", "says it might", "might already be",
                              # someone else's verdict on the caller: "Shirley says I must have broken it"
                              "says i must have", "said i must have", "thinks i must have", "says it must be", "thinks it must be",
                              "says i need an x-ray", "says i've broken", "thinks i've broken",
                              # someone else's fear for the caller: "my mum says I might have glandular fever"
                              "saying i might have", "says i might have", "thinks i might have", "reckons i might have",
                              # what the writer has read or heard can happen, not what is happening
                              "read about", "read that", "read online", "i've read", "i have read", "googled",
                              "reading about", "keep reading", "been reading", "reading up on", "read up on", "googling",
                              "read something", "saw something online", "looked it up online",
                              "google says", "online it says", "it says online", "heard that", "heard about",
                              "heard it can", "can spread to", "can lead to", "can turn into",
                              # a general claim about a cause: "teething causes fevers", "it can cause a rash"
                              "causes", "can cause", "can give you", "can bring on",
                              # a fear named, not a finding: "now I'm panicking about sepsis"
                              "panicking about", "panicked about", "paranoid about", "freaking out about",
                              "scared of getting", "afraid of getting", "worried about getting", "terrified of getting",
                              # what could follow, feared by someone: "she says I could get sepsis", "it might end up as"
                              "could get", "might get", "could end up", "might end up", "could go to", "might go to",
                              "could turn into", "might turn into", "may turn into", "could develop into", "might develop into",
                              # what is feared next: "thinks I need antibiotics before it turns into tonsillitis"
                              "before it turns into", "before it becomes", "before it gets to", "in case it turns into",
                              "in case it becomes", "stop it turning into", "stop it becoming", "so it doesn't turn into",
                              "could lead to", "might lead to", "could spread to", "might spread to",
                              # a fear said aloud: "I'm worried I've done permanent damage", "scared he's broken it"
                              "worried i've", "worried i have", "worried that i've", "scared i've", "afraid i've",
                              "terrified i've", "frightened i've", "worried he's", "worried she's", "scared he's", "scared she's",
                              # a fear that will not go: "I keep thinking about strep and sepsis"
                              "keep thinking about", "keeps thinking about", "kept thinking about", "can't stop thinking about",
                              "can not stop thinking about"],
    ("POSSIBLE", "backward"): ["might happen", "could happen", "were to happen"],
    ("HISTORICAL", "forward"): ["history of", "used to", "in the past", "previously", "years ago i had",
                                "as a child", "as a kid", "was diagnosed with", "recovered from", "once had",
                                "last year"],
    ("HISTORICAL", "backward"): ["years ago", "last year", "as a child", "in the past", "when i was young",
                                 "when i was little", "a long time ago", "previously", "in childhood"],
    ("OTHER", "forward"): ["family history of", "runs in the family", "runs in my family", "died of", "died from",
                           "passed away from", "passed away of", "caught it from", "got it from", "someone at work",
                           "someone at school", "people at work", "everyone at", "others at", "going around",
                           "my mother has had", "my father has had", "my mum has had", "my mom has had",
                           "my dad has had", "both my parents",
                           # a classmate's illness told beside the patient's: "a girl in her class has glandular fever"
                           "a girl in", "a boy in", "a kid in", "a child in", "someone in her", "someone in his", "someone in my",
                           "classmate", "classmates",
                           # the patient's relatives, when the patient is already someone else ("his brother went blind")
                           "his brother", "her brother", "his sister", "her sister",
                           # a bystander among the others there: "one of the other mums nearly fainted"
                           "one of the other", "one of the mums", "one of the dads", "one of the parents", "another mum",
                           "another mom", "another dad", "another parent"],
    ("OTHER", "backward"): ["runs in the family", "runs in my family", "in the family", "in my family"],
}

ZH_PSEUDO = ["一下都没动", "一下也没动", "没怎么动", "不怎么动", "没怎么尿", "不停", "不断", "不止", "不了", "不住", "不舒服", "不能", "不出", "不清", "不上", "不下", "不知", "不确定",
             "不醒", "不见", "不好", "不适", "不动", "不起", "不进", "无法", "不过来", "没法", "没办法", "不正常",
             "不对劲", "没力气", "无力", "不退", "没退", "不管用", "没用", "没效果", "没好", "不见好", "未见好",
             "没缓解",
             "不缓解", "没有缓解", "没有好转", "未缓解", "无缓解", "不消", "不稳", "不灵", "不听使唤", "不协调", "止不",
             "没意识", "无意识", "没反应", "无反应", "没知觉", "没感觉", "没呼吸", "没气", "没心跳", "没有呼吸",
             "没有意识",
             "没有反应", "没有知觉", "没有心跳", "不省人事", "不能动", "不受控制", "不可控制", "不敢", "不过", "不到",
             "不开", "不肯", "不想", "不畅", "不顺", "不通", "不规律", "不规则", "不齐", "不褪", "不退色", "不变白", "不消失",
             "不对称", "不太舒服", "不太好", "不太对", "不太清", "不太能", "不太会", "不太灵", "不太稳", "不大舒服", "不认", "不记得", "不吃", "不喝", "不睁", "不尿", "没尿", "没小便", "没怎么",
             "没眼泪", "没有眼泪", "说不上来", "说不", "走不", "站不", "喘不", "吃不", "喝不", "睡不", "尿不", "咽不", "抬不",
             "叫不", "睁不", "握不", "拿不", "动不", "停不", "受不", "忍不", "憋不", "躺不", "不对", "没带", "不像",
             "不是很", "不少", "不同", "并不是很", "不一样", "不行", "不用", "不要", "不得",
             "不够", "不懂", "不明原因", "原因不明", "不明白", "不会", "差不多", "没多久", "没过多久", "没一会儿", "没一会", "没几分钟", "不时", "不久", "不间断", "不由", "不安", "不便", "没完", "无数",
             "没有带", "不稳定", "没这么疼", "没这么痛", "没有这么疼", "没有这么痛", "没这样疼", "没这样痛", "没解大便", "没大便", "没拉屎", "没排便", "没有大便", "没有排便", "不大便",
             "没拉过", "没解过大便",
             # what was not worn does not deny what happened: "没戴头盔磕到头了"
             "没戴", "没有戴", "没系", "没有系", "没穿", "没有穿",
             # 没劲 is weakness (发麻没劲), 不喘气 a baby that stops breathing, as 没气 is
             "没劲", "不喘气",
             # a product used undiluted ("没兑水的农药") is all the more a finding
             "没兑水", "没兑过水", "没稀释", "没有稀释", "未稀释",
             # the ring finger (无名指) and words built on 无 that deny nothing
             "无名指", "无缘无故", "无精打采", "无论"]

ZH_TERMINATORS = ["但是", "但", "不过", "可是", "只是", "就是", "然而", "现在", "而且", "另外", "还有", "除了"]

ZH_MODIFIERS: dict[tuple[str, str], list[str]] = {
    ("NEGATED", "forward"): ["没有", "并没有", "并不", "从没", "从来没", "从未", "也没", "都没", "没", "无", "未",
                             "否认", "不", "不是", "毫无", "一点也不", "一点都不", "远不是", "并非", "没什么", "没啥", "不太", "不大",
                             "也不", "都不", "从没有", "从来不", "没出现", "没见", "未见", "无明显",
                             # "肚子说不上疼": hardly a pain, said as a denial
                             "说不上", "谈不上", "算不上",
                             # "脖子上也摸不着疙瘩": felt for and not found (jieba keeps 摸不着 whole)
                             "摸不着", "摸不到", "摸不出"],
    ("NEGATED", "backward"): ["正常", "没问题", "没事", "顺畅", "挺顺", "很顺", "顺溜", "挺好", "不明显", "消失了", "退了", "已经退", "还行", "还好",
                              "没什么问题", "没啥问题", "没异常", "无异常", "都好",
                              # "喘气一点问题没有": the denial said after the trouble
                              "问题没有", "一点问题没有", "啥问题没有", "什么问题没有",
                              # a food not touched: "一口甜菜根都没碰"
                              "都没碰", "也没碰", "都没沾", "也没沾", "一口没碰",
                              # a habit hardly had: "咖啡也很少喝"
                              "很少喝", "很少碰", "很少吃", "不怎么喝", "不怎么碰", "几乎不喝", "几乎不碰"],
    # "怕是骨折了", "是不是中风了": a worry or a question naming a diagnosis is not a finding
    ("POSSIBLE", "forward"): ["如果", "万一", "要是", "假如", "以防", "预防", "假设", "怕是", "恐怕是", "担心是", "是不是",
                              # "泡个热水澡，早晚能尿出来": a promise of what will happen, not what does
                              "早晚", "迟早",
                              # what is feared next, not what is: "让我赶紧去看，别等它扩散", "免得感染"
                              "别等", "免得", "以免", "省得", "别拖成", "别等到", "拖成", "别转成", "别发展成",
                              # what would follow otherwise: "一定得吃消炎药，不然感染了麻烦"
                              "不然", "要不然", "否则", "要不就",
                              # what might happen if it goes badly, and a fear said aloud: "弄不好得败血症", "真怕晕在家里"
                              "弄不好", "搞不好", "闹不好", "保不齐", "真怕", "就怕", "生怕", "好怕", "怕自己", "怕万一",
                              # someone's account of a cause: "老伴儿说是吃了沙拉里的甜菜根"
                              "说是吃了", "说是吃的", "说准是吃了", "说肯定是吃了",
                              # someone's guess: "我闺女说可能是感染了"; a prediction told: "说会得败血症"
                              "说可能", "说怕是", "说会得", "说会变成", "说要得", "说肯定会",
                              # what could also be: "荨麻蜇了也可能严重过敏", "弄破了有可能感染" (not "可能会": "护士说过可能会发烧"
                              # is said of a fever the child has)
                              "也可能", "也有可能", "有可能",
                              # someone's verdict on what the allergy is to: "肯定是对林子里什么东西严重过敏"
                              "肯定是对", "准是对", "八成是对",
                              "会不会是", "该不会是", "非说是", "认定是", "以为是", "非说", "硬说", "一口咬定",
                              # someone's guess: "我室友觉得可能骨折了"
                              "觉得可能", "觉得是不是",
                              # someone's explanation, not a finding: "我老公说就是虫子咬的过敏反应"
                              "说就是", "说只是", "说不就是", "觉得就是",
                              # someone who keeps insisting what the caller has: "我妈一直说我是缺钙"
                              "一直说我是", "老说我是", "总说我是",
                              # someone's reading of how it looks: "我老公说看着像感染了"
                              "说看着像", "说看着是", "说瞅着像", "说像是", "觉得像是", "觉得看着像",
                              "网上看到", "网上说", "网上查", "网上讲", "网上看了", "在网上", "上网查", "上网搜", "网上搜", "手机上查", "手机上搜",
                              "网上一查", "网上一搜", "上网一查", "上网一搜", "手机一查", "手机一搜", "百度一下",
                              # what someone says of everything: "他看啥都说骨折"
                              "看啥都说", "啥都说", "什么都说", "动不动就说", "说肯定", "说准是", "说八成", "百度", "听说", "听人说", "据说", "会传到", "能传到",
                              "这样只会", "这样下去", "长此以往", "刷到", "新闻说", "新闻上说",
                              # what someone predicts will come: "我奶奶说出牙肯定要发高烧、拉肚子"
                              "肯定要", "肯定会", "准会", "保准会",
                              # someone's verdict on how it looks: "我老公说青成这样肯定骨折了"
                              "这样肯定", "这么样肯定", "这样准是", "这样八成",
                              # ...or on how fast or how much: "思思说肿得这么快肯定骨折了"
                              "这么快肯定", "那么快肯定", "这么厉害肯定", "这么大肯定", "这么肿肯定", "这么青肯定", "这么紫肯定",
                              "这么疼肯定",
                              # the same said as a rule: "我妈说出牙就得发高烧、拉肚子"
                              "说就得", "说都得", "出牙就得", "长牙就得", "出牙都得", "长牙都得", "出牙就会", "长牙就会",
                              "出牙都会", "长牙都会",
                              # a fear that fills the head: "我满脑子都是链球菌、脓毒症"
                              "满脑子都是", "满脑子是", "脑子里全是", "脑子里都是"],
    ("POSSIBLE", "backward"): ["怎么办", "的话"],
    ("HISTORICAL", "forward"): ["以前", "曾经", "小时候", "几年前", "去年", "既往", "病史", "得过", "以往", "患过", "出过",
                                "长过", "犯过", "当年", "那年",
                                # a count of years ago: "我老伴儿三年前肺炎闹成了败血症"
                                "一年前", "两年前", "三年前", "四年前", "五年前", "六年前", "七年前", "八年前", "九年前", "十年前",
                                "十几年前", "好几年前", "多年前", "前年"],
    ("HISTORICAL", "backward"): ["以前", "几年前", "去年", "小时候", "病史"],
    ("OTHER", "forward"): ["家族史", "家里人", "家里有人", "遗传", "我妈得过", "我爸得过", "去世", "死于", "传染给",
                           # classmates and other children: "他同学都早就不尿了"
                           "他同学", "她同学", "同学都", "同学们",
                           # the patient's own relatives, when the patient is already someone else: "他哥哥有糖尿病"
                           "他哥哥", "他姐姐", "他弟弟", "他妹妹", "她哥哥", "她姐姐", "她弟弟", "她妹妹",
                           "他妈有", "她妈有", "他爸有", "她爸有", "他妈妈有", "她妈妈有", "他爸爸有", "她爸爸有", "他父亲有",
                           "他母亲有", "她父亲有", "她母亲有", "他爷爷有", "他奶奶有", "她爷爷有", "她奶奶有",
                           # the patient's friends, when the patient is already someone else: "她最好的朋友前阵子得了腮腺炎"
                           *[f"{pronoun}{friend}" for pronoun in ("她", "他") for friend in ("朋友", "的朋友", "最好的朋友", "好朋友")],
                           "她闺蜜", "他哥们",
                           # someone in a story: "说有人打嗝打了好几年"
                           "有人", "有个人", "别人",
                           # a third person's relative, in what that person said: "邻居说她孙子耳朵发炎把鼓膜弄穿了"
                           *[f"说{pronoun}{kin}" for pronoun in ("她", "他") for kin in
                             ("孙子", "孙女", "外孙", "外孙女", "儿子", "女儿", "闺女", "老公", "老婆", "爱人", "家孩子", "家老人",
                              "妈", "爸", "妈妈", "爸爸", "婆婆", "同事", "朋友", "邻居", "舅舅", "叔叔", "姑姑", "阿姨", "姨",
                              "爷爷", "奶奶", "姥姥", "姥爷", "外婆", "外公", "哥哥", "姐姐", "弟弟", "妹妹", "表哥", "表姐")]],
    ("OTHER", "backward"): ["家族史", "遗传", "去世", "家里人也"],
}
