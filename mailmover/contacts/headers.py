"""Known CSV column headers, in Chinese and English, and what they hold.

Headers are compared after ``normalise_header``: NFKC, case-folded, without spaces and
punctuation, so "E-mail Address", "e_mail address" and "EMAIL ADDRESS" are one key.
"""

from __future__ import annotations

import re
import unicodedata

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
    "given_name": _keys("名", "First Name", "Given Name", "First"),
    "middle_name": _keys("中间名", "Middle Name", "Additional Name"),
    "prefix": _keys("称谓", "称呼", "Title", "Name Prefix", "Prefix"),
    "suffix": _keys("后缀", "Suffix", "Name Suffix"),
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
    ),
    "phone_work": _keys(
        "工作电话",
        "办公电话",
        "单位电话",
        "商务电话",
        "公司电话",
        "商务电话2",
        "电话(工作)",
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
    # Bookkeeping columns that carry nothing a person would miss.
    "ignore": _keys(
        "E-mail Type",
        "E-mail Display Name",
        "E-mail 2 Type",
        "E-mail 2 Display Name",
        "E-mail 3 Type",
        "E-mail 3 Display Name",
        "Priority",
        "Sensitivity",
        "Private",
        "Organization 1 - Type",
        "File As",
        "序号",
        "编号",
        "ID",
    ),
}

SYNONYMS: dict[str, str] = {key: fld for fld, keys in _SYNONYMS.items() for key in keys}

# Google's numbered pairs: "E-mail 1 - Type"/"E-mail 1 - Label" give the kind of the
# address in "E-mail 1 - Value" (which may hold several, separated by " ::: ").
_SLOT_RE = re.compile(r"^(email|phone)(\d+)(type|label|value)$")


def match_header(header: str) -> tuple[str | None, str]:
    """Return (field, slot) for a header; field None when unknown.

    ``slot`` is non-empty only for Google's numbered columns, e.g. ("email", "1") or
    ("email_label", "1").
    """
    key = normalise_header(header)
    if not key:
        return None, ""
    if m := _SLOT_RE.match(key):
        kind, slot, part = m.groups()
        return (kind if part == "value" else f"{kind}_label"), slot
    return SYNONYMS.get(key), ""


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
