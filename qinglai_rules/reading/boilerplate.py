"""Web-portal boilerplate that is not part of a document: share bars, related-article lists, footers.

Used by the HTML reader (for every line of the extracted content) and by the text reader (only at the
end and the very start of a file, where scraped pages carry it). Markers are matched on the normalised
text (Simplified, half-width), so 相關文章 and 相关文章 are the same marker.
"""

from __future__ import annotations

import re

from .normalize import normalize

# A line that *starts* with one of these (then ：, a space, a bracket or the end) is boilerplate.
LEAD_MARKERS: tuple[str, ...] = (
    "分享到",
    "分享",
    "相关文章",
    "相关阅读",
    "相关链接",
    "相关新闻",
    "相关信息",
    "相关文件",
    "相关稿件",
    "打印本页",
    "打印此页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "网站地图",
    "联系我们",
    "当前位置",
    "您现在的位置",
    "您的位置",
    "现在位置",
    "扫一扫",
    "微信扫一扫",
    "字号",
    "字体",
    "浏览次数",
    "阅读次数",
    "访问量",
    "收藏本页",
    "加入收藏",
    "返回顶部",
    "设为首页",
    "主办单位",
    "承办单位",
    "主办",
    "承办",
    "技术支持",
    "网站标识码",
    "责任编辑",
)
# A short line that *contains* one of these anywhere is boilerplate.
ANYWHERE_MARKERS: tuple[str, ...] = ("版权所有", "ICP备", "公网安备", "网站标识码", "Copyright", "©")

# Markers that are never document text, wherever they stand in the extracted content.
STRONG_MARKERS: tuple[str, ...] = (
    "分享到",
    "相关文章",
    "相关阅读",
    "相关链接",
    "打印本页",
    "打印此页",
    "关闭窗口",
    "关闭本页",
    "上一篇",
    "下一篇",
    "网站地图",
    "扫一扫",
    "微信扫一扫",
    "字号",
    "收藏本页",
    "返回顶部",
)


def _lead_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"^[\s【\[(]*(?:" + "|".join(map(re.escape, sorted(markers, key=len, reverse=True))) + r")"
        r"(?:[\s:】\]).>|]|$)"
    )


_LEAD = _lead_pattern(LEAD_MARKERS)
_STRONG = _lead_pattern(STRONG_MARKERS)
_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您的位置|现在位置|位置)\s*[:：]|^首页\s*[>›»/]")
_MAX_LINE = 80
_MAX_TRAILER = 40
_SENTENCE_END = tuple("。；!?！？")


def is_boilerplate_line(line: str, strong_only: bool = False) -> bool:
    """True for a short line that is a portal marker (分享到：, 相关文章, 版权所有 …).

    ``strong_only`` limits the lead markers to those that never start document text (分享到, 上一篇 …).
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_LINE:
        return False
    norm = normalize(stripped)
    if (_STRONG if strong_only else _LEAD).match(norm):
        return True
    return any(marker.lower() in norm.lower() for marker in ANYWHERE_MARKERS)


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.match(normalize(line.strip())))


def trailing_cut(lines: list[str]) -> int:
    """Index where trailing portal boilerplate starts (``len(lines)`` when there is none).

    Cuts at the earliest marker line after which only marker lines, blank lines and short lines
    that are not sentences (related-article titles, dates) follow.
    """
    cut = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        if is_boilerplate_line(line):
            cut = index
        elif len(line) > _MAX_TRAILER or line.endswith(_SENTENCE_END):
            break
    return cut


def leading_cut(lines: list[str]) -> int:
    """Index of the first line after leading breadcrumbs/markers (0 when there are none)."""
    index = 0
    while index < len(lines) and (
        not lines[index].strip() or is_breadcrumb(lines[index]) or is_boilerplate_line(lines[index])
    ):
        index += 1
    return index if index < len(lines) else 0
