"""Headers that only one program writes, to name the program that wrote a CSV.

A table, no logic: headers.detect_csv_format scores a file's headers against it.
"""

from __future__ import annotations

from .header_keys import header_keys

# Normalised headers that only one program writes, to name the detected format.
SIGNATURES: dict[str, list[str]] = {
    "google_csv": header_keys(
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
    "outlook_csv": header_keys(
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
    "thunderbird_csv": header_keys(
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
    "foxmail_csv": header_keys("QQ", "MSN", "昵称", "手机号码", "Foxmail", "生日", "个人主页"),
    "coremail_csv": header_keys("姓名", "邮箱地址", "电子邮件", "手机", "分组", "邮箱", "备注"),
}
