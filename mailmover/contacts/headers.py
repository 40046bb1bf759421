"""Known CSV column headers, in Chinese and English, and what they hold.

Headers are compared after ``normalise_header``: NFKC, case-folded, without spaces and
punctuation, so "E-mail Address", "e_mail address" and "EMAIL ADDRESS" are one key.
"""

from __future__ import annotations

import re
import unicodedata

# Internal field for LABELLED_NOTE columns; a Column shows it as "notes" (mapping.py).
LABELLED_NOTE = "labelled_note"

_PUNCT_RE = re.compile(r"[\s\-_.:：·/\\()（）\[\]【】\"'#]+")


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").casefold()
    return _PUNCT_RE.sub("", text)


def _keys(*headers: str) -> list[str]:
    return [normalise_header(h) for h in headers]


# field -> headers seen in Coremail, Outlook (en/zh), Google, Thunderbird (en/zh),
# Foxmail/QQ exports, plus common hand-made spellings.
_SYNONYMS: dict[str, list[str]] = {
    "display_name": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "聯絡人",
        "聯絡人姓名",
        "顯示名稱",
        "姓名",
        "名称",
        "名字",
        "全名",
        "显示名称",
        "显示名",
        "显示姓名",  # Thunderbird (zh-CN)
        "联系人",
        "联系人姓名",
        "真实姓名",
        "Name",
        "Display Name",
        "Full Name",
        "Formatted Name",
        "Contact Name",
    ),
    "family_name": _keys("姓", "姓氏", "Last Name", "Family Name", "Surname", "Last"),
    # "名字" is a display name in hand-made books but Thunderbird's First Name next to its
    # "姓氏": mapping.py decides by the other headers.
    "given_name": _keys("名", "First Name", "Given Name", "First"),
    "middle_name": _keys("中间名", "Middle Name", "Additional Name"),
    # Chinese Outlook calls Title "英文称谓" and Suffix "中文称谓".
    "prefix": _keys("称谓", "称呼", "英文称谓", "Title", "Name Prefix", "Prefix"),
    "suffix": _keys("后缀", "中文称谓", "Suffix", "Name Suffix"),
    "nickname": _keys("昵称", "Nickname", "Nick Name", "Short Name"),
    "email": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "電子郵件",
        "電子郵件地址",
        "電郵",
        "電郵地址",
        "郵箱",
        "郵件地址",
        "电子邮件",
        "电子邮件地址",
        "电子邮箱",
        "电子邮箱地址",
        "邮箱",
        "邮箱地址",
        "邮件地址",
        "邮件",
        "Email",
        "E-mail",
        "Mail",
        "Email Address",
        "E-mail Address",
        "Primary Email",
        "Secondary Email",
        "首选邮件",
        "首选电子邮件",
        "主要电子邮件",  # Thunderbird (zh-CN)
        "备用电子邮件",
        "主要电子邮件",
        "第二邮件",
        "第二电子邮件",
        "次要电子邮件",
        "备用邮箱",
        "其他邮箱",
        "其它邮箱",
        "电子邮件2",
        "电子邮件3",
        "电子邮件地址2",
        "电子邮件地址3",
        "电子邮件2地址",
        "电子邮件3地址",
        "邮箱2",
        "邮箱3",
        "Email 2",
        "Email 3",
        "E-mail 2 Address",
        "E-mail 3 Address",
        "Email Address 2",
        "Email Address 3",
        "Other Email",
    ),
    "email_work": _keys(
        "工作邮箱",
        "工作邮件",
        "办公邮箱",
        "单位邮箱",
        "公司邮箱",
        "商务邮箱",
        "Work Email",
        "Business Email",
        "Office Email",
    ),
    "email_home": _keys(
        "个人邮箱",
        "私人邮箱",
        "家庭邮箱",
        "Home Email",
        "Personal Email",
        "Private Email",
    ),
    "mobile": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "手機",
        "手機號碼",
        "行動電話",
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "移动电话号码",
        "Mobile",
        "Mobile Phone",
        "Mobile Number",
        "Cell",
        "Cell Phone",
        "Cellular",
        "Mobile Phone 2",
        "手机号码2",
        "移动电话2",
    ),
    "phone_work": _keys(
        "工作电话",
        "办公电话",
        "单位电话",
        "商务电话",
        "公司电话",
        "商务电话2",
        "电话(工作)",
        "单位主要电话",  # Chinese Outlook: Company Main Phone
        "单位电话2",
        "办公电话2",
        "工作电话2",
        "Work Phone",
        "Business Phone",
        "Business Phone 2",
        "Office Phone",
        "Company Main Phone",
    ),
    "phone_home": _keys(
        "住宅电话",
        "家庭电话",
        "住宅电话2",
        "家里电话",
        "家庭电话",
        "家庭电话2",
        "电话(住宅)",
        "Home Phone",
        "Home Phone 2",
    ),
    "fax": _keys(
        "传真",
        "传真号码",
        "商务传真",
        "住宅传真",
        "工作传真",
        "其他传真",
        "Fax",
        "Fax Number",
        "Business Fax",
        "Home Fax",
        "Other Fax",
    ),
    "phone": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "電話",
        "電話號碼",
        "聯絡電話",
        "电话",
        "电话号码",
        "联系电话",
        "其他电话",
        "其它电话",
        "固定电话",
        "座机",
        "主要电话",
        "回电话",  # Chinese Outlook: Callback, Car Phone, Radio Phone
        "车载电话",
        "无绳电话",
        "无线电话",
        "ISDN",
        "Callback",
        "Car Phone",
        "Radio Phone",
        "Phone",
        "Telephone",
        "Tel",
        "Phone Number",
        "Other Phone",
        "Primary Phone",
    ),
    "organization": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "公司名稱",
        "單位",
        "機構",
        "公司",
        "单位",
        "公司名称",
        "单位名称",
        "工作单位",
        "所在单位",
        "组织",
        "机构",
        "学校",
        "Company",
        "Organization",
        "Organisation",
        "Organization Name",
        "Organization 1 - Name",
        "Org",
    ),
    "department": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "部門",
        "部门",
        "所在部门",
        "院系",
        "学院",
        "科室",
        "Department",
        "Dept",
        "Organization Department",
        "Organization 1 - Department",
    ),
    "title": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "職稱",
        "職位",
        "職務",
        "职位",
        "职务",
        "职称",
        "头衔",
        "岗位",
        "Job Title",
        "Position",
        "Organization Title",
        "Organization 1 - Title",
    ),
    "notes": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "備註",
        "备注",
        "注释",
        "附注",
        "说明",
        "Notes",
        "Note",
        "Comments",
        "Comment",
    ),
    "groups": _keys(
        # Traditional Chinese (Taiwan, Hong Kong) first, then simplified and English.
        "群組",
        "類別",
        "分组",
        "组",
        "组别",
        "群组",
        "类别",
        "联系组",
        "所属分组",
        "所属组",
        "联系人分组",
        "Group",
        "Groups",
        "Group Membership",
        "Labels",
        "Categories",
        "Category",
    ),
    # Bookkeeping columns that carry nothing a person would miss: Outlook derives the
    # address type (SMTP) and display name "Name (address)" from the other columns, and
    # writes Normal/False defaults for priority, sensitivity and private.
    "ignore": _keys(
        "E-mail Type",
        "E-mail Display Name",
        "E-mail 2 Type",
        "E-mail 2 Display Name",
        "E-mail 3 Type",
        "E-mail 3 Display Name",
        "电子邮件类型",
        "电子邮件显示名称",
        "电子邮件显示名",
        "电子邮件 2 类型",
        "电子邮件 2 显示名称",
        "电子邮件 2 显示名",
        "电子邮件 3 类型",
        "电子邮件 3 显示名称",
        "电子邮件 3 显示名",
        "Priority",
        "优先级",
        "Sensitivity",
        "敏感度",
        "Private",
        "私有",
        "Initials",
        "缩写",
        "Internet Free Busy",
        "Internet 忙闲",
        "Directory Server",
        "目录服务器",
        "Organization 1 - Type",
        "File As",
        "Photo",  # a link to Google's copy; photos are not carried (see vcard_reader)
        "照片",
        "头像",
        "序号",
        "编号",
        "ID",
    ),
    # Columns with a person's data but no field of their own in the address book we
    # write: kept as "Header: value" lines in the notes (LABELLED_NOTE), so nothing a
    # user typed is lost and the import needs no extra columns.
    LABELLED_NOTE: _keys(
        # Outlook (English)
        "Business Street",
        "Business Street 2",
        "Business Street 3",
        "Business City",
        "Business State",
        "Business Postal Code",
        "Business Country/Region",
        "Home Street",
        "Home Street 2",
        "Home Street 3",
        "Home City",
        "Home State",
        "Home Postal Code",
        "Home Country/Region",
        "Other Street",
        "Other Street 2",
        "Other Street 3",
        "Other City",
        "Other State",
        "Other Postal Code",
        "Other Country/Region",
        "Business Address PO Box",
        "Home Address PO Box",
        "Other Address PO Box",
        "Assistant's Phone",
        "Assistant's Name",
        "Manager's Name",
        "Pager",
        "TTY/TDD Phone",
        "Telex",
        "Account",
        "Anniversary",
        "Billing Information",
        "Birthday",
        "Children",
        "Gender",
        "Government ID Number",
        "Hobby",
        "Keywords",
        "Language",
        "Location",
        "Mileage",
        "Office Location",
        "Organizational ID Number",
        "Profession",
        "Referred By",
        "Spouse",
        "User 1",
        "User 2",
        "User 3",
        "User 4",
        "Web Page",
        # Outlook (Chinese)
        "商务地址 街道",
        "商务地址 街道 2",
        "商务地址 街道 3",
        "商务地址 市/县",
        "商务地址 省/市/自治区",
        "商务地址 邮政编码",
        "商务地址 国家/地区",
        "住宅地址 街道",
        "住宅地址 街道 2",
        "住宅地址 街道 3",
        "住宅地址 市/县",
        "住宅地址 省/市/自治区",
        "住宅地址 邮政编码",
        "住宅地址 国家/地区",
        "其他地址 街道",
        "其他地址 街道 2",
        "其他地址 街道 3",
        "其他地址 市/县",
        "其他地址 省/市/自治区",
        "其他地址 邮政编码",
        "其他地址 国家/地区",
        "商务地址 - 邮箱",  # "PO box", not an e-mail box
        "住宅地址 - 邮箱",
        "其他地址 - 邮箱",
        "助理的电话",
        "助理的姓名",
        "经理姓名",
        "寻呼机",
        "TTY/TDD 电话",
        "电报",
        "帐户",
        "账户",
        "纪念日",
        "周年纪念日",
        "记帐信息",
        "记账信息",
        "子女",
        "性别",
        "身份证编号",
        "政府 ID 号码",
        "业余爱好",
        "爱好",
        "关键词",
        "语言",
        "地点",
        "位置",
        "里程",
        "办公地点",
        "工作证号码",
        "组织 ID 号码",
        "职业",
        "引用者",
        "推荐人",
        "配偶",
        "用户 1",
        "用户 2",
        "用户 3",
        "用户 4",
        "网页",
        # Thunderbird (English, Chinese)
        "Screen Name",
        "Pager Number",
        "Home Address",
        "Home Address 2",
        "Home ZipCode",
        "Home Country",
        "Work Address",
        "Work Address 2",
        "Work City",
        "Work State",
        "Work ZipCode",
        "Work Country",
        "Web Page 1",
        "Web Page 2",
        "Birth Year",
        "Birth Month",
        "Birth Day",
        "Custom 1",
        "Custom 2",
        "Custom 3",
        "Custom 4",
        "屏幕名",
        "寻呼机号码",
        "家庭地址",
        "家庭地址 2",
        "家庭所在城市",
        "家庭城市",
        "家庭所在省份",
        "家庭省份",
        "家庭邮编",
        "家庭邮政编码",
        "家庭所在国家",
        "家庭国家",
        "工作地址",
        "工作地址 2",
        "工作所在城市",
        "工作城市",
        "工作所在省份",
        "工作省份",
        "工作邮编",
        "工作邮政编码",
        "工作所在国家",
        "工作国家",
        "网页 1",
        "网页 2",
        "出生年份",
        "出生月份",
        "出生日",
        "出生日期",
        "省/自治区/直辖市",  # Thunderbird (zh-CN); its city, zip, country are generic below
        "定制 1",
        "定制 2",
        "定制 3",
        "定制 4",
        "自定义 1",
        "自定义 2",
        "自定义 3",
        "自定义 4",
        # Google (besides its numbered groups, see _NUMBERED_RE)
        "Organization Location",
        "Organization Job Description",
        "Organization Symbol",
        "Organization Phonetic Name",
        "Organization Yomi Name",
        "Phonetic First Name",
        "Phonetic Middle Name",
        "Phonetic Last Name",
        "Yomi Name",
        "Given Name Yomi",
        "Additional Name Yomi",
        "Family Name Yomi",
        "Maiden Name",
        "Occupation",
        "Subject",
        # Foxmail, QQ Mail, Coremail and hand-made books
        "生日",
        "QQ",
        "QQ号",
        "QQ号码",
        "MSN",
        "微信",
        "微信号",
        "WeChat",
        "Skype",
        "ICQ",
        "个人主页",
        "主页",
        "网址",
        "网站",
        "博客",
        "Homepage",
        "Website",
        "Blog",
        "地址",
        "联系地址",
        "通讯地址",
        "办公地址",
        "公司地址",
        "单位地址",
        "Address",
        "邮编",
        "邮政编码",
        "Zip",
        "Zip Code",
        "Postal Code",
        "国家",
        "国家/地区",
        "省份",
        "城市",
        "街道",
        "Country",
        "City",
        "Street",
        "State",
        "Province",
    ),
}

