"""Small bilingual lexicons: colour names, category names and common object words (Chinese -> English).

The default text tower (MiniLM) cannot read Chinese (most characters become ``[UNK]``), so Chinese queries are
rewritten word by word into English before they are embedded: ``红色的猫`` -> colour filter *red* + ``cat``.
Longest match wins (``公交车`` before ``车``). Words not in the lexicon are reported, not guessed.
"""
from __future__ import annotations

import re

# canonical colour -> English spellings
COLOURS: dict[str, tuple[str, ...]] = {
    "red": ("red", "scarlet", "crimson"),
    "orange": ("orange",),
    "yellow": ("yellow", "golden"),
    "green": ("green",),
    "blue": ("blue", "navy"),
    "purple": ("purple", "violet"),
    "pink": ("pink",),
    "brown": ("brown",),
    "black": ("black",),
    "white": ("white",),
    "grey": ("grey", "gray", "silver"),
}
COLOUR_WORDS = {word: colour for colour, words in COLOURS.items() for word in words}

# Chinese colour words (with 色, or a bare character followed by 的) -> canonical colour
ZH_COLOURS: dict[str, str] = {
    "红色": "red", "大红色": "red", "橙色": "orange", "橘色": "orange", "桔色": "orange", "黄色": "yellow",
    "金色": "yellow", "绿色": "green", "蓝色": "blue", "天蓝色": "blue", "紫色": "purple", "粉色": "pink",
    "粉红色": "pink", "粉红": "pink", "棕色": "brown", "褐色": "brown", "咖啡色": "brown", "黑色": "black",
    "白色": "white", "灰色": "grey", "银色": "grey",
}
ZH_COLOUR_CHARS = {"红": "red", "橙": "orange", "黄": "yellow", "绿": "green", "蓝": "blue", "紫": "purple",
                   "粉": "pink", "棕": "brown", "黑": "black", "白": "white", "灰": "grey"}

# Chinese category words -> English category names (matched against the catalog's own category values)
ZH_CATEGORIES: dict[str, tuple[str, ...]] = {
    "动物": ("animals", "animal"), "食物": ("food",), "食品": ("food",), "吃的": ("food",), "植物": ("plants", "plant"),
    "交通工具": ("vehicles", "transportation"), "车辆": ("vehicles", "transportation"),
    "工具": ("tools", "tool"), "办公用品": ("office",), "办公": ("office",), "文具": ("office", "education"),
    "衣服": ("clothing", "clothes"), "服装": ("clothing", "clothes"), "服饰": ("clothing", "clothes"),
    "电子产品": ("electronics",), "电器": ("electronics",), "建筑": ("buildings", "building"),
    "建筑物": ("buildings", "building"), "玩具": ("toys", "recreation"), "娱乐": ("recreation",),
    "人物": ("people",), "教育": ("education",), "容器": ("containers",), "装饰": ("decorations",),
    "装饰品": ("decorations",), "科学": ("science",), "表情": ("faces", "smileys"), "符号": ("symbols",),
}

# English category synonyms -> names a catalog may use
EN_CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "animals": ("animals", "animal"), "pets": ("animals",), "food": ("food",), "foods": ("food",),
    "groceries": ("food",), "plants": ("plants", "plant"), "vehicles": ("vehicles", "transportation"),
    "cars": ("vehicles", "transportation"), "tools": ("tools", "tool"), "clothes": ("clothing", "clothes"),
    "clothing": ("clothing", "clothes"), "electronics": ("electronics",), "gadgets": ("electronics",),
    "buildings": ("buildings", "building"), "toys": ("toys", "recreation"), "games": ("recreation", "toys"),
    "office supplies": ("office",), "stationery": ("office", "education"), "decorations": ("decorations",),
    "containers": ("containers",), "people": ("people",),
}

