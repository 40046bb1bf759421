"""Pictures of where to click, drawn with QPainter (no image files to ship or keep in step
with the translations). The webmail's own words stay in Chinese, as the professor sees
them on screen; the caption under each picture is translated."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

RED = QColor("#d32f2f")
GREY = QColor("#9e9e9e")
LIGHT = QColor("#f3f3f3")
BLUE = QColor("#1e6fd9")


class ExmailSettingsPicture(QWidget):
    """Tencent Exmail's webmail: Settings → Client settings (IMAP on, fetch all mail) and
    Account security → Secure login → Generate new password, numbered ① ② ③."""

    BASE = QSize(460, 210)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exmail_picture")
        self.setMinimumSize(QSize(300, 140))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.BASE

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        w = min(width, self.BASE.width())
        return int(w * self.BASE.height() / self.BASE.width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(self.width() / self.BASE.width(), self.height() / self.BASE.height())
        p.scale(scale, scale)
        self._draw(p)
        p.end()

    def _text(self, p: QPainter, x: float, y: float, text: str, *, bold: bool = False,
              color: QColor | None = None, size: float = 9.0) -> None:
        font = QFont(self.font())
        font.setPointSizeF(size)
        font.setBold(bold)
        p.setFont(font)
        p.setPen(color or QColor("#222"))
        p.drawText(QPointF(x, y), text)

    def _mark(self, p: QPainter, rect: QRectF, number: str) -> None:
        p.setPen(QPen(RED, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect, 6, 6)
        p.setBrush(RED)
        p.setPen(Qt.PenStyle.NoPen)
        centre = QPointF(rect.right() + 12, rect.top() + 2)
        p.drawEllipse(centre, 9, 9)
        font = QFont(self.font())
        font.setPointSizeF(8)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(centre.x() - 9, centre.y() - 9, 18, 18),
                   Qt.AlignmentFlag.AlignCenter, number)

    def _draw(self, p: QPainter) -> None:
        # The browser window.
        p.setPen(QPen(GREY, 1))
        p.setBrush(QColor("white"))
        p.drawRoundedRect(QRectF(1, 1, 456, 206), 6, 6)
        p.setBrush(LIGHT)
        p.drawRect(QRectF(1, 1, 456, 22))
        for i, c in enumerate(("#ff5f57", "#febc2e", "#28c840")):
            p.setBrush(QColor(c))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(QPointF(12 + i * 13, 12), 4, 4)
        self._text(p, 60, 16, "exmail.qq.com", color=QColor("#555"), size=8)
        # The menu on the left.
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#eef3fb"))
        p.drawRect(QRectF(1, 23, 90, 184))
        for i, item in enumerate(("收件箱", "通讯录", "文件中转站", "设置")):
            self._text(p, 14, 46 + i * 22, item, bold=item == "设置",
                       color=BLUE if item == "设置" else None)
        # Settings: the tabs.
        self._text(p, 104, 42, "常规", color=QColor("#555"))
        self._text(p, 140, 42, "账户", color=QColor("#555"))
        self._text(p, 176, 42, "客户端设置", bold=True, color=BLUE)
        p.setPen(QPen(BLUE, 2))
        p.drawLine(QPointF(176, 46), QPointF(236, 46))
        # ① IMAP on.
        p.setPen(QPen(QColor("#444"), 1))
        p.setBrush(BLUE)
        p.drawRect(QRectF(106, 62, 10, 10))
        p.setPen(QPen(QColor("white"), 2))
        p.drawLine(QPointF(108, 67), QPointF(110.5, 70))
        p.drawLine(QPointF(110.5, 70), QPointF(114.5, 64))
        self._text(p, 122, 72, "开启 IMAP/SMTP 服务")
        self._mark(p, QRectF(101, 57, 150, 20), "1")
        # ② fetch all mail, not only the last 30 days.
        self._text(p, 106, 100, "收取选项：")
        p.setPen(QPen(QColor("#444"), 1))
        p.setBrush(BLUE)
        p.drawEllipse(QPointF(172, 96), 5, 5)
        self._text(p, 181, 100, "全部")
        p.setBrush(QColor("white"))
        p.drawEllipse(QPointF(246, 96), 5, 5)
        self._text(p, 255, 100, "最近30天", color=QColor("#777"))
        self._mark(p, QRectF(163, 86, 48, 20), "2")
        p.setPen(QPen(QColor("#444"), 1))
        p.setBrush(BLUE)
        p.drawRect(QRectF(106, 114, 10, 10))
        self._text(p, 122, 124, "收取我的文件夹")
        # ③ a client-specific password.
        p.setPen(QPen(QColor("#ddd"), 1))
        p.drawLine(QPointF(100, 140), QPointF(450, 140))
        self._text(p, 106, 160, "账户安全 › 安全登录", color=QColor("#555"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BLUE)
        p.drawRoundedRect(QRectF(106, 172, 86, 22), 4, 4)
        self._text(p, 118, 187, "生成新密码", color=QColor("white"), bold=True)
        self._mark(p, QRectF(101, 168, 96, 30), "3")