SYNONYMS: dict[str, str] = {key: fld for fld, keys in _SYNONYMS.items() for key in keys}

# Google's numbered pairs: "E-mail 1 - Type"/"E-mail 1 - Label" give the kind of the
# address in "E-mail 1 - Value" (which may hold several, separated by " ::: ").
_SLOT_RE = re.compile(r"^(email|phone)(\d+)(type|label|value)$")


# Google's other numbered groups: "Address 1 - Formatted", "Website 1 - Value",
# "Relation 1 - Label", "Event 1 - Type", "Custom Field 1 - Value", "IM 1 - Service"...
_NUMBERED_RE = re.compile(r"^([a-z]+)(\d+)([a-z]+)$")
# Parts of a numbered group that describe the value ("Home", "Spouse"): no notes line of
# their own, the value's line shows them.
NUMBERED_LABEL_PARTS = frozenset({"type", "label", "service", "protocol"})
# Address parts that "Address N - Formatted" holds already (see mapping.py).
ADDRESS_PARTS = frozenset(
    {"street", "city", "pobox", "region", "postalcode", "country", "extendedaddress"}
)

# Fallback for headers not listed above: words that say the column holds a phone
# number or a detail with no field of its own. Never for headers that mention mail,
# whose column may hold the addresses themselves.
_MAIL_WORDS = ("mail", "邮件", "邮箱", "郵", "信箱")
_PHONE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("fax", "传真"), "fax"),
    (("mobile", "cell", "手机", "移动电话"), "mobile"),
    (("pager", "寻呼", "tty", "telex", "电报", "assistant", "助理"), LABELLED_NOTE),
    (("phone", "tel", "电话"), "phone"),
)
_LABELLED_WORDS = (
    "address",
    "street",
    "city",
    "zip",
    "postal",
    "country",
    "birth",
    "anniversary",
    "web",
    "homepage",
    "url",
    "qq",
    "wechat",
    "地址",
    "街道",
    "城市",
    "邮编",
    "国家",
    "生日",
    "纪念日",
    "网页",
    "主页",
    "网站",
    "微信",
)