# Chinese object words -> English (what the image tower can match); longest match first.
ZH_WORDS: dict[str, str] = {
    # animals
    "猫": "cat", "小猫": "kitten", "猫咪": "cat", "狗": "dog", "小狗": "puppy", "狗狗": "dog", "鸟": "bird",
    "小鸟": "bird", "鱼": "fish", "金鱼": "goldfish", "马": "horse", "牛": "cow", "奶牛": "cow", "猪": "pig",
    "羊": "sheep", "山羊": "goat", "兔子": "rabbit", "兔": "rabbit", "老鼠": "mouse", "鼠": "mouse",
    "老虎": "tiger", "虎": "tiger", "狮子": "lion", "大象": "elephant", "象": "elephant", "熊": "bear",
    "熊猫": "panda", "猴子": "monkey", "长颈鹿": "giraffe", "斑马": "zebra", "蛇": "snake", "青蛙": "frog",
    "乌龟": "turtle", "海龟": "turtle", "蝴蝶": "butterfly", "蜜蜂": "bee", "蜘蛛": "spider", "蚂蚁": "ant",
    "鸭子": "duck", "鸭": "duck", "鸡": "chicken", "公鸡": "rooster", "母鸡": "hen", "企鹅": "penguin",
    "猫头鹰": "owl", "鹰": "eagle", "海豚": "dolphin", "鲸鱼": "whale", "鲨鱼": "shark", "螃蟹": "crab",
    "蜗牛": "snail", "恐龙": "dinosaur", "骆驼": "camel", "袋鼠": "kangaroo", "狐狸": "fox", "狼": "wolf",
    "鹿": "deer", "松鼠": "squirrel", "蝙蝠": "bat", "蜥蜴": "lizard", "章鱼": "octopus", "独角兽": "unicorn",
    "龙": "dragon", "鸽子": "pigeon", "天鹅": "swan", "火鸡": "turkey", "刺猬": "hedgehog", "犀牛": "rhinoceros",
    # food
    "苹果": "apple", "香蕉": "banana", "橙子": "orange", "橘子": "orange", "葡萄": "grapes", "草莓": "strawberry",
    "西瓜": "watermelon", "柠檬": "lemon", "梨": "pear", "桃子": "peach", "樱桃": "cherry", "菠萝": "pineapple",
    "芒果": "mango", "蛋糕": "cake", "面包": "bread", "披萨": "pizza", "比萨": "pizza", "汉堡": "hamburger",
    "汉堡包": "hamburger", "热狗": "hot dog", "冰淇淋": "ice cream", "冰激凌": "ice cream", "巧克力": "chocolate",
    "饼干": "cookie", "糖果": "candy", "咖啡": "coffee", "茶": "tea", "牛奶": "milk", "啤酒": "beer",
    "葡萄酒": "wine", "红酒": "red wine", "酒": "wine", "水": "water", "果汁": "juice", "鸡蛋": "egg", "蛋": "egg",
    "奶酪": "cheese", "米饭": "rice", "面条": "noodles", "寿司": "sushi", "胡萝卜": "carrot", "西红柿": "tomato",
    "番茄": "tomato", "土豆": "potato", "玉米": "corn", "蘑菇": "mushroom", "辣椒": "pepper", "洋葱": "onion",
    "蔬菜": "vegetables", "水果": "fruit", "肉": "meat", "汤": "soup", "沙拉": "salad", "三明治": "sandwich",
    "甜甜圈": "doughnut", "饮料": "drink", "瓶子": "bottle", "杯子": "cup", "碗": "bowl", "盘子": "plate",
    # vehicles
    "汽车": "car", "车": "car", "小汽车": "car", "跑车": "sports car", "卡车": "truck", "货车": "truck",
    "公交车": "bus", "公共汽车": "bus", "巴士": "bus", "自行车": "bicycle", "单车": "bicycle", "摩托车": "motorcycle",
    "火车": "train", "飞机": "airplane", "船": "boat", "轮船": "ship", "帆船": "sailboat", "直升机": "helicopter",
    "火箭": "rocket", "出租车": "taxi", "救护车": "ambulance", "消防车": "fire engine", "警车": "police car",
    "拖拉机": "tractor", "地铁": "subway", "滑板": "skateboard",
    # clothing and accessories
    "衣服": "clothes", "衬衫": "shirt", "T恤": "t-shirt", "裙子": "dress", "连衣裙": "dress", "裤子": "trousers",
    "鞋": "shoes", "鞋子": "shoes", "运动鞋": "sneakers", "靴子": "boots", "帽子": "hat", "眼镜": "glasses",
    "太阳镜": "sunglasses", "包": "bag", "背包": "backpack", "手提包": "handbag", "手表": "watch", "领带": "tie",
    "袜子": "socks", "外套": "coat", "夹克": "jacket", "手套": "gloves", "围巾": "scarf", "雨伞": "umbrella",
    "伞": "umbrella", "戒指": "ring", "项链": "necklace", "王冠": "crown",
    # things
    "电脑": "computer", "笔记本电脑": "laptop", "手机": "phone", "电话": "telephone", "相机": "camera",
    "照相机": "camera", "电视": "television", "键盘": "keyboard", "鼠标": "mouse", "耳机": "headphones",
    "灯": "lamp", "灯泡": "light bulb", "电池": "battery", "收音机": "radio", "时钟": "clock", "钟": "clock",
    "闹钟": "alarm clock", "书": "book", "书本": "book", "笔": "pen", "铅笔": "pencil", "剪刀": "scissors",
    "纸": "paper", "信封": "envelope", "钥匙": "key", "锁": "lock", "锤子": "hammer", "扳手": "wrench",
    "螺丝刀": "screwdriver", "锯": "saw", "斧头": "axe", "刀": "knife", "椅子": "chair", "桌子": "table",
    "床": "bed", "沙发": "sofa", "门": "door", "窗户": "window", "房子": "house", "房屋": "house", "楼": "building",
    "教堂": "church", "城堡": "castle", "塔": "tower", "桥": "bridge", "球": "ball", "足球": "soccer ball",
    "篮球": "basketball", "吉他": "guitar", "钢琴": "piano", "鼓": "drum", "礼物": "gift", "气球": "balloon",
    "蜡烛": "candle", "旗": "flag", "旗子": "flag", "国旗": "flag", "箱子": "box", "盒子": "box", "篮子": "basket",
    "花": "flower", "鲜花": "flower", "玫瑰": "rose", "树": "tree", "树叶": "leaf", "叶子": "leaf", "草": "grass",
    "仙人掌": "cactus", "蘑菇云": "mushroom cloud", "太阳": "sun", "月亮": "moon", "星星": "star", "星": "star",
    "云": "cloud", "雨": "rain", "雪": "snow", "雪人": "snowman", "山": "mountain", "海": "sea", "心": "heart",
    "爱心": "heart", "箭头": "arrow", "笑脸": "smiling face", "脸": "face", "人": "person", "男人": "man",
    "女人": "woman", "孩子": "child", "男孩": "boy", "女孩": "girl", "婴儿": "baby", "医生": "doctor",
    "警察": "police officer", "厨师": "cook", "圣诞树": "christmas tree", "圣诞": "christmas", "南瓜": "pumpkin",
    "圆形": "circle", "圆圈": "circle", "圆": "circle", "方形": "square", "正方形": "square", "方块": "square",
    "三角形": "triangle", "三角": "triangle", "星形": "star", "心形": "heart", "形状": "shape",
    "图片": "picture", "照片": "photo", "图画": "drawing", "画": "painting", "图标": "icon",
    "骷髅": "skull", "鬼": "ghost", "机器人": "robot", "外星人": "alien", "地球": "globe", "地图": "map",
}
# words that carry no meaning for the search ("thing", "product") and are dropped without a note
ZH_IGNORED = ("东西", "商品", "产品", "物品", "款式", "样子", "那种", "一下", "可以", "什么", "哪些", "我们", "你们",
              "喜欢", "想要", "需要", "好看", "漂亮", "可爱")
