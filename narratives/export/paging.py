"""An estimate of where pages break, made while the Word file is written, so the 目录 carries
page numbers as soon as the file is opened (Word recomputes them on opening; a PDF made from the
file shows these).  Fixed line spacing makes text heights exact; table rows are estimated from
the lines each cell needs at its computed width.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Pager:
    height: float = 0.0  # the type area's height in points on the current page
    page: int = 1  # physical page, 1 = the first page of the file
    y: float = 0.0  # points used on the current page
    first_numbered: int = 1  # the physical page that carries the number 1
    pending: float = 0.0  # heights kept with what follows (titles), not yet placed
    pending_start: bool = False
    log: list[tuple[int, str]] = field(default_factory=list)  # (page, what): each page's first thing

    def new_page(self, height: float | None = None) -> None:
        if self.y > 0 or self.pending:
            self.page += 1
        if height is not None:
            self.height = height
        self.y = 0.0

    def restart_numbering(self) -> None:
        self.first_numbered = self.page

    @property
    def number(self) -> int:
        """The printed page number of the current page (0 before numbering starts)."""
        return self.page - self.first_numbered + 1

    def keep(self, h: float) -> int:
        """A block kept with the next one (a title): placed with it.  Returns the page number the
        title will print on, which ``place`` may still move; the caller reads ``number`` after."""
        self.pending += h
        return self.number

    def place(self, h: float, split: bool = False, first: float | None = None) -> None:
        """Place a block of height ``h`` after any pending titles; ``split`` blocks (long
        paragraphs) may run over pages, others move whole to the next page when they do not fit.
        ``first``: for a splittable block, the height that must stay with the titles."""
        need = self.pending + (first if (split and first is not None) else h)
        if self.y + need > self.height and self.y > 0:
            self.page += 1
            self.y = 0.0
        self.y += self.pending
        self.pending = 0.0
        if split:
            self.y += h
            while self.y > self.height:
                self.y -= self.height
                self.page += 1
        else:
            self.y += h

    def rows(self, header: list[float], body: list[float], keep_first: int = 2, keep_last: int = 2,
             whole: bool = False) -> None:
        """A table: header rows repeat on each page; rows never split; the first ``keep_first``
        and last ``keep_last`` body rows stay together (no lone row); ``whole`` keeps it on one page."""
        head = sum(header)
        total = head + sum(body)
        if whole or total <= 0:
            self.place(total)
            return
        start = head + sum(body[:keep_first])
        if self.y + self.pending + start > self.height and self.y > 0:
            self.page += 1
            self.y = 0.0
        self.y += self.pending + head
        self.pending = 0.0
        n = len(body)
        tail = sum(body[max(0, n - keep_last):])
        for i, h in enumerate(body):
            must = tail if i == n - keep_last else h
            if self.y + must > self.height:
                self.page += 1
                self.y = head
            self.y += h