def match_header(header: str) -> tuple[str | None, str]:
    """Return (field, slot) for a header; field None when unknown.

    ``slot`` is non-empty only for Google's numbered columns, e.g. ("email", "1"),
    ("email_label", "1"), (LABELLED_NOTE, "address1") or ("ignore", "address1").
    """
    key = normalise_header(header)
    if not key:
        return None, ""
    if m := _SLOT_RE.match(key):
        kind, slot, part = m.groups()
        return (kind if part == "value" else f"{kind}_label"), slot
    if key in SYNONYMS:
        return SYNONYMS[key], ""
    if m := _NUMBERED_RE.match(key):
        kind, number, part = m.groups()
        if "mail" in kind:  # "E-mail 4 Address": more of Outlook's pattern
            if part in ("address", "value"):
                return "email", ""
            return ("ignore" if part in ("type", "displayname") else None), ""
        return ("ignore" if part in NUMBERED_LABEL_PARTS else LABELLED_NOTE), kind + number
    return _guess(key), ""


def _guess(key: str) -> str | None:
    if any(word in key for word in _MAIL_WORDS):
        return None
    for words, fld in _PHONE_WORDS:
        if any(word in key for word in words):
            return fld
    if any(word in key for word in _LABELLED_WORDS):
        return LABELLED_NOTE
    return None