ZH_WORD_MAX = max(len(word) for word in ZH_WORDS)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_chinese(text: str) -> bool:
    """True when the text contains CJK ideographs."""
    return bool(CJK.search(text or ""))


def translate_chinese(text: str) -> tuple[list[str], list[tuple[str, str]], str]:
    """Longest-match Chinese object words into English.

    Returns ``(english_words, [(chinese, english), ...], leftover_chinese)``; non-Chinese runs pass through.

    >>> translate_chinese("一只小猫和狗")[:2]
    (['kitten', 'dog'], [('小猫', 'kitten'), ('狗', 'dog')])
    """
    words: list[str] = []
    pairs: list[tuple[str, str]] = []
    leftover: list[str] = []
    position = 0
    for ignored in ZH_IGNORED:
        text = text.replace(ignored, " ")
    while position < len(text):
        char = text[position]
        if not CJK.match(char):
            end = position
            while end < len(text) and not CJK.match(text[end]):
                end += 1
            latin = text[position:end].strip()
            if latin and re.search(r"[A-Za-z]", latin):
                words.append(latin)
            position = end
            continue
        for size in range(min(ZH_WORD_MAX, len(text) - position), 0, -1):
            piece = text[position:position + size]
            if piece in ZH_WORDS:
                words.append(ZH_WORDS[piece])
                pairs.append((piece, ZH_WORDS[piece]))
                position += size
                break
        else:
            leftover.append(char)
            position += 1
    return words, pairs, "".join(leftover)