def numbered_part(header: str) -> str:
    """ "formatted" for "Address 1 - Formatted"; "" when not a numbered group."""
    m = _NUMBERED_RE.match(normalise_header(header))
    return m.group(3) if m else ""


# Normalised headers that only one program writes, to name the detected format.
_SIGNATURES: dict[str, list[str]] = {
    "google_csv": _keys(
        "E-mail 1 - Value",
        "Group Membership",
        "Labels",
        "Given Name",
        "Family Name",
        "Name Prefix",
        "Organization 1 - Name",
        "Organization Name",
        "Phone 1 - Value",
    ),
    "outlook_csv": _keys(
        "E-mail Address",
        "E-mail 2 Address",
        "E-mail Display Name",
        "Business Phone",
        "Mobile Phone",
        "Job Title",
        "Company",
        "Categories",
        "电子邮件地址",
        "移动电话",
        "商务电话",
        "职务",
        "单位",
        "住宅电话",
        "英文称谓",
        "中文称谓",
        "电子邮件类型",
        "电子邮件显示名称",
        "商务地址 街道",
        "类别",
        "附注",
    ),
    "thunderbird_csv": _keys(
        "Primary Email",
        "Secondary Email",
        "Display Name",
        "Screen Name",
        "Mobile Number",
        "Fax Number",
        "Pager Number",
        "首选邮件",
        "第二邮件",
        "显示名称",
        "移动电话号码",
        "名字",
        "姓氏",
        "显示姓名",
        "主要电子邮件",
        "备用电子邮件",
        "寻呼机号码",
        "定制 1",
    ),
    "foxmail_csv": _keys("QQ", "MSN", "昵称", "手机号码", "Foxmail", "生日", "个人主页"),
    "coremail_csv": _keys("姓名", "邮箱地址", "电子邮件", "手机", "分组", "邮箱", "备注"),
}


def detect_csv_format(headers: list[str]) -> str:
    """Name the program that most likely wrote these headers (informational only)."""
    keys = {normalise_header(h) for h in headers}
    best, best_score = "csv", 1
    for name, signature in _SIGNATURES.items():
        score = len(keys.intersection(signature))
        if score > best_score:
            best, best_score = name, score
    return best
